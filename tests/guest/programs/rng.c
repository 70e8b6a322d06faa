// rng: the BCM2835 hardware RNG (0x3F104000) started the way Linux's bcm2835-rng driver
// starts it (warm-up count 0x40000 into STATUS, INT_OFF into INT_MASK, RBGEN into CTRL),
// then read the way that driver reads it: wait until STATUS bits 31:24 show words, take
// that many from DATA. What a random source guarantees is checked, not its values: the
// words arrive, 64 of them are distinct, and about half their bits are set. The output
// is the same in QEMU (-M raspi3b).
#include "guest.h"
#include "mmio.h"

#define RNG_BASE 0x3F104000u
#define RNG_CTRL (RNG_BASE + 0x00)
#define RNG_STATUS (RNG_BASE + 0x04)
#define RNG_DATA (RNG_BASE + 0x08)
#define RNG_INT_MASK (RNG_BASE + 0x10)

#define WORDS 64

// The bits set in w (no libgcc here for __builtin_popcount without FP/SIMD registers).
static unsigned bits_set(uint32_t w) {
    unsigned n = 0;
    for (; w; w &= w - 1) ++n;
    return n;
}

static void yes_no(const char *what, int ok) {
    put_str(what);
    put_line(ok ? "yes" : "no");
}

int main(void) {
    uart_init();
    mmio_write32(RNG_STATUS, 0x40000);
    mmio_write32(RNG_INT_MASK, mmio_read32(RNG_INT_MASK) | 1);
    mmio_write32(RNG_CTRL, mmio_read32(RNG_CTRL) | 1);
    yes_no("rng: enabled: ", mmio_read32(RNG_CTRL) & 1);

    uint32_t words[WORDS];
    unsigned got = 0, polls = 0;
    while (got < WORDS && polls < 1000000) {
        unsigned ready = mmio_read32(RNG_STATUS) >> 24;
        ++polls;
        for (; ready > 0 && got < WORDS; --ready) words[got++] = mmio_read32(RNG_DATA);
    }
    yes_no("rng: 64 words arrived: ", got == WORDS);

    int distinct = 1;
    unsigned ones = 0;
    for (unsigned i = 0; i < got; ++i) {
        ones += bits_set(words[i]);
        for (unsigned j = 0; j < i; ++j)
            if (words[i] == words[j]) distinct = 0;
    }
    yes_no("rng: all distinct: ", distinct);
    // 2048 fair bits: 40%..60% set is over nine standard deviations wide.
    yes_no("rng: 40-60% of the bits set: ", ones > WORDS * 32 * 4 / 10 && ones < WORDS * 32 * 6 / 10);
    put_line("bye");
    return 0;
}
