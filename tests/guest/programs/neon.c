// neon: AdvSIMD through the ACLE intrinsics of <arm_neon.h>, one or more intrinsics of
// each family: arithmetic (wrapping, saturating, doubling-high, FP incl. fused),
// shifts (immediate, register, rounding, accumulating, inserting, narrowing,
// saturating), widening/narrowing moves, long multiplies (+ high halves, polynomial),
// pairwise and across-vector reductions, table lookups, permutes (zip/uzp/trn/ext/rev),
// bit counts, conversions (incl. fixed-point and out-of-range values), reciprocal and
// reciprocal square root estimates and steps, FP rounding, lane moves, structure
// loads/stores (ld2/3/4, st2/3/4, lane and replicate forms), compares, select, absolute
// differences. Every result is printed as hex (each 64-bit half as one number, lane 0
// in the low bits), so NaN payloads and signed zeros count too.
//
// The inputs are mixed with a volatile zero at run time, so GCC cannot fold the
// intrinsics away: each one below is executed by the guest. Expected output: QEMU
// (-M raspi3b), whose AdvSIMD implementation shares nothing with bramble
// (fp_expected.sh); there is no host twin for this one.
#include <arm_neon.h>

#include "guest.h"

static volatile uint64_t zero_cell = 0;

static void dump(const char *name, const void *p, unsigned n) {
    const uint8_t *b = p;
    put_str(name);
    for (unsigned i = 0; i < n; i += 8) {
        unsigned m = n - i < 8 ? n - i : 8;
        uint64_t w = 0;
        for (unsigned j = 0; j < m; j++) w |= (uint64_t)b[i + j] << (8 * j);
        put_char(' ');
        put_hexn(w, (int)(2 * m));
    }
    put_nl();
}

#define P(name, expr)                     \
    do {                                  \
        __typeof__(expr) t_ = (expr);     \
        dump(name, &t_, sizeof t_);       \
    } while (0)

