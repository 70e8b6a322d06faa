// timer: the generic timer's registers at EL2 (Arm ARM D11). Prints only what the
// architecture fixes, never a time: CNTFRQ as the Pi firmware sets it (19.2 MHz), that
// the counter advances, that each of the EL1 physical, EL1 virtual and EL2 physical
// timers raises ISTATUS once its compare value is reached and not before, that TVAL
// counts down through zero, that IMASK leaves ISTATUS alone, and that the virtual
// count is the physical count minus CNTVOFF_EL2.
#include "guest.h"

#define READ(reg) ({ uint64_t v_; __asm__ volatile("isb; mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0; isb" ::"r"((uint64_t)(v)))

static void say(const char *what, int yes) {
    put_str(what);
    put_line(yes ? ": yes" : ": no");
}

static uint64_t cntp_ctl(void) { return READ(cntp_ctl_el0); }
static uint64_t cntv_ctl(void) { return READ(cntv_ctl_el0); }
static uint64_t cnthp_ctl(void) { return READ(cnthp_ctl_el2); }

// Spins until ISTATUS (bit 2) of the control register read_ctl reads is set, for at most
// limit reads.
static int wait_istatus(uint64_t (*read_ctl)(void), long limit) {
    for (long i = 0; i < limit; i++) {
        if (read_ctl() & 4) return 1;
    }
    return 0;
}

int main(void) {
    uart_init();
    put_str("CNTFRQ_EL0 ");
    put_dec(READ(cntfrq_el0));
    put_nl();

    const uint64_t c1 = READ(cntpct_el0);
    for (volatile int i = 0; i < 10000; i++) {}
    const uint64_t c2 = READ(cntpct_el0);
    say("counter advances", c2 > c1);

    // EL1 physical timer: 200000 ticks (~10 ms at 19.2 MHz) ahead, unmasked: far enough
    // that no emulator reaches it between two instructions.
    WRITE(cntp_ctl_el0, 0);
    WRITE(cntp_tval_el0, 200000);
    WRITE(cntp_ctl_el0, 1);
    say("physical timer pending before its time", (READ(cntp_ctl_el0) & 4) != 0);
    say("physical timer fires", wait_istatus(cntp_ctl, 100000000));
    say("physical TVAL negative after it fired", (int32_t)READ(cntp_tval_el0) < 0);
    WRITE(cntp_ctl_el0, 3);  // IMASK does not hide ISTATUS
    say("physical ISTATUS still set with IMASK", (READ(cntp_ctl_el0) & 4) != 0);
    WRITE(cntp_ctl_el0, 0);
    say("physical ISTATUS clear when disabled", (READ(cntp_ctl_el0) & 4) == 0);

    // Virtual count = physical count - CNTVOFF_EL2.
    WRITE(cntvoff_el2, 1000000);
    const uint64_t p1 = READ(cntpct_el0);
    const uint64_t v = READ(cntvct_el0);
    const uint64_t p2 = READ(cntpct_el0);
    say("virtual count is physical minus CNTVOFF", v + 1000000 >= p1 && v + 1000000 <= p2);

    // EL1 virtual timer, against the virtual count.
    WRITE(cntv_ctl_el0, 0);
    WRITE(cntv_cval_el0, READ(cntvct_el0) + 200000);
    WRITE(cntv_ctl_el0, 1);
    say("virtual timer pending before its time", (READ(cntv_ctl_el0) & 4) != 0);
    say("virtual timer fires", wait_istatus(cntv_ctl, 100000000));
    WRITE(cntv_ctl_el0, 0);
    WRITE(cntvoff_el2, 0);

    // EL2 physical timer.
    WRITE(cnthp_ctl_el2, 0);
    WRITE(cnthp_tval_el2, 200000);
    WRITE(cnthp_ctl_el2, 1);
    say("EL2 timer pending before its time", (READ(cnthp_ctl_el2) & 4) != 0);
    say("EL2 timer fires", wait_istatus(cnthp_ctl, 100000000));
    WRITE(cnthp_ctl_el2, 0);
    return 0;
}
