// Deterministic pseudo-random data shared by the guest programs and their
// host models (tests/guest/model/): Knuth's MMIX LCG and xorshift64*.
#ifndef BRAMBLE_GUEST_LCG_H
#define BRAMBLE_GUEST_LCG_H

#include <stdint.h>

static inline uint64_t lcg_next(uint64_t *state) {
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    // the low bits of an LCG are weak: fold the high half in
    return *state ^ (*state >> 29);
}

static inline uint64_t xorshift64s(uint64_t *state) {
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

#endif