static const uint8_t kA[16] = {0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x40, 0xc0,
                               0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
static const uint8_t kB[16] = {0xff, 0x01, 0x01, 0x80, 0x01, 0x7f, 0xc0, 0x40,
                               0x21, 0x43, 0x65, 0x87, 0xa9, 0xcb, 0xed, 0x0f};
static const float kF[16] = {1.5f,   -2.25f,   3.0e38f,  -0.0f,       1e-40f,     __builtin_inff(),
                             __builtin_nanf(""), 0.5f, 2.5f, -1.5f, 1e10f,  -7.75f,
                             100.5f, -0.5f, 3.4999f, 16777217.0f};
static const double kD[8] = {1.0 / 3.0, -2.5, 1e300, -0.0, 5e-324, -__builtin_inf(), 0.5, -1e-3};

static uint8_t A8[64] __attribute__((aligned(16)));  // kA, kB, then 32 pseudo-random bytes
static float F[16] __attribute__((aligned(16)));
static double D[8] __attribute__((aligned(16)));
static uint8_t OUT[64] __attribute__((aligned(16)));

static void init(void) {
    uint8_t z = (uint8_t)zero_cell;
    uint32_t s = 0x12345678u ^ (uint32_t)zero_cell;
    for (int i = 0; i < 16; i++) {
        A8[i] = kA[i] ^ z;
        A8[16 + i] = kB[i] ^ z;
    }
    for (int i = 32; i < 64; i++) {
        s = s * 1103515245u + 12345u;
        A8[i] = (uint8_t)(s >> 23);
    }
    for (int i = 0; i < 16; i++) F[i] = kF[i] + (float)zero_cell;
    for (int i = 0; i < 8; i++) D[i] = kD[i] + (double)zero_cell;
    F[3] = -F[3];  // -0.0 + 0.0 is +0.0: make the negative zeros again
    D[3] = -D[3];
}

int main(void) {
    uart_init();
    init();
    const uint8x16_t a = vld1q_u8(A8), b = vld1q_u8(A8 + 16), c = vld1q_u8(A8 + 32),
                     d = vld1q_u8(A8 + 48);
    const int8x16_t sa = vreinterpretq_s8_u8(a), sb = vreinterpretq_s8_u8(b);
    const uint16x8_t a16 = vreinterpretq_u16_u8(a), b16 = vreinterpretq_u16_u8(b),
                     c16 = vreinterpretq_u16_u8(c);
    const int16x8_t sa16 = vreinterpretq_s16_u8(a), sb16 = vreinterpretq_s16_u8(b),
                    sc16 = vreinterpretq_s16_u8(c), sd16 = vreinterpretq_s16_u8(d);
    const uint32x4_t a32 = vreinterpretq_u32_u8(a), b32 = vreinterpretq_u32_u8(b),
                     c32 = vreinterpretq_u32_u8(c);
    const int32x4_t sa32 = vreinterpretq_s32_u8(a), sb32 = vreinterpretq_s32_u8(b),
                    sc32 = vreinterpretq_s32_u8(c), sd32 = vreinterpretq_s32_u8(d);
    const uint64x2_t a64 = vreinterpretq_u64_u8(a), b64 = vreinterpretq_u64_u8(b);
    const int64x2_t sa64 = vreinterpretq_s64_u8(a), sb64 = vreinterpretq_s64_u8(b);
    const float32x4_t f0 = vld1q_f32(F), f1 = vld1q_f32(F + 4), f2 = vld1q_f32(F + 8),
                      f3 = vld1q_f32(F + 12);
    const float64x2_t d0 = vld1q_f64(D), d1 = vld1q_f64(D + 2), d2 = vld1q_f64(D + 4),
                      d3 = vld1q_f64(D + 6);
    const float32x4_t fin = vcvtq_f32_s32(vshrq_n_s32(sc32, 12));  // finite, mixed signs
    const float32x4_t fpos = vcvtq_f32_u32(vshrq_n_u32(c32, 20));  // finite, >= 0

    put_line("-- integer arithmetic");
    P("vaddq_u8", vaddq_u8(a, b));
    P("vaddq_u16", vaddq_u16(a16, b16));
    P("vaddq_u32", vaddq_u32(a32, b32));
    P("vaddq_u64", vaddq_u64(a64, b64));
    P("vsubq_s8", vsubq_s8(sa, sb));
    P("vsubq_s64", vsubq_s64(sa64, sb64));
    P("vmulq_s16", vmulq_s16(sa16, sb16));
    P("vmulq_u32", vmulq_u32(a32, c32));
    P("vmulq_n_u16", vmulq_n_u16(c16, 0x1234));
    P("vmulq_laneq_s32", vmulq_laneq_s32(sa32, sc32, 3));
    P("vmlaq_u16", vmlaq_u16(a16, b16, c16));
    P("vmlsq_s32", vmlsq_s32(sa32, sb32, sc32));
    P("vmlaq_lane_s16", vmlaq_lane_s16(sa16, sb16, vget_low_s16(sc16), 2));
    P("vnegq_s8", vnegq_s8(sa));
    P("vabsq_s16", vabsq_s16(sa16));
    P("vhaddq_u8", vhaddq_u8(a, b));
    P("vrhaddq_s16", vrhaddq_s16(sa16, sb16));
    P("vhsubq_s32", vhsubq_s32(sa32, sb32));
    P("vaddhn_u32", vaddhn_u32(a32, b32));
    P("vraddhn_u16", vraddhn_u16(a16, b16));
    P("vsubhn_s64", vsubhn_s64(sa64, sb64));

    put_line("-- saturating");
    P("vqaddq_s8", vqaddq_s8(sa, sb));
    P("vqaddq_u8", vqaddq_u8(a, b));
    P("vqaddq_s16", vqaddq_s16(sa16, sb16));
    P("vqaddq_u32", vqaddq_u32(a32, b32));
    P("vqaddq_s64", vqaddq_s64(sa64, sb64));
    P("vqsubq_u8", vqsubq_u8(a, b));
    P("vqsubq_s16", vqsubq_s16(sa16, sb16));
    P("vqsubq_u64", vqsubq_u64(a64, b64));
    P("vqdmulhq_s16", vqdmulhq_s16(sa16, sb16));
    P("vqdmulhq_s32", vqdmulhq_s32(sa32, sb32));
    P("vqrdmulhq_s16", vqrdmulhq_s16(sa16, sc16));
    P("vqrdmulhq_s32", vqrdmulhq_s32(sa32, sc32));
    P("vqdmulhq_n_s16", vqdmulhq_n_s16(sa16, -32768));
    P("vqrdmulhq_laneq_s16", vqrdmulhq_laneq_s16(sc16, sa16, 1));
    P("vqdmull_s16", vqdmull_s16(vget_low_s16(sa16), vget_low_s16(sb16)));
    P("vqdmlal_s16", vqdmlal_s16(sc32, vget_high_s16(sa16), vget_high_s16(sb16)));
    P("vqabsq_s8", vqabsq_s8(sa));
    P("vqnegq_s16", vqnegq_s16(sa16));
    P("vuqaddq_s8", vuqaddq_s8(sa, b));
    P("vsqaddq_u8", vsqaddq_u8(a, sb));

    put_line("-- shifts");
    P("vshlq_n_u16", vshlq_n_u16(a16, 5));
    P("vshrq_n_s16", vshrq_n_s16(sa16, 3));
    P("vshrq_n_u32", vshrq_n_u32(a32, 31));
    P("vshrq_n_s64", vshrq_n_s64(sa64, 64));
    P("vrshrq_n_s32", vrshrq_n_s32(sa32, 7));
    P("vrshrq_n_u8", vrshrq_n_u8(a, 1));
    P("vrshrq_n_u64", vrshrq_n_u64(a64, 64));
    P("vsraq_n_u16", vsraq_n_u16(a16, b16, 4));
    P("vrsraq_n_s16", vrsraq_n_s16(sa16, sb16, 9));
    P("vsliq_n_u32", vsliq_n_u32(a32, b32, 12));
    P("vsriq_n_u8", vsriq_n_u8(a, b, 3));
    P("vsliq_n_u64", vsliq_n_u64(a64, b64, 63));
    P("vsriq_n_u16", vsriq_n_u16(a16, b16, 16));
    P("vqshrn_n_s32", vqshrn_n_s32(sa32, 4));
    P("vqshrn_n_u16", vqshrn_n_u16(a16, 2));
    P("vqrshrun_n_s16", vqrshrun_n_s16(sa16, 3));
    P("vqrshrn_n_s64", vqrshrn_n_s64(sa64, 17));
    P("vqshrun_n_s32", vqshrun_n_s32(sa32, 9));
    P("vshrn_n_u16", vshrn_n_u16(a16, 4));
    P("vrshrn_n_u32", vrshrn_n_u32(a32, 11));
    P("vrshrn_high_n_u32", vrshrn_high_n_u32(vget_low_u16(c16), b32, 3));
    P("vqshlq_n_u8", vqshlq_n_u8(a, 2));
    P("vqshlq_n_s16", vqshlq_n_s16(sa16, 3));
    P("vqshluq_n_s8", vqshluq_n_s8(sa, 1));
    P("vshll_n_u8", vshll_n_u8(vget_low_u8(a), 3));
    P("vshll_n_s16", vshll_n_s16(vget_high_s16(sa16), 16));
    P("vshll_high_n_u8", vshll_high_n_u8(a, 8));
    // register shifts: the shift counts are the signed low bytes of b/c (negative = right)
    P("vshlq_s16", vshlq_s16(sa16, vshrq_n_s16(vshlq_n_s16(sb16, 8), 10)));
    P("vshlq_u32", vshlq_u32(a32, vshrq_n_s32(vshlq_n_s32(sc32, 24), 25)));
    P("vrshlq_s32", vrshlq_s32(sa32, vshrq_n_s32(vshlq_n_s32(sd32, 24), 26)));
    P("vrshlq_u8", vrshlq_u8(a, vshrq_n_s8(sb, 4)));
    P("vqshlq_s16", vqshlq_s16(sa16, vshrq_n_s16(vshlq_n_s16(sc16, 8), 11)));
    P("vqrshlq_u32", vqrshlq_u32(a32, vshrq_n_s32(vshlq_n_s32(sd32, 24), 27)));
    P("vshlq_s64", vshlq_s64(sa64, vdupq_n_s64(-(int64_t)(zero_cell + 65))));
    P("vshlq_u64", vshlq_u64(a64, vdupq_n_s64((int64_t)(zero_cell + 63))));

    put_line("-- widen / narrow");
    P("vmovl_s8", vmovl_s8(vget_low_s8(sa)));
    P("vmovl_u16", vmovl_u16(vget_high_u16(a16)));
    P("vmovl_high_s16", vmovl_high_s16(sa16));
    P("vmovn_u32", vmovn_u32(a32));
    P("vmovn_high_u16", vmovn_high_u16(vget_low_u8(b), a16));
    P("vqmovn_s32", vqmovn_s32(sa32));
    P("vqmovn_u16", vqmovn_u16(a16));
    P("vqmovn_s64", vqmovn_s64(sa64));
    P("vqmovun_s16", vqmovun_s16(sa16));
    P("vqmovn_high_s16", vqmovn_high_s16(vget_low_s8(sb), sb16));

    put_line("-- long multiply");
    P("vmull_s16", vmull_s16(vget_low_s16(sa16), vget_low_s16(sb16)));
    P("vmull_u32", vmull_u32(vget_high_u32(a32), vget_high_u32(b32)));
    P("vmull_u8", vmull_u8(vget_low_u8(a), vget_low_u8(b)));
    P("vmull_p8", vmull_p8(vreinterpret_p8_u8(vget_low_u8(c)), vreinterpret_p8_u8(vget_low_u8(d))));
    P("vmull_high_u8", vmull_high_u8(a, b));
    P("vmull_high_s32", vmull_high_s32(sa32, sc32));
    P("vmlal_s16", vmlal_s16(sc32, vget_low_s16(sa16), vget_low_s16(sb16)));
    P("vmlal_high_u16", vmlal_high_u16(c32, a16, b16));
    P("vmlsl_u32", vmlsl_u32(a64, vget_low_u32(b32), vget_low_u32(c32)));
    P("vmlal_lane_s16", vmlal_lane_s16(sd32, vget_low_s16(sa16), vget_low_s16(sb16), 3));
    P("vmulq_p8", vmulq_p8(vreinterpretq_p8_u8(c), vreinterpretq_p8_u8(d)));
    P("vmlsq_n_s16", vmlsq_n_s16(sd16, sa16, -3));

    put_line("-- pairwise / across");
    P("vpaddq_u16", vpaddq_u16(a16, b16));
    P("vpaddq_s64", vpaddq_s64(sa64, sb64));
    P("vpaddlq_u8", vpaddlq_u8(a));
    P("vpaddlq_s16", vpaddlq_s16(sa16));
    P("vpadalq_u8", vpadalq_u8(c16, a));
    P("vpadalq_s16", vpadalq_s16(sc32, sa16));
    P("vpadalq_u32", vpadalq_u32(a64, c32));
    P("vpmaxq_u8", vpmaxq_u8(a, b));
    P("vpminq_s16", vpminq_s16(sa16, sb16));
    P("vaddvq_u8", vaddvq_u8(a));
    P("vaddvq_s16", vaddvq_s16(sa16));
    P("vaddvq_s32", vaddvq_s32(sa32));
    P("vaddvq_u64", vaddvq_u64(a64));
    P("vaddlvq_u8", vaddlvq_u8(a));
    P("vaddlvq_s16", vaddlvq_s16(sa16));
    P("vaddlvq_u32", vaddlvq_u32(a32));
    P("vmaxvq_u8", vmaxvq_u8(c));
    P("vmaxvq_s16", vmaxvq_s16(sa16));
    P("vminvq_s8", vminvq_s8(sa));
    P("vminvq_u32", vminvq_u32(c32));
    P("vaddvq_f32", vaddvq_f32(fin));
    P("vaddvq_f64", vaddvq_f64(d0));
    P("vmaxvq_f32", vmaxvq_f32(f0));
    P("vminvq_f32", vminvq_f32(fin));
    P("vmaxnmvq_f32", vmaxnmvq_f32(f1));
    P("vminnmvq_f32", vminnmvq_f32(f1));
    P("vpaddq_f32", vpaddq_f32(f0, f2));
    P("vpmaxnmq_f64", vpmaxnmq_f64(d0, d2));

    put_line("-- tables");
    const uint8x16_t idx = vandq_u8(c, vdupq_n_u8(0x3f));  // 0..63: some out of range
    P("vqtbl1q_u8", vqtbl1q_u8(a, idx));
    uint8x16x2_t t2 = {{a, b}};
    P("vqtbl2q_u8", vqtbl2q_u8(t2, idx));
    uint8x16x4_t t4 = {{a, b, c, d}};
    P("vqtbl4q_u8", vqtbl4q_u8(t4, idx));
    P("vqtbx1q_u8", vqtbx1q_u8(d, a, idx));
    uint8x16x3_t t3 = {{a, b, c}};
    P("vqtbx3q_u8", vqtbx3q_u8(d, t3, idx));
    P("vtbl1_u8", vtbl1_u8(vget_low_u8(a), vand_u8(vget_low_u8(c), vdup_n_u8(15))));
    uint8x8x2_t s2 = {{vget_low_u8(a), vget_high_u8(b)}};
    P("vtbl2_u8", vtbl2_u8(s2, vand_u8(vget_high_u8(c), vdup_n_u8(31))));
    P("vtbx1_u8", vtbx1_u8(vget_low_u8(d), vget_low_u8(b), vand_u8(vget_low_u8(c), vdup_n_u8(15))));

    put_line("-- permutes");
    P("vzip1q_u8", vzip1q_u8(a, b));
    P("vzip2q_u16", vzip2q_u16(a16, b16));
    P("vuzp1q_u8", vuzp1q_u8(a, b));
    P("vuzp2q_u32", vuzp2q_u32(a32, b32));
    P("vtrn1q_u16", vtrn1q_u16(a16, b16));
    P("vtrn2q_u8", vtrn2q_u8(a, b));
    P("vzipq_u32", vzipq_u32(a32, b32));
    P("vuzpq_u16", vuzpq_u16(a16, c16));
    P("vtrnq_s32", vtrnq_s32(sa32, sb32));
    P("vextq_u8", vextq_u8(a, b, 3));
    P("vextq_u32", vextq_u32(a32, b32, 1));
    P("vext_u8", vext_u8(vget_low_u8(a), vget_low_u8(b), 7));
    P("vrev16q_u8", vrev16q_u8(a));
    P("vrev32q_u16", vrev32q_u16(a16));
    P("vrev64q_u32", vrev64q_u32(a32));
    P("vrev64q_u8", vrev64q_u8(a));
    P("vcombine_u8", vcombine_u8(vget_high_u8(a), vget_low_u8(b)));

    put_line("-- bits");
    P("vcntq_u8", vcntq_u8(c));
    P("vclzq_u8", vclzq_u8(a));
    P("vclzq_u16", vclzq_u16(c16));
    P("vclzq_u32", vclzq_u32(a32));
    P("vclsq_s8", vclsq_s8(sa));
    P("vclsq_s32", vclsq_s32(sc32));
    P("vrbitq_u8", vrbitq_u8(a));
    P("vmvnq_u8", vmvnq_u8(a));
    P("vbicq_u16", vbicq_u16(a16, c16));
    P("vornq_u32", vornq_u32(a32, c32));
    P("veorq_u64", veorq_u64(a64, b64));
    P("vbslq_u8", vbslq_u8(c, a, b));
    P("vbslq_f32", vbslq_f32(vreinterpretq_u32_u8(d), f0, f1));
    P("vorrq_n", vorrq_u8(a, vdupq_n_u8(0x11)));

    put_line("-- compares");
    P("vceqq_u8", vceqq_u8(a, b));
    P("vcgtq_s16", vcgtq_s16(sa16, sb16));
    P("vcgeq_u32", vcgeq_u32(a32, b32));
    P("vcltq_s8", vcltq_s8(sa, sb));
    P("vcltzq_s32", vcltzq_s32(sa32));
    P("vceqzq_u8", vceqzq_u8(a));
    P("vcgtzq_s16", vcgtzq_s16(sc16));
    P("vclezq_s64", vclezq_s64(sa64));
    P("vtstq_u32", vtstq_u32(a32, b32));
    P("vcgtq_u64", vcgtq_u64(a64, b64));
    P("vceqq_f32", vceqq_f32(f0, f1));
    P("vcgeq_f32", vcgeq_f32(f1, vdupq_n_f32(0.5f)));
    P("vcltq_f32", vcltq_f32(f2, f3));
    P("vcleq_f64", vcleq_f64(d0, d1));
    P("vceqzq_f64", vceqzq_f64(d1));
    P("vcagtq_f32", vcagtq_f32(f0, f2));
    P("vcaleq_f32", vcaleq_f32(f1, f3));

    put_line("-- absolute difference");
    P("vabdq_u8", vabdq_u8(a, b));
    P("vabdq_s16", vabdq_s16(sa16, sb16));
    P("vabdq_s32", vabdq_s32(sa32, sc32));
    P("vabdq_f32", vabdq_f32(fin, f2));
    P("vabaq_u8", vabaq_u8(c, a, b));
    P("vabaq_s32", vabaq_s32(sd32, sa32, sb32));
    P("vabdl_u8", vabdl_u8(vget_low_u8(a), vget_low_u8(b)));
    P("vabal_s16", vabal_s16(sc32, vget_low_s16(sa16), vget_low_s16(sb16)));
    P("vabdl_high_u16", vabdl_high_u16(a16, c16));

    put_line("-- float arithmetic");
    P("vaddq_f32", vaddq_f32(f0, f2));
    P("vsubq_f32", vsubq_f32(f1, f3));
    P("vmulq_f32", vmulq_f32(f0, f1));
    P("vdivq_f32", vdivq_f32(f2, f0));
    P("vmulxq_f32", vmulxq_f32(f1, vdupq_n_f32(0.0f)));  // inf * 0 = 2 in FMULX
    P("vmlaq_f32", vmlaq_f32(fin, f2, f3));
    P("vfmaq_f32", vfmaq_f32(fin, f2, f3));
    P("vfmsq_f32", vfmsq_f32(fin, fin, fpos));
    P("vfmaq_laneq_f32", vfmaq_laneq_f32(fpos, fin, f2, 3));
    P("vfmaq_n_f32", vfmaq_n_f32(fin, fpos, 0.1f));
    P("vsqrtq_f32", vsqrtq_f32(f2));
    P("vabsq_f32", vabsq_f32(f0));
    P("vnegq_f32", vnegq_f32(f1));
    P("vmaxq_f32", vmaxq_f32(f0, f1));
    P("vminq_f32", vminq_f32(f1, f2));
    P("vmaxnmq_f32", vmaxnmq_f32(f1, f0));
    P("vminnmq_f32", vminnmq_f32(f1, f3));
    P("vaddq_f64", vaddq_f64(d0, d1));
    P("vsubq_f64", vsubq_f64(d2, d3));
    P("vmulq_f64", vmulq_f64(d0, d2));
    P("vdivq_f64", vdivq_f64(d3, d0));
    P("vfmaq_f64", vfmaq_f64(d3, d0, d0));
    P("vfmsq_f64", vfmsq_f64(d0, d1, d3));
    P("vsqrtq_f64", vsqrtq_f64(d3));
    P("vmulq_laneq_f64", vmulq_laneq_f64(d0, d3, 1));
    P("vmaxnmq_f64", vmaxnmq_f64(d1, d2));
    P("vminq_f64", vminq_f64(d0, d2));

    put_line("-- conversions");
    P("vcvtq_f32_s32", vcvtq_f32_s32(sa32));
    P("vcvtq_f32_u32", vcvtq_f32_u32(b32));
    P("vcvtq_s32_f32", vcvtq_s32_f32(f0));  // 3e38 saturates, NaN -> 0
    P("vcvtq_s32_f32 b", vcvtq_s32_f32(f1));
    P("vcvtq_u32_f32", vcvtq_u32_f32(f2));  // negatives -> 0
    P("vcvtq_u32_f32 b", vcvtq_u32_f32(f3));
    P("vcvtnq_s32_f32", vcvtnq_s32_f32(f2));
    P("vcvtaq_s32_f32", vcvtaq_s32_f32(f2));
    P("vcvtmq_s32_f32", vcvtmq_s32_f32(f3));
    P("vcvtpq_u32_f32", vcvtpq_u32_f32(f3));
    P("vcvtq_n_f32_u32", vcvtq_n_f32_u32(a32, 8));
    P("vcvtq_n_f32_s32", vcvtq_n_f32_s32(sb32, 31));
    P("vcvtq_n_s32_f32", vcvtq_n_s32_f32(f2, 16));
    P("vcvtq_n_u32_f32", vcvtq_n_u32_f32(f3, 4));
    P("vcvtq_f64_s64", vcvtq_f64_s64(sa64));
    P("vcvtq_f64_u64", vcvtq_f64_u64(b64));
    P("vcvtq_s64_f64", vcvtq_s64_f64(d1));
    P("vcvtq_u64_f64", vcvtq_u64_f64(d0));
    P("vcvtq_n_s64_f64", vcvtq_n_s64_f64(d0, 40));
    P("vcvt_f32_f64", vcvt_f32_f64(d0));
    P("vcvt_high_f32_f64", vcvt_high_f32_f64(vget_low_f32(f0), d2));
    P("vcvt_f64_f32", vcvt_f64_f32(vget_low_f32(f1)));
    P("vcvt_high_f64_f32", vcvt_high_f64_f32(f2));
    P("vcvtx_f32_f64", vcvtx_f32_f64(d0));

    put_line("-- estimates");
    P("vrecpeq_f32", vrecpeq_f32(f0));
    P("vrecpeq_f32 b", vrecpeq_f32(f1));
    P("vrecpeq_f32 c", vrecpeq_f32(fin));
    P("vrecpsq_f32", vrecpsq_f32(fin, vrecpeq_f32(fin)));
    P("vrsqrteq_f32", vrsqrteq_f32(fpos));
    P("vrsqrteq_f32 b", vrsqrteq_f32(f1));
    P("vrsqrtsq_f32", vrsqrtsq_f32(fpos, vrsqrteq_f32(fpos)));
    P("vrecpeq_u32", vrecpeq_u32(c32));
    P("vrsqrteq_u32", vrsqrteq_u32(c32));
    P("vrecpeq_f64", vrecpeq_f64(d0));
    P("vrsqrteq_f64", vrsqrteq_f64(d2));
    P("vrecpsq_f64", vrecpsq_f64(d0, d2));
    P("vrecpxs_f32", vrecpxs_f32(vgetq_lane_f32(fin, 2)));
    // Newton-Raphson: two steps from the estimate to a near-exact 1/x
    float32x4_t r = vrecpeq_f32(fpos);
    r = vmulq_f32(r, vrecpsq_f32(fpos, r));
    r = vmulq_f32(r, vrecpsq_f32(fpos, r));
    P("recip NR", r);

    put_line("-- rounding");
    P("vrndq_f32", vrndq_f32(f2));
    P("vrndnq_f32", vrndnq_f32(f2));
    P("vrndmq_f32", vrndmq_f32(f2));
    P("vrndpq_f32", vrndpq_f32(f2));
    P("vrndaq_f32", vrndaq_f32(f2));
    P("vrndiq_f32", vrndiq_f32(f3));
    P("vrndxq_f32", vrndxq_f32(f3));
    P("vrndnq_f32 b", vrndnq_f32(f3));
    P("vrndaq_f32 b", vrndaq_f32(f3));
    P("vrndmq_f64", vrndmq_f64(d3));
    P("vrndpq_f64", vrndpq_f64(d3));
    P("vrndaq_f64", vrndaq_f64(vmulq_n_f64(d1, 1.0)));
    P("vrndq_f64", vrndq_f64(d0));

    put_line("-- lanes");
    P("vdupq_n_u16", vdupq_n_u16((uint16_t)(zero_cell + 0xbeef)));
    P("vdupq_lane_u16", vdupq_lane_u16(vget_low_u16(a16), 3));
    P("vdupq_laneq_u32", vdupq_laneq_u32(c32, 2));
    P("vdupq_laneq_f64", vdupq_laneq_f64(d2, 1));
    P("vdup_laneq_u8", vdup_laneq_u8(a, 13));
    P("vgetq_lane_u16", vgetq_lane_u16(a16, 5));
    P("vgetq_lane_s8", (int64_t)vgetq_lane_s8(sa, 4));
    P("vgetq_lane_u64", vgetq_lane_u64(b64, 1));
    P("vgetq_lane_f32", vgetq_lane_f32(f1, 3));
    P("vsetq_lane_u32", vsetq_lane_u32((uint32_t)(zero_cell + 0xcafef00d), a32, 2));
    P("vsetq_lane_u8", vsetq_lane_u8((uint8_t)(zero_cell + 0x5a), a, 15));
    P("vsetq_lane_f64", vsetq_lane_f64(vgetq_lane_f64(d2, 0), d0, 1));
    P("vcopyq_laneq_u16", vcopyq_laneq_u16(a16, 0, b16, 7));
    P("vmovq_n_f32", vmovq_n_f32((float)zero_cell + 0.75f));

    put_line("-- structure loads/stores");
    P("vld2q_u8", vld2q_u8(A8));
    P("vld3q_u16", vld3q_u16((const uint16_t *)A8));
    P("vld4q_u32", vld4q_u32((const uint32_t *)A8));
    P("vld2_u16", vld2_u16((const uint16_t *)(A8 + 16)));
    P("vld4_u8", vld4_u8(A8 + 32));
    P("vld1q_dup_u32", vld1q_dup_u32((const uint32_t *)(A8 + 12)));
    P("vld2q_dup_u16", vld2q_dup_u16((const uint16_t *)(A8 + 6)));
    P("vld2q_lane_u16", vld2q_lane_u16((const uint16_t *)(A8 + 40), (uint16x8x2_t){{a16, b16}}, 5));
    P("vld1q_u8_x2", vld1q_u8_x2(A8 + 16));
    vst2q_u8(OUT, (uint8x16x2_t){{a, c}});
    dump("vst2q_u8", OUT, 32);
    for (int i = 0; i < 64; i++) OUT[i] = 0;
    vst3q_u16((uint16_t *)OUT, (uint16x8x3_t){{a16, b16, c16}});
    dump("vst3q_u16", OUT, 48);
    vst4q_u32((uint32_t *)OUT, (uint32x4x4_t){{a32, b32, c32, vreinterpretq_u32_u8(d)}});
    dump("vst4q_u32", OUT, 64);
    for (int i = 0; i < 64; i++) OUT[i] = 0xaa;
    vst4_u8(OUT + 8, (uint8x8x4_t){{vget_low_u8(a), vget_low_u8(b), vget_high_u8(c), vget_high_u8(d)}});
    dump("vst4_u8", OUT, 48);
    vst3q_lane_u32((uint32_t *)(OUT + 4), (uint32x4x3_t){{a32, b32, c32}}, 1);
    dump("vst3q_lane_u32", OUT, 24);
    vst1q_lane_u64((uint64_t *)OUT, b64, 1);
    dump("vst1q_lane_u64", OUT, 16);
    return 0;
}
