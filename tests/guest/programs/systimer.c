// systimer: the BCM2835 system timer (0x3F003000; BCM2835 ARM Peripherals, chapter 12)
// polled, as bare-metal delay code uses it: the 1 MHz counter advances, a compare set
// 2000 us ahead matches (CS.M1) no earlier than that, writing 1 to M1 clears it, and over
// the same interval the counter and the generic timer (CNTPCT_EL0 at CNTFRQ_EL0) agree on
// the rate to within 1%. Run both plainly and with --deterministic; QEMU prints the same.
#include "guest.h"
#include "mmio.h"

#define ST_BASE 0x3F003000u
#define ST_CS (ST_BASE + 0x00)
#define ST_CLO (ST_BASE + 0x04)
#define ST_CHI (ST_BASE + 0x08)
#define ST_C1 (ST_BASE + 0x10)

static void yes_no(const char *what, int ok) {
    put_str(what);
    put_line(ok ? "yes" : "no");
}

static uint64_t cntpct(void) {
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(v));
    return v;
}
static uint64_t cntfrq(void) {
    uint64_t v;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}

int main(void) {
    uart_init();
    const uint32_t start = mmio_read32(ST_CLO);
    uint32_t now = start;
    for (unsigned i = 0; i < 100000000 && now - start < 1000; ++i) now = mmio_read32(ST_CLO);
    yes_no("systimer: CLO advances 1000 us: ", now - start >= 1000);
    yes_no("systimer: CHI is 0 after boot: ", mmio_read32(ST_CHI) == 0);

    mmio_write32(ST_CS, 1u << 1);  // clear any old match
    const uint32_t t0 = mmio_read32(ST_CLO);
    const uint64_t g0 = cntpct();
    mmio_write32(ST_C1, t0 + 2000);
    yes_no("systimer: M1 clear before the match: ", (mmio_read32(ST_CS) & 2) == 0);
    unsigned polls = 0;
    while (!(mmio_read32(ST_CS) & 2) && polls < 100000000) ++polls;
    const uint32_t t1 = mmio_read32(ST_CLO);
    const uint64_t g1 = cntpct();
    yes_no("systimer: M1 set by the compare: ", (mmio_read32(ST_CS) & 2) != 0);
    yes_no("systimer: not before 2000 us: ", t1 - t0 >= 2000);
    // Counter ticks per microsecond of the system timer, in hundredths: CNTFRQ / 1 MHz.
    const uint64_t expect = cntfrq() / 10000, got = (g1 - g0) * 100 / (t1 - t0);
    yes_no("systimer: CNTPCT rate agrees within 1%: ", got * 100 >= expect * 99 && got * 100 <= expect * 101);
    mmio_write32(ST_CS, 1u << 1);
    yes_no("systimer: writing 1 clears M1: ", (mmio_read32(ST_CS) & 2) == 0);
    put_line("bye");
    return 0;
}
