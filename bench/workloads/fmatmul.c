// fmatmul: single-precision dense matrix multiply, 64 x 64, BENCH_REPS rounds of
// C = A * B in the i-k-j order (the inner loop c[i][j] += a[i][k] * b[k][j] runs along
// rows: element-wise, so GCC -O3 vectorises it to fmul/fadd on .4s without changing a
// single rounding), plus one row of the j-k order dot products (a sequential FP sum:
// scalar) to cross-check. Between rounds B changes in one element per row, so no
// round repeats the last one. FP multiply/add and load/store bound.
//
// FP workload: built with the guest's FP flags at -O3 (bench/CMakeLists.txt); the
// native twin is plain -O2 -ffp-contract=off, and both must print the same bits.
#include "bench.h"

#ifndef BENCH_REPS
#define BENCH_REPS 810
#endif

const char bench_name[] = "fmatmul";

#define N 64
static float A[N][N] __attribute__((aligned(16)));
static float B[N][N] __attribute__((aligned(16)));
static float C[N][N] __attribute__((aligned(16)));

static uint32_t f2u(float f) {
    uint32_t u;
    __builtin_memcpy(&u, &f, 4);
    return u;
}

__attribute__((noinline)) static void mul_ikj(void) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) C[i][j] = 0.0f;
        for (int k = 0; k < N; k++) {
            const float aik = A[i][k];
            for (int j = 0; j < N; j++) C[i][j] += aik * B[k][j];
        }
    }
}

void bench_run(void) {
    uint64_t s = bench_seed();
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            uint64_t v = bench_rand(&s);
            // in [-1, 1), multiples of 2^-20: exact in a float
            A[i][j] = (float)((int32_t)(v & 0x1fffff) - 0x100000) * 0x1p-20f;
            B[i][j] = (float)((int32_t)((v >> 32) & 0x1fffff) - 0x100000) * 0x1p-20f;
        }
    uint64_t digest = 0, mismatches = 0;
    for (unsigned r = 0; r < BENCH_REPS; r++) {
        mul_ikj();
        // row r % N again as j-k dot products: the same sums in the same order
        const int i = (int)(r % N);
        for (int j = 0; j < N; j++) {
            float sum = 0.0f;
            for (int k = 0; k < N; k++) sum += A[i][k] * B[k][j];
            mismatches += f2u(sum) != f2u(C[i][j]);
        }
        uint64_t h = r;
        for (int ii = 0; ii < N; ii++)
            for (int j = 0; j < N; j++) h = (h ^ f2u(C[ii][j])) * 0x100000001b3ull;
        digest = bench_rotl(digest, 5) ^ h;
        for (int k = 0; k < N; k++) B[k][(k + r) % N] = C[k][(k * 7 + r) % N] * 0.125f;
    }
    bench_out("mismatches", mismatches);
    bench_out("c00 bits  ", f2u(C[0][0]));
    bench_out("digest    ", digest);
}
