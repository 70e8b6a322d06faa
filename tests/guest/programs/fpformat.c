// fpformat: double -> decimal in the guest (fpfmt.h: exact big-integer conversion,
// round-half-even like glibc's printf; the shortest round-trip form like Python's
// repr). For each value: its bits, the shortest form, %.17g, %.3e, %.0e, %.20e and,
// below 1e25, %.2f and %.0f. Values: the classic hard cases (0.1, 1e23, 5e-324,
// DBL_MAX, DBL_MIN, the largest subnormal, 2^53 + 1, ties like 0.125 and 2.5 at their
// last digit), negative zero, inf, nan, results computed in the guest's FP unit
// (divisions, square roots, overflow to inf, underflow to subnormals), and 120
// pseudo-random bit patterns over the whole exponent range.
//
// The host twin (fp_expected.sh) compares every string with glibc's snprintf and
// checks that each shortest form reads back (strtod) to the same double while one
// digit fewer does not; any difference is reported on stderr and fails the script.
#include "guest.h"
#include "fpfmt.h"

#ifdef BRAMBLE_HOST_TWIN
#include <string.h>
static int mismatches;
static void twin_check(const char *what, const char *mine, const char *libc) {
    if (strcmp(mine, libc) != 0) {
        fprintf(stderr, "MISMATCH %s: fpfmt '%s' libc '%s'\n", what, mine, libc);
        mismatches++;
    }
}
#endif

static void field(const char *label, const char *s) {
    put_char(' ');
    put_str(label);
    put_char('=');
    put_str(s);
}

static void show(double x) {
    char b[FPFMT_BUF];
    uint64_t bits;
    __builtin_memcpy(&bits, &x, 8);
    put_hex(bits);
    fmt_shortest(b, x);
    field("s", b);
#ifdef BRAMBLE_HOST_TWIN
    if (x == x && x - x == 0) {  // finite: reads back, and one digit fewer does not
        char t[FPFMT_BUF];
        if (strtod(b, 0) != x) twin_check("shortest round trip", b, "?");
        int digits = 0;
        for (const char *c = b; *c && *c != 'e'; c++) digits += *c >= '0' && *c <= '9';
        if (digits > 1) {
            snprintf(t, sizeof t, "%.*e", digits - 2, x);
            if (strtod(t, 0) == x) twin_check("shortest is not shortest", b, t);
        }
    }
#define CHECK(fmt, ...)                                  \
    do {                                                 \
        char t_[FPFMT_BUF];                              \
        snprintf(t_, sizeof t_, fmt, __VA_ARGS__);       \
        if (x == x) twin_check(fmt, b, t_);              \
    } while (0)
#else
#define CHECK(fmt, ...) ((void)0)
#endif
    fmt_g(b, x, 17);
    CHECK("%.17g", x);
    field("g17", b);
    fmt_e(b, x, 3);
    CHECK("%.3e", x);
    field("e3", b);
    fmt_e(b, x, 0);
    CHECK("%.0e", x);
    field("e0", b);
    put_nl();
    put_str("   ");
    fmt_e(b, x, 20);
    CHECK("%.20e", x);
    field("e20", b);
    if (!(__builtin_fabs(x) >= 1e25)) {  // also for nan
        fmt_f(b, x, 2);
        CHECK("%.2f", x);
        field("f2", b);
        fmt_f(b, x, 0);
        CHECK("%.0f", x);
        field("f0", b);
    }
    fmt_g(b, x, 6);
    CHECK("%g", x);
    field("g", b);
    put_nl();
}

static double from_bits(uint64_t u) {
    double d;
    __builtin_memcpy(&d, &u, 8);
    return d;
}

static volatile double one = 1.0, three = 3.0, ten = 10.0, two = 2.0, tiny = 0x1p-1022;
static volatile double big = 1.7976931348623157e308;

int main(void) {
    uart_init();
    static const uint64_t fixed[] = {
        0x0000000000000000ull,  // 0
        0x8000000000000000ull,  // -0
        0x3ff0000000000000ull,  // 1
        0x3fb999999999999aull,  // 0.1
        0x3fd5555555555555ull,  // 1/3
        0x400921fb54442d18ull,  // pi
        0x4005bf0a8b145769ull,  // e
        0x44b52d02c7e14af6ull,  // 1e23 (the nearest double is 9.999999999999999161e22)
        0x0000000000000001ull,  // 2^-1074, the smallest subnormal
        0x0000000000000002ull,
        0x000fffffffffffffull,  // the largest subnormal
        0x0010000000000000ull,  // DBL_MIN
        0x7fefffffffffffffull,  // DBL_MAX
        0x4340000000000000ull,  // 2^53 (2^53 + 1 rounds to it)
        0x3fc0000000000000ull,  // 0.125: %.2f is a tie
        0x4004000000000000ull,  // 2.5: %.0f is a tie
        0xc00c000000000000ull,  // -3.5
        0x3fe0000000000000ull,  // 0.5: %.0f rounds to even 0
        0x3ff8000000000000ull,  // 1.5
        0x444b1ae4d6e2ef50ull,  // 1e21
        0x4415af1d78b58c40ull,  // 1e20
        0x3f847ae147ae147bull,  // 0.01
        0x3f50624dd2f1a9fcull,  // 0.001
        0x3eb0c6f7a0b5ed8dull,  // 1e-6
        0x7ff0000000000000ull,  // inf
        0xfff0000000000000ull,  // -inf
        0x7ff8000000000000ull,  // nan
        0x3feffffffffffff8ull,  // 0.999999999999999 (rounds up at %.0e)
        0x40c387ffffffffffull,  // 9999.999999999998
        0x43e0000000000000ull,  // 2^63
        0x7e37e43c8800759cull,  // 1e300
        0x01a56e1fc2f8f359ull,  // 1e-300
        0x3cb0000000000000ull,  // 2^-52
        0x3e7ad7f29abcaf48ull,  // 1e-7
    };
    for (unsigned i = 0; i < sizeof fixed / sizeof fixed[0]; i++) show(from_bits(fixed[i]));

    put_line("computed:");
    show(one / three);
    show(two / three);
    show(one / ten + two / ten);             // 0.30000000000000004
    show(__builtin_sqrt(two));
    show(-__builtin_sqrt(three * ten));
    show(big * two);                          // overflow: inf
    show(-big * ten);                         // -inf
    show(tiny / three);                       // subnormal, rounded
    show(tiny * 0x1p-52 / two);               // half the smallest subnormal: ties to 0
    show(tiny * 0x1p-51 * 0.75);              // 1.5 * 2^-1074: ties to even (2^-1073)
    show(-tiny * one * 0.0);                  // -0
    show(big - big * 0.5 - big * 0.5);        // exactly 0
    show((double)(float)(one / three));       // a float's exact value
    show((double)(1.0f / (float)three));
    show(1e15 + one / three);

    put_line("random:");
    uint64_t s = 0x0123456789abcdefull;
    for (int i = 0; i < 120; i++) {
        s += 0x9e3779b97f4a7c15ull;
        uint64_t z = s;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        if (((z >> 52) & 0x7ff) == 0x7ff) z ^= 1ull << 62;  // keep it finite
        if (i % 3 == 1)  // every third one near 1: exponents 2^-30 .. 2^30
            z = (z & 0x800fffffffffffffull) | (uint64_t)(0x3ff + (i % 61) - 30) << 52;
        show(from_bits(z));
    }
#ifdef BRAMBLE_HOST_TWIN
    if (mismatches) {
        fprintf(stderr, "%d mismatches with libc\n", mismatches);
        return 1;
    }
#endif
    return 0;
}
