// Host model of programs/crc32.c: plain bitwise CRC, no CRC instructions.
// ARM CRC32* (Arm ARM C6.2, CRC32B etc.): reflected CRC over the low 8/16/32/64
// bits of the data, least significant bit first, polynomial 0x04C11DB7 (CRC32)
// or 0x1EDC6F41 (CRC32C), no inversion. Reflected polynomials: 0xEDB88320,
// 0x82F63B78.
//   cc -O2 -I../programs crc32_model.c -o crc32_model && ./crc32_model
#include <stdint.h>
#include <stdio.h>
#include "lcg.h"

static uint32_t crc_bits(uint32_t acc, uint64_t data, int nbytes, uint32_t poly) {
    for (int i = 0; i < 8 * nbytes; i++) {
        uint32_t bit = (acc ^ (uint32_t)(data >> i)) & 1;
        acc = (acc >> 1) ^ (bit ? poly : 0);
    }
    return acc;
}

#define P32 0xEDB88320u
#define P32C 0x82F63B78u

static const struct {
    const char *name;
    int width;
    uint32_t poly;
} ops[8] = {
    {"crc32b ", 1, P32},  {"crc32h ", 2, P32},  {"crc32w ", 4, P32},  {"crc32x ", 8, P32},
    {"crc32cb", 1, P32C}, {"crc32ch", 2, P32C}, {"crc32cw", 4, P32C}, {"crc32cx", 8, P32C},
};

static uint64_t load_le(const uint8_t *p, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint32_t crc_buf(int k, uint32_t acc, const uint8_t *p, unsigned len) {
    for (unsigned i = 0; i + (unsigned)ops[k].width <= len; i += (unsigned)ops[k].width)
        acc = crc_bits(acc, load_le(p + i, ops[k].width), ops[k].width, ops[k].poly);
    return acc;
}

int main(void) {
    printf("crc32: begin\n");
    const uint8_t *check = (const uint8_t *)"123456789";
    printf("kat crc32(\"123456789\")  = 0x%08x\n", ~crc_buf(0, 0xffffffffu, check, 9));
    printf("kat crc32c(\"123456789\") = 0x%08x\n", ~crc_buf(4, 0xffffffffu, check, 9));

    static uint8_t buf[1024];
    uint64_t s = 0x243F6A8885A308D3ull;
    for (unsigned i = 0; i < 1024; i++) buf[i] = (uint8_t)(lcg_next(&s) >> 56);
    for (int k = 0; k < 8; k++)
        printf("buf %s raw 0x%08x std 0x%08x\n", ops[k].name, crc_buf(k, 0, buf, 1024),
               ~crc_buf(k, 0xffffffffu, buf, 1024));

    static const uint32_t accs[] = {0x00000000u, 0xffffffffu, 0x12345678u, 0x80000001u};
    static const uint64_t datas[] = {0x0000000000000000ull, 0xffffffffffffffffull,
                                     0xdeadbeefcafef00dull, 0x0123456789abcdefull,
                                     0x8000000000000001ull};
    for (unsigned a = 0; a < 4; a++) {
        for (unsigned d = 0; d < 5; d++) {
            printf("acc 0x%08x data 0x%016llx:", accs[a], (unsigned long long)datas[d]);
            for (int k = 0; k < 8; k++)
                printf(" 0x%08x", crc_bits(accs[a], datas[d], ops[k].width, ops[k].poly));
            printf("\n");
        }
    }

    uint32_t acc = 0xffffffffu;
    uint64_t t = 1;
    for (unsigned i = 0; i < (1u << 21); i++) acc = crc_bits(acc, xorshift64s(&t), 8, P32C);
    printf("stream crc32cx 0x%08x\n", acc);
    printf("crc32: end\n");
    return 0;
}
