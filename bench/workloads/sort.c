// sort: BENCH_REPS rounds of sorting 16384 random 32-bit keys four ways —
// quicksort (median of three, insertion sort below 16), heapsort, bottom-up
// merge sort and LSD radix sort (8-bit digits) — checking that all four agree
// and folding the sorted sequence into a digest. Branchy compare-and-swap code
// and data-dependent loads.
#include "bench.h"

#ifndef BENCH_REPS
#define BENCH_REPS 144
#endif

const char bench_name[] = "sort";

#define N 16384
static uint32_t input[N], a_quick[N], a_heap[N], a_merge[N], a_radix[N], tmp[N];

static void copy32(uint32_t *d, const uint32_t *s, size_t n) {
    for (size_t i = 0; i < n; i++) d[i] = s[i];
}

static void insertion_sort(uint32_t *a, long lo, long hi) {
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(uint32_t *a, long lo, long hi) {
    while (hi - lo >= 16) {
        long mid = lo + (hi - lo) / 2;
        // median of three into a[mid]
        if (a[mid] < a[lo]) { uint32_t t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
        if (a[hi] < a[lo]) { uint32_t t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
        if (a[hi] < a[mid]) { uint32_t t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
        uint32_t pivot = a[mid];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                uint32_t t = a[i]; a[i] = a[j]; a[j] = t;
                i++;
                j--;
            }
        }
        // recurse into the smaller half, loop on the larger
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

static void sift_down(uint32_t *a, size_t root, size_t n) {
    uint32_t v = a[root];
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n) break;
        if (child + 1 < n && a[child + 1] > a[child]) child++;
        if (a[child] <= v) break;
        a[root] = a[child];
        root = child;
    }
    a[root] = v;
}

static void heapsort(uint32_t *a, size_t n) {
    for (size_t i = n / 2; i-- > 0;) sift_down(a, i, n);
    for (size_t end = n - 1; end > 0; end--) {
        uint32_t t = a[0]; a[0] = a[end]; a[end] = t;
        sift_down(a, 0, end);
    }
}

static void merge_sort(uint32_t *a, uint32_t *t, size_t n) {
    uint32_t *src = a, *dst = t;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        uint32_t *x = src; src = dst; dst = x;
    }
    if (src != a) copy32(a, src, n);
}

static void radix_sort(uint32_t *a, uint32_t *t, size_t n) {
    uint32_t count[256];
    uint32_t *src = a, *dst = t;
    for (int shift = 0; shift < 32; shift += 8) {
        for (int b = 0; b < 256; b++) count[b] = 0;
        for (size_t i = 0; i < n; i++) count[(src[i] >> shift) & 0xFF]++;
        uint32_t sum = 0;
        for (int b = 0; b < 256; b++) {
            uint32_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        uint32_t *x = src; src = dst; dst = x;
    }
    // four passes: the result is back in a
}

void bench_run(void) {
    uint64_t s = bench_seed();
    uint64_t digest = 0, mismatches = 0, unsorted = 0;
    for (unsigned r = 0; r < BENCH_REPS; r++) {
        // every fourth round is duplicate-heavy (keys below 256)
        uint32_t mask = (r % 4 == 3) ? 0xFFu : 0xFFFFFFFFu;
        for (size_t i = 0; i < N; i++) input[i] = (uint32_t)(bench_rand(&s) >> 16) & mask;
        copy32(a_quick, input, N);
        copy32(a_heap, input, N);
        copy32(a_merge, input, N);
        copy32(a_radix, input, N);
        quicksort(a_quick, 0, N - 1);
        heapsort(a_heap, N);
        merge_sort(a_merge, tmp, N);
        radix_sort(a_radix, tmp, N);
        uint64_t h = r;
        for (size_t i = 0; i < N; i++) {
            uint32_t v = a_quick[i];
            mismatches += (v != a_heap[i]) + (v != a_merge[i]) + (v != a_radix[i]);
            if (i > 0 && a_quick[i - 1] > v) unsorted++;
            h = (h ^ v) * 0x100000001b3ull;
        }
        digest = bench_rotl(digest, 7) ^ h;
    }
    bench_out("mismatches", mismatches);
    bench_out("unsorted  ", unsorted);
    bench_out("digest    ", digest);
}
