// memops: memcpy/memset/memmove-heavy. Word-at-a-time implementations written
// here (naturally aligned 64-bit accesses only, as a bare-metal libc with
// -mstrict-align would: an unaligned source is copied by shifting and merging
// aligned words), driven by BENCH_REPS rounds of 48 random operations of up to
// 32 KiB at random byte offsets in two 256 KiB buffers, each round ending with
// a checksum pass over both buffers.
#include "bench.h"

#ifndef BENCH_REPS
#define BENCH_REPS 2400
#endif

const char bench_name[] = "memops";

#define BUF_WORDS 32768          // 256 KiB
#define BUF_BYTES (BUF_WORDS * 8)
#define MAX_LEN 32768
// 8 words of slack at the end: the shift-and-merge copy reads (within the
// same aligned word) up to 7 bytes past its source.
static uint64_t buf_a[BUF_WORDS + 8], buf_b[BUF_WORDS + 8];

// Forward copy; also correct for overlapping buffers when dst < src.
static void copy_forward(uint8_t *d, const uint8_t *s, size_t n) {
    while (n && ((uintptr_t)d & 7)) {
        *d++ = *s++;
        n--;
    }
    unsigned k = (uintptr_t)s & 7;
    if (n >= 8 && k == 0) {
        uint64_t *dw = (uint64_t *)d;
        const uint64_t *sw = (const uint64_t *)s;
        for (; n >= 32; n -= 32, dw += 4, sw += 4) {
            uint64_t w0 = sw[0], w1 = sw[1], w2 = sw[2], w3 = sw[3];
            dw[0] = w0; dw[1] = w1; dw[2] = w2; dw[3] = w3;
        }
        for (; n >= 8; n -= 8) *dw++ = *sw++;
        d = (uint8_t *)dw;
        s = (const uint8_t *)sw;
    } else if (n >= 16) {
        // dst aligned, src k bytes past an aligned word: merge neighbours
        const uint64_t *sw = (const uint64_t *)(s - k);
        uint64_t *dw = (uint64_t *)d;
        unsigned rs = 8 * k, ls = 64 - rs;
        uint64_t cur = *sw++;
        for (; n >= 16; n -= 8) {
            uint64_t next = *sw++;
            *dw++ = (cur >> rs) | (next << ls);
            cur = next;
        }
        d = (uint8_t *)dw;
        s = (const uint8_t *)sw - 8 + k;
    }
    while (n--) *d++ = *s++;
}

static void copy_backward(uint8_t *d, const uint8_t *s, size_t n) {
    d += n;
    s += n;
    if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
        while (n && ((uintptr_t)d & 7)) {
            *--d = *--s;
            n--;
        }
        uint64_t *dw = (uint64_t *)d;
        const uint64_t *sw = (const uint64_t *)s;
        for (; n >= 32; n -= 32) {
            dw -= 4;
            sw -= 4;
            uint64_t w3 = sw[3], w2 = sw[2], w1 = sw[1], w0 = sw[0];
            dw[3] = w3; dw[2] = w2; dw[1] = w1; dw[0] = w0;
        }
        for (; n >= 8; n -= 8) *--dw = *--sw;
        d = (uint8_t *)dw;
        s = (const uint8_t *)sw;
    }
    while (n--) *--d = *--s;
}

static void bm_memcpy(void *dst, const void *src, size_t n) { copy_forward(dst, src, n); }

static void bm_memmove(void *dst, const void *src, size_t n) {
    if ((uintptr_t)dst <= (uintptr_t)src) copy_forward(dst, src, n);
    else copy_backward(dst, src, n);
}

static void bm_memset(void *dst, int c, size_t n) {
    uint8_t *d = dst;
    while (n && ((uintptr_t)d & 7)) {
        *d++ = (uint8_t)c;
        n--;
    }
    uint64_t w = (uint8_t)c * 0x0101010101010101ull;
    uint64_t *dw = (uint64_t *)d;
    for (; n >= 32; n -= 32, dw += 4) {
        dw[0] = w; dw[1] = w; dw[2] = w; dw[3] = w;
    }
    for (; n >= 8; n -= 8) *dw++ = w;
    d = (uint8_t *)dw;
    while (n--) *d++ = (uint8_t)c;
}

static uint64_t checksum_words(const uint64_t *w, size_t n) {
    uint64_t h0 = 0, h1 = 0;
    for (size_t i = 0; i < n; i += 2) {
        h0 = bench_rotl(h0 + w[i], 7);
        h1 = bench_rotl(h1 ^ w[i + 1], 11);
    }
    return h0 ^ (h1 * 0x9e3779b97f4a7c15ull);
}

void bench_run(void) {
    uint64_t s = bench_seed();
    for (size_t i = 0; i < BUF_WORDS; i++) {
        buf_a[i] = bench_rand(&s);
        buf_b[i] = ~buf_a[i];
    }
    uint8_t *a = (uint8_t *)buf_a, *b = (uint8_t *)buf_b;
    uint64_t digest = 0, bytes = 0;
    for (unsigned r = 0; r < BENCH_REPS; r++) {
        for (int op = 0; op < 48; op++) {
            uint64_t x = bench_rand(&s);
            size_t len = (size_t)(x & (MAX_LEN - 1));
            size_t off1 = (size_t)((x >> 16) % (BUF_BYTES - MAX_LEN));
            size_t off2 = (size_t)((x >> 40) % (BUF_BYTES - MAX_LEN));
            uint8_t *p = (x & (1ull << 63)) ? a : b, *q = p == a ? b : a;
            switch ((x >> 60) & 7) {
            case 0: bm_memset(p + off1, (int)(x >> 32), len); break;
            case 1: case 2: bm_memmove(p + off1, p + off2, len); break;
            default: bm_memcpy(q + off1, p + off2, len); break;
            }
            bytes += len;
        }
        digest = bench_rotl(digest, 5) ^ checksum_words(buf_a, BUF_WORDS) ^
                 bench_rotl(checksum_words(buf_b, BUF_WORDS), 32);
    }
    bench_out("bytes ", bytes);
    bench_out("digest", digest);
}
