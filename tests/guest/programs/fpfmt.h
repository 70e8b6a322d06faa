// fpfmt.h: exact double -> decimal conversion for the FP guest programs, in integer
// arithmetic only (big integers), so what the guest prints about a double does not
// depend on the FP unit under test, only on the double's bits.
//
//   fmt_e(buf, x, prec)   like printf("%.*e", prec, x)
//   fmt_f(buf, x, prec)   like printf("%.*f", prec, x)
//   fmt_g(buf, x, prec)   like printf("%.*g", prec, x)
//   fmt_shortest(buf, x)  the shortest digit string that reads back as x (ties between
//                         two shortest candidates: the one nearer x, then the even
//                         digit), printed as d[.ddd]e±XX; what Python's repr() picks
//
// printf rounds the exact binary value to the requested digits, ties to even (glibc);
// so do these (Dragon4-style digit generation: R/S = |x| / 10^k kept as two exact big
// integers). inf prints "inf"/"-inf"; a NaN prints "nan" whatever its sign, since the
// sign of a NaN made by an operation differs between AArch64 (default NaN positive)
// and x86-64 (negative). The shortest conversion follows Steele & White / Burger &
// Dybvig ("Printing floating-point numbers quickly and accurately", PLDI 1996).
//
// Buffers: FPFMT_BUF bytes hold any output with prec <= 40.
#ifndef BRAMBLE_FPFMT_H
#define BRAMBLE_FPFMT_H

#include <stdint.h>

// Not every program uses every function: no -Wunused-function for them.
#define FPFMT_FN static __attribute__((unused))

#define FPFMT_BUF 400
#define FPFMT_WORDS 48  // 1536 bits: R, S and 10*R for |x| from 2^-1074 to 2^1024

typedef struct {
    int n;  // words in use (w[n-1] != 0, or n == 0 for zero)
    uint32_t w[FPFMT_WORDS];
} fpfmt_bn;

FPFMT_FN void bn_set(fpfmt_bn *a, uint64_t v) {
    a->n = 0;
    while (v) {
        a->w[a->n++] = (uint32_t)v;
        v >>= 32;
    }
}

FPFMT_FN void bn_copy(fpfmt_bn *d, const fpfmt_bn *s) {
    d->n = s->n;
    for (int i = 0; i < s->n; i++) d->w[i] = s->w[i];
}

FPFMT_FN void bn_mul_small(fpfmt_bn *a, uint32_t m) {
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->w[i] * m + carry;
        a->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) a->w[a->n++] = (uint32_t)carry;
}

FPFMT_FN void bn_mul_pow10(fpfmt_bn *a, int k) {
    static const uint32_t p10[10] = {1,      10,      100,      1000,      10000,
                                     100000, 1000000, 10000000, 100000000, 1000000000};
    for (; k >= 9; k -= 9) bn_mul_small(a, p10[9]);
    if (k > 0) bn_mul_small(a, p10[k]);
}

FPFMT_FN void bn_shl(fpfmt_bn *a, int bits) {
    if (a->n == 0 || bits == 0) return;
    int words = bits / 32, b = bits % 32;
    int n = a->n + words + 1;
    for (int i = n - 1; i >= 0; i--) {
        int src = i - words;
        uint32_t hi = (src >= 0 && src < a->n) ? a->w[src] : 0;
        uint32_t lo = (src - 1 >= 0 && src - 1 < a->n) ? a->w[src - 1] : 0;
        a->w[i] = b ? (hi << b) | (lo >> (32 - b)) : hi;
    }
    a->n = n;
    while (a->n > 0 && a->w[a->n - 1] == 0) a->n--;
}

FPFMT_FN int bn_cmp(const fpfmt_bn *a, const fpfmt_bn *b) {
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

FPFMT_FN void bn_sub(fpfmt_bn *a, const fpfmt_bn *b) {  // a -= b, a >= b
    uint64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        a->w[i] = (uint32_t)t;
        borrow = (t >> 32) & 1;
    }
    while (a->n > 0 && a->w[a->n - 1] == 0) a->n--;
}

