// matmul: 32-bit integer matrix multiply (wrapping arithmetic), 96 x 96,
// BENCH_REPS rounds of three formulations of C = A * B that must agree — the
// naive i-j-k dot product (strided loads of B), the i-k-j row update, and a
// 16 x 16-blocked i-k-j — then A := C ^ B and B := rotated A, so every round
// multiplies new data. Multiply-accumulate and load/store bound.
#include "bench.h"

#ifndef BENCH_REPS
#define BENCH_REPS 160
#endif

const char bench_name[] = "matmul";

#define N 96
#define BLK 16
static uint32_t A[N][N], B[N][N], C1[N][N], C2[N][N], C3[N][N];

static void mul_ijk(uint32_t c[N][N], uint32_t a[N][N], uint32_t b[N][N]) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            uint32_t sum = 0;
            for (int k = 0; k < N; k++) sum += a[i][k] * b[k][j];
            c[i][j] = sum;
        }
}

static void mul_ikj(uint32_t c[N][N], uint32_t a[N][N], uint32_t b[N][N]) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int k = 0; k < N; k++) {
            uint32_t aik = a[i][k];
            for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
        }
    }
}

static void mul_blocked(uint32_t c[N][N], uint32_t a[N][N], uint32_t b[N][N]) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) c[i][j] = 0;
    for (int ii = 0; ii < N; ii += BLK)
        for (int kk = 0; kk < N; kk += BLK)
            for (int jj = 0; jj < N; jj += BLK)
                for (int i = ii; i < ii + BLK; i++)
                    for (int k = kk; k < kk + BLK; k++) {
                        uint32_t aik = a[i][k];
                        for (int j = jj; j < jj + BLK; j++) c[i][j] += aik * b[k][j];
                    }
}

void bench_run(void) {
    uint64_t s = bench_seed();
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            uint64_t v = bench_rand(&s);
            A[i][j] = (uint32_t)v;
            B[i][j] = (uint32_t)(v >> 32);
        }
    uint64_t digest = 0, mismatches = 0;
    for (unsigned r = 0; r < BENCH_REPS; r++) {
        mul_ijk(C1, A, B);
        mul_ikj(C2, A, B);
        mul_blocked(C3, A, B);
        uint64_t h = r;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                uint32_t v = C1[i][j];
                mismatches += (v != C2[i][j]) + (v != C3[i][j]);
                h = (h ^ v) * 0x100000001b3ull;
            }
        digest = bench_rotl(digest, 3) ^ h;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) A[i][j] = C1[i][j] ^ B[i][j];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) B[i][j] = A[(i + 1) % N][(j + 7) % N] | 1u;
    }
    bench_out("mismatches", mismatches);
    bench_out("trace     ", (uint64_t)C1[0][0] + C1[N / 2][N / 2] + C1[N - 1][N - 1]);
    bench_out("digest    ", digest);
}
