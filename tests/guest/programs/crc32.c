// crc32: the CRC32{B,H,W,X} and CRC32C{B,H,W,X} instructions (ARMv8.0 CRC
// extension; built with -march=armv8-a+crc).
// The instructions do no initial or final inversion: the standard CRC-32 /
// CRC-32C of a message is ~crc(~0, message). Host model:
// tests/guest/model/crc32_model.c (bitwise, reflected polynomials).
#include "guest.h"
#include "lcg.h"

#define CRC_OP(name, insn, wm)                                               \
    static inline uint32_t name(uint32_t acc, uint64_t data) {               \
        uint32_t r;                                                          \
        __asm__ volatile(insn " %w0, %w1, %" wm "2" : "=r"(r) : "r"(acc), "r"(data)); \
        return r;                                                            \
    }
CRC_OP(crc32b, "crc32b", "w")
CRC_OP(crc32h, "crc32h", "w")
CRC_OP(crc32w, "crc32w", "w")
CRC_OP(crc32x, "crc32x", "x")
CRC_OP(crc32cb, "crc32cb", "w")
CRC_OP(crc32ch, "crc32ch", "w")
CRC_OP(crc32cw, "crc32cw", "w")
CRC_OP(crc32cx, "crc32cx", "x")

typedef uint32_t (*crc_fn)(uint32_t, uint64_t);

#define BUF_LEN 1024
static uint8_t buf[BUF_LEN];

static uint64_t load_le(const uint8_t *p, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint32_t crc_buf(crc_fn fn, int width, uint32_t acc, const uint8_t *p, unsigned len) {
    for (unsigned i = 0; i + (unsigned)width <= len; i += (unsigned)width)
        acc = fn(acc, load_le(p + i, width));
    return acc;
}

static const struct {
    const char *name;
    crc_fn fn;
    int width;
} ops[8] = {
    {"crc32b ", crc32b, 1},  {"crc32h ", crc32h, 2},  {"crc32w ", crc32w, 4},
    {"crc32x ", crc32x, 8},  {"crc32cb", crc32cb, 1}, {"crc32ch", crc32ch, 2},
    {"crc32cw", crc32cw, 4}, {"crc32cx", crc32cx, 8},
};

int main(void) {
    uart_init();
    put_line("crc32: begin");

    static const char check[] = "123456789";
    put_str("kat crc32(\"123456789\")  = ");
    put_hex32(~crc_buf(crc32b, 1, 0xffffffffu, (const uint8_t *)check, 9));
    put_nl();
    put_str("kat crc32c(\"123456789\") = ");
    put_hex32(~crc_buf(crc32cb, 1, 0xffffffffu, (const uint8_t *)check, 9));
    put_nl();

    uint64_t s = 0x243F6A8885A308D3ull;
    for (unsigned i = 0; i < BUF_LEN; i++) buf[i] = (uint8_t)(lcg_next(&s) >> 56);

    // The same 1024 bytes fed 1, 2, 4 or 8 bytes at a time: same CRC.
    for (int k = 0; k < 8; k++) {
        put_str("buf ");
        put_str(ops[k].name);
        put_str(" raw ");
        put_hex32(crc_buf(ops[k].fn, ops[k].width, 0, buf, BUF_LEN));
        put_str(" std ");
        put_hex32(~crc_buf(ops[k].fn, ops[k].width, 0xffffffffu, buf, BUF_LEN));
        put_nl();
    }

    // Single instructions; the data register has bits above the operand
    // width set, which the B/H/W forms must ignore.
    static const uint32_t accs[] = {0x00000000u, 0xffffffffu, 0x12345678u, 0x80000001u};
    static const uint64_t datas[] = {0x0000000000000000ull, 0xffffffffffffffffull,
                                     0xdeadbeefcafef00dull, 0x0123456789abcdefull,
                                     0x8000000000000001ull};
    for (unsigned a = 0; a < sizeof accs / sizeof accs[0]; a++) {
        for (unsigned d = 0; d < sizeof datas / sizeof datas[0]; d++) {
            put_str("acc ");
            put_hex32(accs[a]);
            put_str(" data ");
            put_hex(datas[d]);
            put_str(":");
            for (int k = 0; k < 8; k++) {
                put_char(' ');
                put_hex32(ops[k].fn(accs[a], datas[d]));
            }
            put_nl();
        }
    }

    // A running CRC over a long stream (16 MiB of bytes, 2 Mi crc32cx steps).
    uint32_t acc = 0xffffffffu;
    uint64_t t = 1;
    for (unsigned i = 0; i < (1u << 21); i++) acc = crc32cx(acc, xorshift64s(&t));
    put_str("stream crc32cx ");
    put_hex32(acc);
    put_nl();

    put_line("crc32: end");
    return 0;
}
