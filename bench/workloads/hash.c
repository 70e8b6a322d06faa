// hash: five hash functions over a 16 KiB buffer, BENCH_REPS rounds; each
// round flips one word of the buffer with the previous round's digest so no
// two rounds hash the same data.
//   FNV-1a 64 (byte at a time, multiply-bound), CRC-32 (table-driven, byte at
//   a time, load-bound), a MurmurHash3-x64-style 64-bit hash, SipHash-2-4 and
//   XXH64 (word at a time, rotate/multiply-bound).
#include "bench.h"

#ifndef BENCH_REPS
#define BENCH_REPS 9500
#endif

const char bench_name[] = "hash";

#define WORDS 2048  // 16 KiB
static uint64_t buf[WORDS];
static uint32_t crc_table[256];

static uint64_t fnv1a64(const uint8_t *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

static void crc32_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static uint64_t fmix64(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    k ^= k >> 33;
    return k;
}

static uint64_t murmur64(const uint64_t *w, size_t nwords, uint64_t seed) {
    const uint64_t c1 = 0x87c37b91114253d5ull, c2 = 0x4cf5ad432745937full;
    uint64_t h = seed;
    for (size_t i = 0; i < nwords; i++) {
        uint64_t k = w[i] * c1;
        k = bench_rotl(k, 31) * c2;
        h ^= k;
        h = bench_rotl(h, 27) * 5 + 0x52dce729;
    }
    return fmix64(h ^ (nwords * 8));
}

#define SIPROUND                                                                        \
    do {                                                                                \
        v0 += v1; v1 = bench_rotl(v1, 13); v1 ^= v0; v0 = bench_rotl(v0, 32);          \
        v2 += v3; v3 = bench_rotl(v3, 16); v3 ^= v2;                                    \
        v0 += v3; v3 = bench_rotl(v3, 21); v3 ^= v0;                                    \
        v2 += v1; v1 = bench_rotl(v1, 17); v1 ^= v2; v2 = bench_rotl(v2, 32);          \
    } while (0)

// SipHash-2-4 of a whole number of little-endian words.
static uint64_t siphash24(const uint64_t *w, size_t nwords, uint64_t k0, uint64_t k1) {
    uint64_t v0 = 0x736f6d6570736575ull ^ k0, v1 = 0x646f72616e646f6dull ^ k1;
    uint64_t v2 = 0x6c7967656e657261ull ^ k0, v3 = 0x7465646279746573ull ^ k1;
    for (size_t i = 0; i < nwords; i++) {
        uint64_t m = w[i];
        v3 ^= m;
        SIPROUND;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t b = (uint64_t)(nwords * 8) << 56;
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

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull
#define P4 0x85EBCA77C2B2AE63ull
#define P5 0x27D4EB2F165667C5ull

static inline uint64_t xxh_round(uint64_t acc, uint64_t in) {
    acc += in * P2;
    return bench_rotl(acc, 31) * P1;
}
static inline uint64_t xxh_merge(uint64_t acc, uint64_t v) {
    acc ^= xxh_round(0, v);
    return acc * P1 + P4;
}

// XXH64 of a multiple of 32 bytes.
static uint64_t xxh64(const uint64_t *w, size_t nwords, uint64_t seed) {
    uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
    for (size_t i = 0; i + 4 <= nwords; i += 4) {
        v1 = xxh_round(v1, w[i]);
        v2 = xxh_round(v2, w[i + 1]);
        v3 = xxh_round(v3, w[i + 2]);
        v4 = xxh_round(v4, w[i + 3]);
    }
    uint64_t h = bench_rotl(v1, 1) + bench_rotl(v2, 7) + bench_rotl(v3, 12) + bench_rotl(v4, 18);
    h = xxh_merge(h, v1);
    h = xxh_merge(h, v2);
    h = xxh_merge(h, v3);
    h = xxh_merge(h, v4);
    h += nwords * 8;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

void bench_run(void) {
    uint64_t s = bench_seed();
    for (size_t i = 0; i < WORDS; i++) buf[i] = bench_rand(&s);
    crc32_init();

    const uint8_t *bytes = (const uint8_t *)buf;
    uint64_t f = 0, c = 0, m = 0, sh = 0, x = 0, digest = 0;
    for (unsigned r = 0; r < BENCH_REPS; r++) {
        uint64_t hf = fnv1a64(bytes, sizeof buf);
        uint64_t hc = crc32(bytes, sizeof buf);
        uint64_t hm = murmur64(buf, WORDS, r);
        uint64_t hs = siphash24(buf, WORDS, digest, r);
        uint64_t hx = xxh64(buf, WORDS, digest);
        f = bench_rotl(f, 1) ^ hf;
        c = bench_rotl(c, 1) ^ hc;
        m = bench_rotl(m, 1) ^ hm;
        sh = bench_rotl(sh, 1) ^ hs;
        x = bench_rotl(x, 1) ^ hx;
        digest = hf ^ hc ^ hm ^ hs ^ hx;
        buf[digest % WORDS] ^= digest;
    }
    bench_out("fnv1a64", f);
    bench_out("crc32  ", c);
    bench_out("murmur ", m);
    bench_out("sip24  ", sh);
    bench_out("xxh64  ", x);
    bench_out("digest ", digest);
}
