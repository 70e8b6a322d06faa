// fp_loops (built twice: fp_o1 at -O1, fp_o3 at -O3): numeric loops over float,
// double and small-integer arrays. At -O1 GCC emits scalar FP and integer code; at -O3
// it vectorises most loops (fadd/fmul/fdiv/fsqrt/frint*/fcvtzs/scvtf on .4s/.2d, ld2,
// uxtl/uaddw, umin/umax, smull/smlal, addv/smaxv, cnt, rev32/rev64, fminnm...;
// check_simd.cmake requires a set of them, see CMakeLists.txt). Both builds must print the same text, which is also what the same source
// prints when compiled natively for x86-64 (tests/guest/fp_expected.sh): every loop is
// element-wise or keeps the sequential order of FP operations (no -ffast-math, and
// -ffp-contract=off, so the vectoriser may not reassociate or fuse), and no value is out
// of range for a conversion or NaN, where x86 and AArch64 differ.
//
// Each loop prints a hash of its result's bits and a few elements in decimal (fpfmt.h).
#include "guest.h"
#include "fpfmt.h"

#define N 1024
#define A16 __attribute__((aligned(16)))
#define NOINLINE __attribute__((noinline))

static float fx[N] A16, fy[N] A16, fz[N] A16;
static double dx[N] A16, dy[N] A16, dz[N] A16;
static int32_t i32a[N] A16, i32b[N] A16;
static int64_t i64a[N] A16;
static uint32_t u32a[N] A16, u32b[N] A16;
static uint8_t u8a[N] A16, u8b[N] A16, u8c[N] A16;
static int16_t s16a[N] A16, s16b[N] A16, s16c[N] A16, s16i[2 * N] A16;
static uint16_t u16a[N] A16, u16b[N] A16;
static uint64_t u64a[N] A16;

static volatile uint64_t seed_cell = 0x243F6A8885A308D3ull;
static uint64_t rng;

static uint32_t next(void) {  // xorshift64*: integer only, the same on every target
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * 0x2545F4914F6CDD1Dull) >> 32);
}

