// imgfilter: 8-bit image filtering, 256 x 128 pixels, BENCH_REPS rounds of
//   1. a separable 3x3 binomial blur [1 2 1]^T [1 2 1] / 16 (rounded): a horizontal
//      pass into 16-bit sums, then a vertical pass narrowed back to 8 bits;
//   2. a Sobel gradient |gx| + |gy| on the blurred image in 16-bit, saturated to 8 bits;
//   3. the image for the next round: the gradient folded into the blur with a
//      saturating add and a per-round XOR, so every round filters new pixels.
// Border pixels (first/last row and column) are copied through unchanged.
//
// On AArch64 the inner loops are written with NEON intrinsics, 16 pixels (or 8 16-bit
// sums) at a time: vaddl/vaddw, vshlq_n, vrshrn_n, vsubq/vabsq/vqaddq, vqmovun,
// vqaddq_u8 ... (imgfilter is the workload that runs hand-written AdvSIMD); elsewhere
// (the x86-64 native twin) plain C computes the same integer function pixel by pixel,
// and the checksum must be identical. The leftover columns of each row take the plain C
// path on both. The loads are at any byte offset: LD1 {v.16b} / {v.8b} (one-byte
// elements, so no alignment fault on Device memory), never LDR Q.
//
// FP workload (it needs AdvSIMD registers): built with the guest's FP flags at -O2.
#include "bench.h"

#if defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
#define IMG_NEON 1
#else
#define IMG_NEON 0
#endif

#ifndef BENCH_REPS
#define BENCH_REPS 1400
#endif

const char bench_name[] = "imgfilter";

#define W 256
#define H 128
static uint8_t img[H][W] __attribute__((aligned(16)));
static uint16_t hsum[H][W] __attribute__((aligned(16)));  // horizontal [1 2 1] sums
static uint8_t blur[H][W] __attribute__((aligned(16)));
static uint8_t grad[H][W] __attribute__((aligned(16)));

#if IMG_NEON
// LD1/ST1 written out: with -mstrict-align (the MMU is off, all memory is Device
// memory, where an unaligned access faults) GCC 12 expands a vld1q_u8 of unknown
// alignment into 16 single-byte loads. LD1 {v.16b} has one-byte elements, so it may
// use any address.
static inline uint8x16_t ld16(const uint8_t *p) {
    uint8x16_t v;
    __asm__("ld1 {%0.16b}, [%1]" : "=w"(v) : "r"(p) : "memory");
    return v;
}
static inline void st16(uint8_t *p, uint8x16_t v) {
    __asm__("st1 {%0.16b}, [%1]" : : "w"(v), "r"(p) : "memory");
}
static inline uint8x8_t ld8(const uint8_t *p) {
    uint8x8_t v;
    __asm__("ld1 {%0.8b}, [%1]" : "=w"(v) : "r"(p) : "memory");
    return v;
}
static inline void st8(uint8_t *p, uint8x8_t v) {
    __asm__("st1 {%0.8b}, [%1]" : : "w"(v), "r"(p) : "memory");
}
static inline uint16x8_t ld8h(const uint16_t *p) {
    uint16x8_t v;
    __asm__("ld1 {%0.8h}, [%1]" : "=w"(v) : "r"(p) : "memory");
    return v;
}
static inline void st8h(uint16_t *p, uint16x8_t v) {
    __asm__("st1 {%0.8h}, [%1]" : : "w"(v), "r"(p) : "memory");
}
#endif

static inline int iabs(int v) { return v < 0 ? -v : v; }
static inline uint8_t sat8(int v) { return (uint8_t)(v > 255 ? 255 : v); }

static void hpass(void) {
    for (int y = 0; y < H; y++) {
        int x = 1;
#if IMG_NEON
        for (; x + 16 <= W - 1; x += 16) {
            uint8x16_t l = ld16(&img[y][x - 1]), m = ld16(&img[y][x]), r = ld16(&img[y][x + 1]);
            uint16x8_t lo = vaddl_u8(vget_low_u8(l), vget_low_u8(r));
            uint16x8_t hi = vaddl_high_u8(l, r);
            lo = vaddq_u16(lo, vshll_n_u8(vget_low_u8(m), 1));
            hi = vaddq_u16(hi, vshll_high_n_u8(m, 1));
            st8h(&hsum[y][x], lo);
            st8h(&hsum[y][x + 8], hi);
        }
#endif
        for (; x < W - 1; x++) hsum[y][x] = (uint16_t)(img[y][x - 1] + 2 * img[y][x] + img[y][x + 1]);
    }
}

