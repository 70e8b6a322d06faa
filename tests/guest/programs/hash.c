// hash: FNV-1a 64, a MurmurHash3-style mixer (x64 body + fmix64), splitmix64
// and SipHash-2-4 over generated data, with known-answer tests where published
// values exist (FNV-1a: "", "a", "foobar"; SipHash-2-4: the reference key
// 00..0f with messages 00..0e; splitmix64 from seed 0).
// Host model (independent, in Python): tests/guest/model/hash_model.py.
#include "guest.h"
#include "lcg.h"

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t load64_le(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint64_t fnv1a64(const uint8_t *p, unsigned long n) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned long i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

static uint64_t fmix64(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    k ^= k >> 33;
    return k;
}

// MurmurHash3 x64 body on one 64-bit lane, then fmix64 (not the full 128-bit
// MurmurHash3: a "murmur-like" 64-bit hash). n must be a multiple of 8.
static uint64_t murmur64(const uint8_t *p, unsigned long n, uint64_t seed) {
    const uint64_t c1 = 0x87c37b91114253d5ull, c2 = 0x4cf5ad432745937full;
    uint64_t h = seed;
    for (unsigned long i = 0; i + 8 <= n; i += 8) {
        uint64_t k = load64_le(p + i);
        k *= c1;
        k = rotl(k, 31);
        k *= c2;
        h ^= k;
        h = rotl(h, 27) * 5 + 0x52dce729;
    }
    return fmix64(h ^ n);
}

static uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

#define SIPROUND                                                               \
    do {                                                                       \
        v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);              \
        v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;                                 \
        v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;                                 \
        v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);              \
    } while (0)

static uint64_t siphash24(const uint8_t *m, unsigned long n, uint64_t k0, uint64_t k1) {
    uint64_t v0 = 0x736f6d6570736575ull ^ k0;
    uint64_t v1 = 0x646f72616e646f6dull ^ k1;
    uint64_t v2 = 0x6c7967656e657261ull ^ k0;
    uint64_t v3 = 0x7465646279746573ull ^ k1;
    unsigned long i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w = load64_le(m + i);
        v3 ^= w;
        SIPROUND;
        SIPROUND;
        v0 ^= w;
    }
    uint64_t b = (uint64_t)n << 56;
    for (unsigned long j = 0; i + j < n; j++) b |= (uint64_t)m[i + j] << (8 * j);
    v3 ^= b;
    SIPROUND;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

#define DATA_LEN 4096
static uint8_t data[DATA_LEN];

static void line(const char *label, uint64_t v) {
    put_str(label);
    put_char(' ');
    put_hex(v);
    put_nl();
}

int main(void) {
    uart_init();
    put_line("hash: begin");

    line("kat fnv1a64(\"\")      ", fnv1a64((const uint8_t *)"", 0));
    line("kat fnv1a64(\"a\")     ", fnv1a64((const uint8_t *)"a", 1));
    line("kat fnv1a64(\"foobar\")", fnv1a64((const uint8_t *)"foobar", 6));

    uint8_t key[16], msg[64];
    for (int i = 0; i < 16; i++) key[i] = (uint8_t)i;
    for (int i = 0; i < 64; i++) msg[i] = (uint8_t)i;
    uint64_t k0 = load64_le(key), k1 = load64_le(key + 8);
    line("kat siphash24(len 0) ", siphash24(msg, 0, k0, k1));
    line("kat siphash24(len 15)", siphash24(msg, 15, k0, k1));
    uint64_t fold = 0;
    for (int n = 0; n < 64; n++) fold = rotl(fold, 7) ^ siphash24(msg, (unsigned long)n, k0, k1);
    line("siphash24 lens 0..63 fold", fold);

    uint64_t sm = 0;
    line("kat splitmix64(0) #1 ", splitmix64(&sm));
    line("splitmix64(0) #2     ", splitmix64(&sm));
    line("splitmix64(0) #3     ", splitmix64(&sm));
    line("fmix64(1)            ", fmix64(1));
    line("fmix64(0xdeadbeef)   ", fmix64(0xdeadbeefull));

    uint64_t s = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < DATA_LEN; i++) data[i] = (uint8_t)(lcg_next(&s) >> 40);

    line("data fnv1a64         ", fnv1a64(data, DATA_LEN));
    line("data murmur64 seed 0 ", murmur64(data, DATA_LEN, 0));
    line("data murmur64 seed 42", murmur64(data, DATA_LEN, 42));
    line("data siphash24       ", siphash24(data, DATA_LEN, k0, k1));
    line("data siphash24 odd   ", siphash24(data + 3, DATA_LEN - 10, 0x0706050403020100ull ^ fold, ~k1));

    // Many short messages at every offset/length: 64 x 64 hashes folded.
    uint64_t acc = 0;
    for (int off = 0; off < 64; off++)
        for (int n = 0; n < 64; n++) {
            acc = rotl(acc, 11) ^ fnv1a64(data + off, (unsigned long)n);
            acc += siphash24(data + off * 7, (unsigned long)n, acc, (uint64_t)off);
            acc ^= murmur64(data + off * 13, (unsigned long)(n & ~7), acc);
        }
    line("short messages fold  ", acc);

    put_line("hash: end");
    return 0;
}