static uint64_t hash_bytes(const void *p, unsigned n) {  // FNV-1a 64
    const uint8_t *b = p;
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static void show(const char *name, const void *p, unsigned bytes) {
    put_str(name);
    put_char(' ');
    put_hex(hash_bytes(p, bytes));
    put_nl();
}

static void show_f(const char *name, const float *a) {
    show(name, a, N * 4);
    put_str("  ");
    for (int i = 0; i < 1024; i += 341) {
        put_g9f(a[i]);
        put_char(' ');
    }
    put_nl();
}

static void show_d(const char *name, const double *a) {
    show(name, a, N * 8);
    put_str("  ");
    for (int i = 0; i < 1024; i += 341) {
        put_g17(a[i]);
        put_char(' ');
    }
    put_nl();
}

static void line_f(const char *name, float v) {
    put_str(name);
    put_char(' ');
    put_g9f(v);
    put_nl();
}

static void line_d(const char *name, double v) {
    put_str(name);
    put_char(' ');
    put_g17(v);
    put_nl();
}

static void line_u(const char *name, uint64_t v) {
    put_str(name);
    put_char(' ');
    put_hex(v);
    put_nl();
}

static void init(void) {
    rng = seed_cell;
    for (int i = 0; i < N; i++) {
        // Multiples of 1/64 and 1/1024 in a few thousand: exact inputs, inexact results.
        fx[i] = (float)((int32_t)(next() % 20001) - 10000) / 64.0f;
        fy[i] = (float)((int32_t)(next() % 2001) - 1000) / 1024.0f;
        dx[i] = (double)((int32_t)(next() % 2000001) - 1000000) / 3.0;
        dy[i] = (double)(next() % 100000) / 7.0 + 0.5;
        i32a[i] = (int32_t)(next() % 200001) - 100000;
        i32b[i] = (int32_t)next();
        u32a[i] = next();
        u32b[i] = next();
        u8a[i] = (uint8_t)next();
        u8b[i] = (uint8_t)next();
        s16a[i] = (int16_t)next();
        s16b[i] = (int16_t)next();
        u16a[i] = (uint16_t)next();
        u16b[i] = (uint16_t)next();
        s16i[2 * i] = (int16_t)next();
        s16i[2 * i + 1] = (int16_t)next();
    }
}

// --- float and double element-wise loops -----------------------------------------

NOINLINE static void saxpy(float a) {
    for (int i = 0; i < N; i++) fz[i] = a * fx[i] + fy[i];
}

NOINLINE static void daxpy(double a) {
    for (int i = 0; i < N; i++) dz[i] = a * dx[i] + dy[i];
}

NOINLINE static void f_arith(void) {
    for (int i = 0; i < N; i++) fz[i] = (fx[i] - fy[i]) * fy[i] + fx[i] / (fy[i] + 2.0f);
}

NOINLINE static void d_arith(void) {
    for (int i = 0; i < N; i++) dz[i] = (dx[i] * dy[i] - dy[i]) / (dx[i] * dx[i] + 1.0);
}

NOINLINE static void f_sqrt_abs(void) {
    for (int i = 0; i < N; i++) fz[i] = __builtin_sqrtf(__builtin_fabsf(fx[i])) - __builtin_fabsf(fy[i]);
}

NOINLINE static void d_sqrt(void) {
    for (int i = 0; i < N; i++) dz[i] = __builtin_sqrt(dy[i]) * -1.0 + __builtin_fabs(dx[i]);
}

NOINLINE static void f_neg_tiny(void) {  // results deep in the subnormal range
    for (int i = 0; i < N; i++) fz[i] = -fy[i] * 1.5e-40f;
}

NOINLINE static void d_tiny(void) {
    for (int i = 0; i < N; i++) dz[i] = dx[i] * 0x1p-1060 / dy[i];
}

// --- reductions (sequential order: the vectoriser must leave FP ones scalar) --------

NOINLINE static float f_dot(void) {
    float s = 0;
    for (int i = 0; i < N; i++) s += fx[i] * fy[i];
    return s;
}

NOINLINE static double d_dot(void) {
    double s = 0;
    for (int i = 0; i < N; i++) s += dx[i] * dy[i];
    return s;
}

NOINLINE static float f_sum(void) {
    float s = 0;
    for (int i = 0; i < N; i++) s += fx[i];
    return s;
}

NOINLINE static double d_sum_sq(void) {
    double s = 0;
    for (int i = 0; i < N; i++) s += dx[i] * dx[i];
    return s;
}

NOINLINE static void f_minmax(float *mn, float *mx) {
    float a = fx[0], b = fx[0];
    for (int i = 1; i < N; i++) {
        a = fx[i] < a ? fx[i] : a;
        b = fx[i] > b ? fx[i] : b;
    }
    *mn = a;
    *mx = b;
}

NOINLINE static void d_minmax(double *mn, double *mx) {
    double a = dx[0], b = dx[0];
    for (int i = 1; i < N; i++) {
        a = __builtin_fmin(a, dx[i]);
        b = __builtin_fmax(b, dx[i]);
    }
    *mn = a;
    *mx = b;
}

// --- conversions ---------------------------------------------------------------------

NOINLINE static void cvt_i32_f(void) {
    for (int i = 0; i < N; i++) fz[i] = (float)i32b[i];  // rounds above 2^24
}

NOINLINE static void cvt_f_i32(void) {
    for (int i = 0; i < N; i++) i32a[i] = (int32_t)(fx[i] * 3.7f);  // truncates
}

NOINLINE static void cvt_u32_f(void) {
    for (int i = 0; i < N; i++) fz[i] = (float)u32a[i];
}

NOINLINE static void cvt_u8_f(void) {
    for (int i = 0; i < N; i++) fz[i] = (float)u8a[i] * 0.25f;
}

NOINLINE static void cvt_d_i64(void) {
    for (int i = 0; i < N; i++) i64a[i] = (int64_t)(dx[i] * 1024.0);
}

NOINLINE static void cvt_i64_d(void) {
    for (int i = 0; i < N; i++) dz[i] = (double)((int64_t)u64a[i] >> 1);  // 63-bit: rounds
}

NOINLINE static void cvt_f_d(void) {
    for (int i = 0; i < N; i++) dz[i] = (double)fx[i] / 3.0;
}

NOINLINE static void cvt_d_f(void) {
    for (int i = 0; i < N; i++) fz[i] = (float)(dx[i] / 7.0);  // double rounding to float
}

// --- rounding --------------------------------------------------------------------------

#define ROUND_D(NAME, FN) \
    NOINLINE static void NAME(void) { for (int i = 0; i < N; i++) dz[i] = FN(dx[i] / 4.0); }
#define ROUND_F(NAME, FN) \
    NOINLINE static void NAME(void) { for (int i = 0; i < N; i++) fz[i] = FN(fx[i] / 8.0f); }
ROUND_D(d_floor, __builtin_floor)
ROUND_D(d_ceil, __builtin_ceil)
ROUND_D(d_trunc, __builtin_trunc)
ROUND_D(d_round, __builtin_round)
ROUND_D(d_rint, __builtin_rint)
ROUND_D(d_nearbyint, __builtin_nearbyint)
ROUND_F(f_floor, __builtin_floorf)
ROUND_F(f_ceil, __builtin_ceilf)
ROUND_F(f_trunc, __builtin_truncf)
ROUND_F(f_round, __builtin_roundf)
ROUND_F(f_rint, __builtin_rintf)
ROUND_F(f_nearbyint, __builtin_nearbyintf)

NOINLINE static double d_fma_chain(void) {  // fused on purpose: fma() is one rounding
    double s = 0.1;
    for (int i = 0; i < N; i++) s = __builtin_fma(dx[i], 1e-7, s * 0.999);
    return s;
}

// --- integer loops the vectoriser likes ------------------------------------------------

NOINLINE static void u8_sat_add(void) {
    for (int i = 0; i < N; i++) {
        unsigned s = (unsigned)u8a[i] + u8b[i];
        u8c[i] = (uint8_t)(s > 255 ? 255 : s);
    }
}

NOINLINE static void u8_absdiff(void) {
    for (int i = 0; i < N; i++) u8c[i] = (uint8_t)(u8a[i] > u8b[i] ? u8a[i] - u8b[i] : u8b[i] - u8a[i]);
}

NOINLINE static void s16_clamp(void) {
    for (int i = 0; i < N; i++) {
        int v = s16a[i] + s16b[i] / 2;
        s16c[i] = (int16_t)(v < -1000 ? -1000 : v > 1000 ? 1000 : v);
    }
}

NOINLINE static void s16_deinterleave(void) {  // ld2 {v.8h, v.8h}
    for (int i = 0; i < N; i++) s16c[i] = (int16_t)((s16i[2 * i] >> 1) + (s16i[2 * i + 1] >> 2));
}

NOINLINE static int32_t s16_mac(void) {  // widening multiply-accumulate: smlal
    int32_t acc = 0;
    for (int i = 0; i < N; i++) acc += (int32_t)s16a[i] * s16b[i];
    return acc;
}

NOINLINE static uint32_t u8_sum(void) {  // uaddlv / uadalp
    uint32_t s = 0;
    for (int i = 0; i < N; i++) s += u8a[i];
    return s;
}

NOINLINE static int32_t i32_sum(void) {  // addv
    int32_t s = 0;
    for (int i = 0; i < N; i++) s += i32b[i] >> 4;
    return s;
}

NOINLINE static void u16_widen_mul(void) {  // umull/umull2
    for (int i = 0; i < N; i++) u32b[i] = (uint32_t)u16a[i] * u16b[i];
}

NOINLINE static void i32_widen_mul(void) {  // smull/smull2
    for (int i = 0; i < N; i++) i64a[i] = (int64_t)i32a[i] * i32b[i];
}

NOINLINE static uint32_t popcounts(void) {  // cnt + pairwise adds
    uint32_t s = 0;
    for (int i = 0; i < N; i++) s += (uint32_t)__builtin_popcount(u32a[i]);
    return s;
}

NOINLINE static void bswaps(void) {  // rev32 / rev64 on .16b
    for (int i = 0; i < N; i++) u32b[i] = __builtin_bswap32(u32a[i]) ^ u32a[i];
    for (int i = 0; i < N; i++) u64a[i] = __builtin_bswap64(((uint64_t)u32a[i] << 32) | u32b[i]);
}

NOINLINE static void u32_minmax_shift(void) {
    for (int i = 0; i < N; i++) {
        uint32_t a = u32a[i], b = u32b[i];
        u32b[i] = ((a < b ? a : b) >> 3) + ((a > b ? a : b) >> 5);
    }
}

NOINLINE static uint64_t i32_abs_max(void) {
    int32_t m = 0;
    for (int i = 0; i < N; i++) {
        int32_t v = i32a[i] < 0 ? -i32a[i] : i32a[i];
        m = v > m ? v : m;
    }
    return (uint64_t)m;
}

int main(void) {
    uart_init();
    init();

    saxpy(1.75f);
    show_f("saxpy", fz);
    saxpy(-0.3f);
    show_f("saxpy2", fz);
    daxpy(3.141592653589793);
    show_d("daxpy", dz);
    f_arith();
    show_f("f_arith", fz);
    d_arith();
    show_d("d_arith", dz);
    f_sqrt_abs();
    show_f("f_sqrt", fz);
    d_sqrt();
    show_d("d_sqrt", dz);
    f_neg_tiny();
    show_f("f_tiny", fz);
    d_tiny();
    show_d("d_tiny", dz);

    line_f("f_dot", f_dot());
    line_d("d_dot", d_dot());
    line_f("f_sum", f_sum());
    line_d("d_sum_sq", d_sum_sq());
    float fmn, fmx;
    f_minmax(&fmn, &fmx);
    line_f("f_min", fmn);
    line_f("f_max", fmx);
    double dmn, dmx;
    d_minmax(&dmn, &dmx);
    line_d("d_min", dmn);
    line_d("d_max", dmx);

    cvt_i32_f();
    show_f("cvt_i32_f", fz);
    cvt_f_i32();
    show("cvt_f_i32", i32a, sizeof i32a);
    cvt_u32_f();
    show_f("cvt_u32_f", fz);
    cvt_u8_f();
    show_f("cvt_u8_f", fz);
    cvt_d_i64();
    show("cvt_d_i64", i64a, sizeof i64a);
    for (int i = 0; i < N; i++) u64a[i] = ((uint64_t)u32a[i] << 32) | u32b[i];
    cvt_i64_d();
    show_d("cvt_i64_d", dz);
    cvt_f_d();
    show_d("cvt_f_d", dz);
    cvt_d_f();
    show_f("cvt_d_f", fz);

    d_floor();
    show_d("d_floor", dz);
    d_ceil();
    show_d("d_ceil", dz);
    d_trunc();
    show_d("d_trunc", dz);
    d_round();
    show_d("d_round", dz);
    d_rint();
    show_d("d_rint", dz);
    d_nearbyint();
    show_d("d_nearbyint", dz);
    f_floor();
    show_f("f_floor", fz);
    f_ceil();
    show_f("f_ceil", fz);
    f_trunc();
    show_f("f_trunc", fz);
    f_round();
    show_f("f_round", fz);
    f_rint();
    show_f("f_rint", fz);
    f_nearbyint();
    show_f("f_nearbyint", fz);
    line_d("d_fma_chain", d_fma_chain());

    u8_sat_add();
    show("u8_sat_add", u8c, sizeof u8c);
    u8_absdiff();
    show("u8_absdiff", u8c, sizeof u8c);
    s16_clamp();
    show("s16_clamp", s16c, sizeof s16c);
    s16_deinterleave();
    show("s16_deinterleave", s16c, sizeof s16c);
    line_u("s16_mac", (uint32_t)s16_mac());
    line_u("u8_sum", u8_sum());
    line_u("i32_sum", (uint32_t)i32_sum());
    u16_widen_mul();
    show("u16_widen_mul", u32b, sizeof u32b);
    i32_widen_mul();
    show("i32_widen_mul", i64a, sizeof i64a);
    line_u("popcounts", popcounts());
    bswaps();
    show("bswap32", u32b, sizeof u32b);
    show("bswap64", u64a, sizeof u64a);
    u32_minmax_shift();
    show("u32_minmax_shift", u32b, sizeof u32b);
    line_u("i32_abs_max", i32_abs_max());
    put_line("fp_loops: done");
    return 0;
}
