// sort: 1000 pseudo-random 64-bit values sorted with quicksort (median of
// three, Hoare partition, insertion sort below 16 elements), once comparing
// unsigned and once signed; plus an array full of duplicates. Prints
// order-independent sums (nothing lost), order-dependent checksums and the
// first/last elements. Host model: tests/guest/model/sort_model.py.
#include "guest.h"
#include "lcg.h"

#define N 1000

#define DEFINE_SORT(NAME, T)                                                   \
    static void NAME##_insertion(T *a, long n) {                               \
        for (long i = 1; i < n; i++) {                                         \
            T v = a[i];                                                        \
            long j = i - 1;                                                    \
            while (j >= 0 && a[j] > v) {                                       \
                a[j + 1] = a[j];                                               \
                j--;                                                           \
            }                                                                  \
            a[j + 1] = v;                                                      \
        }                                                                      \
    }                                                                          \
    static void NAME(T *a, long n) {                                           \
        while (n > 16) {                                                       \
            long m = n / 2;                                                    \
            /* median of three into a[m] */                                    \
            if (a[m] < a[0]) { T t = a[m]; a[m] = a[0]; a[0] = t; }            \
            if (a[n - 1] < a[0]) { T t = a[n - 1]; a[n - 1] = a[0]; a[0] = t; } \
            if (a[n - 1] < a[m]) { T t = a[n - 1]; a[n - 1] = a[m]; a[m] = t; } \
            T pivot = a[m];                                                    \
            long i = -1, j = n;                                                \
            for (;;) {                                                         \
                do i++; while (a[i] < pivot);                                  \
                do j--; while (a[j] > pivot);                                  \
                if (i >= j) break;                                             \
                T t = a[i]; a[i] = a[j]; a[j] = t;                             \
            }                                                                  \
            /* recurse into the smaller half, loop on the larger */            \
            long left = j + 1;                                                 \
            if (left < n - left) {                                             \
                NAME(a, left);                                                 \
                a += left;                                                     \
                n -= left;                                                     \
            } else {                                                           \
                NAME(a + left, n - left);                                      \
                n = left;                                                      \
            }                                                                  \
        }                                                                      \
        NAME##_insertion(a, n);                                                \
    }

DEFINE_SORT(sort_u64, uint64_t)
DEFINE_SORT(sort_s64, int64_t)

static uint64_t ua[N];
static int64_t sa[N];
static uint64_t dup[N];

static void sums(const char *label, const uint64_t *a) {
    uint64_t sum = 0, x = 0, weighted = 0, fnv = 0xcbf29ce484222325ull;
    for (int i = 0; i < N; i++) {
        sum += a[i];
        x ^= a[i];
        weighted += a[i] * (uint64_t)(i + 1);
        fnv = (fnv ^ a[i]) * 0x100000001b3ull;
    }
    put_str(label);
    put_str(" sum ");
    put_hex(sum);
    put_str(" xor ");
    put_hex(x);
    put_str(" weighted ");
    put_hex(weighted);
    put_str(" fnv ");
    put_hex(fnv);
    put_nl();
}

static void ends(const char *label, const uint64_t *a, int is_signed) {
    static const int idx[6] = {0, 1, 2, N - 3, N - 2, N - 1};
    put_str(label);
    for (int k = 0; k < 6; k++) {
        put_char(' ');
        if (is_signed)
            put_sdec((int64_t)a[idx[k]]);
        else
            put_hex(a[idx[k]]);
    }
    put_nl();
}

int main(void) {
    uart_init();
    put_line("sort: begin");
    uint64_t s = 20240229;
    for (int i = 0; i < N; i++) {
        ua[i] = lcg_next(&s);
        sa[i] = (int64_t)ua[i];
        dup[i] = lcg_next(&s) % 17;
    }
    sums("input   ", ua);

    sort_u64(ua, N);
    sort_s64(sa, N);
    sort_u64(dup, N);

    int uok = 1, sok = 1, dok = 1, negatives = 0;
    for (int i = 1; i < N; i++) {
        if (ua[i - 1] > ua[i]) uok = 0;
        if (sa[i - 1] > sa[i]) sok = 0;
        if (dup[i - 1] > dup[i]) dok = 0;
    }
    for (int i = 0; i < N; i++) negatives += sa[i] < 0;

    put_str("unsigned sorted ");
    put_line(uok ? "yes" : "NO");
    sums("unsigned", ua);
    ends("unsigned ends", ua, 0);

    put_str("signed sorted ");
    put_str(sok ? "yes" : "NO");
    put_str(" negatives ");
    put_dec((uint64_t)negatives);
    put_nl();
    sums("signed  ", (const uint64_t *)sa);
    ends("signed ends", (const uint64_t *)sa, 1);

    put_str("dups sorted ");
    put_line(dok ? "yes" : "NO");
    sums("dups    ", dup);
    put_str("dups counts");
    for (uint64_t v = 0, i = 0; v < 17; v++) {
        uint64_t c = 0;
        while (i < N && dup[i] == v) { c++; i++; }
        put_char(' ');
        put_dec(c);
    }
    put_nl();
    put_line("sort: end");
    return 0;
}