static void vpass(void) {
    for (int y = 1; y < H - 1; y++) {
        blur[y][0] = img[y][0];
        blur[y][W - 1] = img[y][W - 1];
        int x = 1;
#if IMG_NEON
        for (; x + 16 <= W - 1; x += 16) {
            uint16x8_t s0 = vaddq_u16(vaddq_u16(ld8h(&hsum[y - 1][x]), ld8h(&hsum[y + 1][x])),
                                      vshlq_n_u16(ld8h(&hsum[y][x]), 1));
            uint16x8_t s1 = vaddq_u16(vaddq_u16(ld8h(&hsum[y - 1][x + 8]), ld8h(&hsum[y + 1][x + 8])),
                                      vshlq_n_u16(ld8h(&hsum[y][x + 8]), 1));
            st16(&blur[y][x], vcombine_u8(vrshrn_n_u16(s0, 4), vrshrn_n_u16(s1, 4)));
        }
#endif
        for (; x < W - 1; x++)
            blur[y][x] = (uint8_t)((hsum[y - 1][x] + 2 * hsum[y][x] + hsum[y + 1][x] + 8) >> 4);
    }
    for (int x = 0; x < W; x++) {
        blur[0][x] = img[0][x];
        blur[H - 1][x] = img[H - 1][x];
    }
}

static void sobel(void) {
    for (int y = 1; y < H - 1; y++) {
        grad[y][0] = 0;
        grad[y][W - 1] = 0;
        int x = 1;
#if IMG_NEON
        for (; x + 8 <= W - 1; x += 8) {
            // 8 pixels at a time in 16-bit: gx = (r0 + 2 r1 + r2)[x+1] - (...)[x-1], gy likewise
            int16x8_t p[3][3];
            for (int dy = 0; dy < 3; dy++)
                for (int dx = 0; dx < 3; dx++)
                    p[dy][dx] = vreinterpretq_s16_u16(vmovl_u8(ld8(&blur[y + dy - 1][x + dx - 1])));
            int16x8_t gx = vsubq_s16(vaddq_s16(vaddq_s16(p[0][2], p[2][2]), vshlq_n_s16(p[1][2], 1)),
                                     vaddq_s16(vaddq_s16(p[0][0], p[2][0]), vshlq_n_s16(p[1][0], 1)));
            int16x8_t gy = vsubq_s16(vaddq_s16(vaddq_s16(p[2][0], p[2][2]), vshlq_n_s16(p[2][1], 1)),
                                     vaddq_s16(vaddq_s16(p[0][0], p[0][2]), vshlq_n_s16(p[0][1], 1)));
            int16x8_t mag = vqaddq_s16(vabsq_s16(gx), vabsq_s16(gy));
            st8(&grad[y][x], vqmovun_s16(mag));
        }
#endif
        for (; x < W - 1; x++) {
            const uint8_t *r0 = &blur[y - 1][x], *r1 = &blur[y][x], *r2 = &blur[y + 1][x];
            int gx = (r0[1] + 2 * r1[1] + r2[1]) - (r0[-1] + 2 * r1[-1] + r2[-1]);
            int gy = (r2[-1] + 2 * r2[0] + r2[1]) - (r0[-1] + 2 * r0[0] + r0[1]);
            grad[y][x] = sat8(iabs(gx) + iabs(gy));
        }
    }
}

static void next_image(unsigned r) {
    const uint8_t k = (uint8_t)(r * 37 + 11);
    for (int y = 1; y < H - 1; y++) {
        int x = 0;
#if IMG_NEON
        const uint8x16_t kv = vdupq_n_u8(k);
        for (; x + 16 <= W; x += 16)
            st16(&img[y][x], veorq_u8(vqaddq_u8(ld16(&blur[y][x]), vshrq_n_u8(ld16(&grad[y][x]), 2)), kv));
#endif
        for (; x < W; x++) img[y][x] = (uint8_t)(sat8(blur[y][x] + (grad[y][x] >> 2)) ^ k);
    }
}

void bench_run(void) {
    uint64_t s = bench_seed();
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x += 8) {
            uint64_t v = bench_rand(&s);
            for (int i = 0; i < 8; i++) img[y][x + i] = (uint8_t)(v >> (8 * i));
        }
    uint64_t digest = 0, gsum = 0;
    for (unsigned r = 0; r < BENCH_REPS; r++) {
        hpass();
        vpass();
        sobel();
        uint64_t h = r;
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x += 8) {
                uint64_t w = 0;
                for (int i = 0; i < 8; i++) w |= (uint64_t)grad[y][x + i] << (8 * i);
                h = (h ^ w) * 0x100000001b3ull;
                gsum += w & 0xff;
            }
        digest = bench_rotl(digest, 7) ^ h;
        next_image(r);
    }
    uint64_t bh = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) bh = (bh ^ blur[y][x]) * 0x100000001b3ull;
    bench_out("grad sum  ", gsum);
    bench_out("blur hash ", bh);
    bench_out("digest    ", digest);
}