FPFMT_FN void bn_add(fpfmt_bn *d, const fpfmt_bn *a, const fpfmt_bn *b) {  // d = a + b
    int n = a->n > b->n ? a->n : b->n;
    uint64_t carry = 0;
    for (int i = 0; i < n; i++) {
        uint64_t t = (uint64_t)(i < a->n ? a->w[i] : 0) + (i < b->n ? b->w[i] : 0) + carry;
        d->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    d->n = n;
    if (carry) d->w[d->n++] = (uint32_t)carry;
}

// floor(R / S) for R < 10 S, and R -= that * S.
FPFMT_FN int bn_digit(fpfmt_bn *R, const fpfmt_bn *S) {
    int d = 0;
    while (bn_cmp(R, S) >= 0) {
        bn_sub(R, S);
        d++;
    }
    return d;
}

FPFMT_FN uint64_t fpfmt_bits(double x) {
    uint64_t u;
    __builtin_memcpy(&u, &x, 8);
    return u;
}

// |x| = f * 2^e, x finite and nonzero.
FPFMT_FN void fpfmt_split(uint64_t bits, uint64_t *f, int *e) {
    int be = (int)((bits >> 52) & 0x7ff);
    uint64_t m = bits & ((1ull << 52) - 1);
    if (be == 0) {
        *f = m;
        *e = -1074;
    } else {
        *f = m | (1ull << 52);
        *e = be - 1075;
    }
}

// An estimate of floor(log10(f * 2^e)), off by at most one (1233 / 4096 ~ log10 2).
FPFMT_FN int fpfmt_k_estimate(uint64_t f, int e) {
    int l2 = e + 63 - __builtin_clzll(f);
    return (l2 * 1233) >> 12;  // arithmetic shift: floor also for negative l2
}

// Sets R/S = |x| / 10^k exactly with 1 <= R/S < 10 and returns k.
FPFMT_FN int fpfmt_scale(uint64_t bits, fpfmt_bn *R, fpfmt_bn *S) {
    uint64_t f;
    int e;
    fpfmt_split(bits, &f, &e);
    int k = fpfmt_k_estimate(f, e);
    bn_set(R, f);
    bn_set(S, 1);
    if (e > 0) bn_shl(R, e);
    if (e < 0) bn_shl(S, -e);
    if (k >= 0)
        bn_mul_pow10(S, k);
    else
        bn_mul_pow10(R, -k);
    fpfmt_bn t;
    for (;;) {
        bn_copy(&t, S);
        bn_mul_small(&t, 10);
        if (bn_cmp(R, &t) < 0) break;
        bn_copy(S, &t);
        k++;
    }
    while (bn_cmp(R, S) < 0) {
        bn_mul_small(R, 10);
        k--;
    }
    return k;
}

// Generates n >= 1 significant digits of R/S (1 <= R/S < 10), rounded to nearest, ties
// to even; returns 1 if the rounding carried out of the first digit (the digits are
// then 1000..., and the caller adds one to the exponent).
FPFMT_FN int fpfmt_digits(fpfmt_bn *R, const fpfmt_bn *S, char *d, int n) {
    for (int i = 0; i < n; i++) {
        d[i] = (char)bn_digit(R, S);
        if (i + 1 < n) bn_mul_small(R, 10);
    }
    bn_shl(R, 1);  // compare the remainder with half a unit of the last digit
    int c = bn_cmp(R, S);
    if (c > 0 || (c == 0 && (d[n - 1] & 1))) {
        int i = n - 1;
        while (i >= 0 && d[i] == 9) d[i--] = 0;
        if (i < 0) {
            d[0] = 1;
            return 1;
        }
        d[i]++;
    }
    return 0;
}

// Non-finite values and the sign; returns the position after the sign, or -1 when the
// whole output (inf/nan) has been written.
FPFMT_FN int fpfmt_special(char *buf, uint64_t bits) {
    int p = 0;
    if (((bits >> 52) & 0x7ff) == 0x7ff) {
        const char *s = (bits & ((1ull << 52) - 1)) ? "nan" : (bits >> 63) ? "-inf" : "inf";
        while (*s) buf[p++] = *s++;
        buf[p] = 0;
        return -1;
    }
    if (bits >> 63) buf[p++] = '-';
    return p;
}

FPFMT_FN int fpfmt_exp(char *buf, int p, int k) {
    buf[p++] = 'e';
    buf[p++] = k < 0 ? '-' : '+';
    unsigned a = k < 0 ? (unsigned)-k : (unsigned)k;
    if (a >= 100) buf[p++] = (char)('0' + a / 100);
    buf[p++] = (char)('0' + a / 10 % 10);
    buf[p++] = (char)('0' + a % 10);
    return p;
}

// d[0..n) are the digits of 10^k .. 10^(k-n+1); prints positions max(k,0) .. -prec.
FPFMT_FN int fpfmt_fixed(char *buf, int p, const char *d, int n, int k, int prec) {
    for (int pos = k > 0 ? k : 0; pos >= -prec; pos--) {
        int i = k - pos;
        buf[p++] = (char)('0' + ((i >= 0 && i < n) ? d[i] : 0));
        if (pos == 0 && prec > 0) buf[p++] = '.';
    }
    return p;
}

FPFMT_FN void fmt_e(char *buf, double x, int prec) {
    uint64_t bits = fpfmt_bits(x);
    int p = fpfmt_special(buf, bits);
    if (p < 0) return;
    char d[64];
    int k = 0;
    if ((bits << 1) == 0) {
        for (int i = 0; i <= prec; i++) d[i] = 0;
    } else {
        fpfmt_bn R, S;
        k = fpfmt_scale(bits, &R, &S);
        k += fpfmt_digits(&R, &S, d, prec + 1);
    }
    buf[p++] = (char)('0' + d[0]);
    if (prec > 0) buf[p++] = '.';
    for (int i = 1; i <= prec; i++) buf[p++] = (char)('0' + d[i]);
    p = fpfmt_exp(buf, p, k);
    buf[p] = 0;
}

FPFMT_FN void fmt_f(char *buf, double x, int prec) {
    uint64_t bits = fpfmt_bits(x);
    int p = fpfmt_special(buf, bits);
    if (p < 0) return;
    char d[400];
    int n = 0, k = 0;
    if ((bits << 1) != 0) {
        fpfmt_bn R, S;
        k = fpfmt_scale(bits, &R, &S);
        n = k + 1 + prec;  // digits from 10^k down to 10^-prec
        if (n >= 1) {
            if (fpfmt_digits(&R, &S, d, n)) {
                d[n++] = 0;  // 99.96 -> 100.0: one more integer digit
                k++;
            }
        } else if (n == 0) {
            // |x| < 10^-prec: rounds to 10^-prec when above half of it (exactly half
            // rounds to the even 0)
            fpfmt_bn t;
            bn_copy(&t, &S);
            bn_mul_small(&t, 5);
            n = 0;
            if (bn_cmp(&R, &t) > 0) {
                d[0] = 1;
                n = 1;
                k = -prec;
            }
        } else {
            n = 0;
        }
    }
    p = fpfmt_fixed(buf, p, d, n, k, prec);
    buf[p] = 0;
}

FPFMT_FN void fmt_g(char *buf, double x, int prec) {
    uint64_t bits = fpfmt_bits(x);
    int p = fpfmt_special(buf, bits);
    if (p < 0) return;
    if (prec == 0) prec = 1;
    if ((bits << 1) == 0) {
        buf[p++] = '0';
        buf[p] = 0;
        return;
    }
    char d[64];
    fpfmt_bn R, S;
    int k = fpfmt_scale(bits, &R, &S);
    k += fpfmt_digits(&R, &S, d, prec);
    int start = p;
    if (k < -4 || k >= prec) {
        buf[p++] = (char)('0' + d[0]);
        buf[p++] = '.';
        for (int i = 1; i < prec; i++) buf[p++] = (char)('0' + d[i]);
        while (buf[p - 1] == '0') p--;
        if (buf[p - 1] == '.') p--;
        p = fpfmt_exp(buf, p, k);
    } else {
        p = fpfmt_fixed(buf, p, d, prec, k, prec - 1 - k);
        int has_point = 0;
        for (int i = start; i < p; i++) has_point |= buf[i] == '.';
        if (has_point) {
            while (buf[p - 1] == '0') p--;
            if (buf[p - 1] == '.') p--;
        }
    }
    buf[p] = 0;
}

FPFMT_FN void fmt_shortest(char *buf, double x) {
    uint64_t bits = fpfmt_bits(x);
    int p = fpfmt_special(buf, bits);
    if (p < 0) return;
    if ((bits << 1) == 0) {
        buf[p++] = '0';
        buf[p++] = 'e';
        buf[p++] = '+';
        buf[p++] = '0';
        buf[p++] = '0';
        buf[p] = 0;
        return;
    }
    uint64_t f;
    int e;
    fpfmt_split(bits, &f, &e);
    // The rounding interval of x is (x - Mm/S, x + Mp/S) in units where x = R/S; its
    // ends belong to it when f is even (round-to-even reads them back as x). At a power
    // of two (f = 2^52, not the smallest exponent) the gap below is half the gap above.
    const int even = (f & 1) == 0;
    const int lower_closer = f == (1ull << 52) && e > -1074;
    fpfmt_bn R, S, Mp, Mm, t;
    bn_set(&R, f);
    bn_set(&S, 1);
    bn_set(&Mp, 1);
    bn_set(&Mm, 1);
    if (e >= 0) {
        bn_shl(&R, e + 1 + lower_closer);
        bn_set(&S, 2u << lower_closer);
        bn_shl(&Mp, e + lower_closer);
        bn_shl(&Mm, e);
    } else {
        bn_shl(&R, 1 + lower_closer);
        bn_shl(&S, 1 - e + lower_closer);
        bn_shl(&Mp, lower_closer);
    }
    int k = fpfmt_k_estimate(f, e);
    if (k >= 0) {
        bn_mul_pow10(&S, k);
    } else {
        bn_mul_pow10(&R, -k);
        bn_mul_pow10(&Mp, -k);
        bn_mul_pow10(&Mm, -k);
    }
    // Make the interval's top (R + Mp) / S lie in [1, 10) (an included top end counts
    // as reached): the first digit is then that of 10^k.
    for (;;) {
        fpfmt_bn s10;
        bn_add(&t, &R, &Mp);
        bn_copy(&s10, &S);
        bn_mul_small(&s10, 10);
        int c = bn_cmp(&t, &s10);
        if (c < 0 || (c == 0 && !even)) break;
        bn_copy(&S, &s10);
        k++;
    }
    for (;;) {
        bn_add(&t, &R, &Mp);
        int c = bn_cmp(&t, &S);
        if (c > 0 || (c == 0 && even)) break;
        bn_mul_small(&R, 10);
        bn_mul_small(&Mp, 10);
        bn_mul_small(&Mm, 10);
        k--;
    }
    char d[32];
    int n = 0;
    for (;;) {
        int dig = bn_digit(&R, &S);
        int cl = bn_cmp(&R, &Mm);
        int low = even ? cl <= 0 : cl < 0;  // x - R/S.. : digit string dig is inside
        bn_add(&t, &R, &Mp);
        int ch = bn_cmp(&t, &S);
        int high = even ? ch >= 0 : ch > 0;  // dig + 1 is inside
        if (!low && !high) {
            d[n++] = (char)dig;
            bn_mul_small(&R, 10);
            bn_mul_small(&Mp, 10);
            bn_mul_small(&Mm, 10);
            continue;
        }
        if (low && high) {  // both inside: the nearer, then the even one
            bn_copy(&t, &R);
            bn_shl(&t, 1);
            int c = bn_cmp(&t, &S);
            if (c > 0 || (c == 0 && (dig & 1))) dig++;
        } else if (high) {
            dig++;
        }
        d[n++] = (char)dig;
        break;
    }
    buf[p++] = (char)('0' + d[0]);
    if (n > 1) buf[p++] = '.';
    for (int i = 1; i < n; i++) buf[p++] = (char)('0' + d[i]);
    p = fpfmt_exp(buf, p, k);
    buf[p] = 0;
}

// Convenience printers (need guest.h's put_str/put_char first).
static inline void put_g17(double x) {
    char b[FPFMT_BUF];
    fmt_g(b, x, 17);
    put_str(b);
}

static inline void put_g9f(float x) {  // a float at full precision: 9 significant digits
    char b[FPFMT_BUF];
    fmt_g(b, (double)x, 9);
    put_str(b);
}

#endif
