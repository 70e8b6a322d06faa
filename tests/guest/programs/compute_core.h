// The workload of programs/compute.c, shared with its host model
// (tests/guest/model/compute_model.c): plain integer C, no I/O.
#ifndef BRAMBLE_GUEST_COMPUTE_CORE_H
#define BRAMBLE_GUEST_COMPUTE_CORE_H

#include <stdint.h>
#include "lcg.h"

#define COMPUTE_ROUNDS 19000u
#define COMPUTE_ARRAY 64

static inline uint64_t compute_rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// One round: fill an array from xorshift64*, insertion-sort it, hash it with
// an FNV/rotate mix, fold in a division and a table walk. Returns the new hash.
static uint64_t compute_round(uint64_t *state, uint64_t h, uint32_t round,
                              uint64_t *a, uint32_t *table) {
    for (int i = 0; i < COMPUTE_ARRAY; i++) a[i] = xorshift64s(state) >> (round & 7);
    for (int i = 1; i < COMPUTE_ARRAY; i++) {
        uint64_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
    for (int i = 0; i < COMPUTE_ARRAY; i++) {
        h = (h ^ a[i]) * 0x100000001b3ull;
        h = compute_rotl(h, 23) + (uint64_t)i;
    }
    h += a[round & 63] / (a[(round * 7 + 1) & 63] | 1);
    uint32_t idx = (uint32_t)h & 255;
    for (int k = 0; k < 32; k++) {
        uint32_t t = table[idx];
        table[idx] = t * 2654435761u + (uint32_t)k;
        idx = (t ^ (t >> 13)) & 255;
        h ^= (uint64_t)t << (k & 31);
    }
    return h;
}

static uint64_t compute_run(uint32_t rounds, uint64_t *sorted_checksum) {
    uint64_t a[COMPUTE_ARRAY];
    uint32_t table[256];
    uint64_t state = 0x853c49e6748fea9bull, h = 0xcbf29ce484222325ull, check = 0;
    for (int i = 0; i < 256; i++) table[i] = (uint32_t)i * 0x9e3779b9u;
    for (uint32_t r = 0; r < rounds; r++) {
        h = compute_round(&state, h, r, a, table);
        check += a[0] ^ a[COMPUTE_ARRAY - 1];
    }
    *sorted_checksum = check;
    return h;
}

#endif
