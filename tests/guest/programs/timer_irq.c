// timer_irq: generic timer interrupts through the BCM2836 local controller (QA7 4.6) to
// the core's IRQ input, taken at EL1 (D1.13). From EL2 (as the firmware leaves a kernel)
// it drops to EL1, routes CNTPNSIRQ and CNTVIRQ of core 0 to IRQ (0x40000040 = 0xa), and:
//  1. arms the EL1 physical timer 1 ms ahead and waits in WFI: the IRQ arrives through
//     the IRQ vector for the current EL with SP_ELx (offset 0x280), the local
//     controller's IRQ source for core 0 shows bit 1 (CNTPNSIRQ), CNTP_CTL shows ISTATUS,
//     and with --deterministic (one instruction per nanosecond; counter at 19.2 MHz) the
//     handler's counter read is within one tick of CVAL;
//  2. the same with the virtual timer through TVAL: source bit 3 (CNTVIRQ);
//  3. with PSTATE.I set the firing timer is not taken; it is the moment DAIFClr clears I;
//  4. with CNTP_CTL.IMASK set the line stays low: no interrupt, ISTATUS still reads 1.
// Expected output written from those rules.
#include "el1.h"

extern char vectors[];

static volatile uint64_t irqs, last_offset, last_source, last_count, last_ctl;
static volatile int which;  // 0: physical timer, 1: virtual timer

#define READ(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0; isb" ::"r"((uint64_t)(v)))
#define LOCAL_TIMER_CONTROL0 0x40000040u
#define LOCAL_IRQ_SOURCE0 0x40000060u

void on_exception(uint64_t offset) {
    last_offset = offset;
    last_source = mmio_read32(LOCAL_IRQ_SOURCE0);
    if (which == 0) {
        last_count = READ(cntpct_el0);
        last_ctl = READ(cntp_ctl_el0);
        WRITE(cntp_ctl_el0, 0);  // disable: the line drops
    } else {
        last_count = READ(cntvct_el0);
        last_ctl = READ(cntv_ctl_el0);
        WRITE(cntv_ctl_el0, 0);
    }
    irqs++;
}

static void report(const char *what, uint64_t cval) {
    put_str(what);
    put_str(": vector ");
    put_hexn(last_offset, 3);
    put_str(" source ");
    put_hexn(last_source, 3);
    put_str(" CTL ");
    put_hexn(last_ctl, 1);
    put_str(" within one tick of CVAL: ");
    put_str(last_count >= cval && last_count - cval <= 1 ? "yes" : "no");
    put_nl();
}

static void el1_main(void) {
    WRITE(vbar_el1, (uint64_t)(uintptr_t)vectors);
    mmio_write32(LOCAL_TIMER_CONTROL0, 0xa);  // CNTPNSIRQ and CNTVIRQ -> IRQ
    put_str("CNTFRQ ");
    put_dec(READ(cntfrq_el0));
    put_nl();

    // 1. Physical timer, CVAL, WFI.
    which = 0;
    uint64_t cval = READ(cntpct_el0) + 19200;  // 1 ms
    WRITE(cntp_cval_el0, cval);
    WRITE(cntp_ctl_el0, 1);
    __asm__ volatile("msr daifclr, #2");
    while (irqs == 0) __asm__ volatile("wfi");
    report("physical timer", cval);

    // 2. Virtual timer, TVAL (counts down from now).
    which = 1;
    irqs = 0;
    WRITE(cntv_tval_el0, 38400);  // 2 ms
    cval = READ(cntv_cval_el0);
    WRITE(cntv_ctl_el0, 1);
    while (irqs == 0) __asm__ volatile("wfi");
    report("virtual timer", cval);

    // 3. Masked by PSTATE.I while it fires: taken when I is cleared, not before.
    which = 0;
    irqs = 0;
    __asm__ volatile("msr daifset, #2");
    cval = READ(cntpct_el0) + 192;  // 10 us
    WRITE(cntp_cval_el0, cval);
    WRITE(cntp_ctl_el0, 1);
    while ((READ(cntp_ctl_el0) & 4) == 0) {
    }
    for (volatile int i = 0; i < 1000; i++) {
    }
    put_str("masked: interrupts taken while I is set: ");
    put_dec(irqs);
    put_nl();
    __asm__ volatile("msr daifclr, #2");
    const uint64_t after = irqs;
    put_str("taken as soon as I is cleared: ");
    put_str(after == 1 ? "yes" : "no");
    put_str(", vector ");
    put_hexn(last_offset, 3);
    put_nl();

    // 4. IMASK: the timer condition holds (ISTATUS) but the output stays low.
    irqs = 0;
    cval = READ(cntpct_el0) + 192;
    WRITE(cntp_cval_el0, cval);
    WRITE(cntp_ctl_el0, 3);  // ENABLE | IMASK
    while ((READ(cntp_ctl_el0) & 4) == 0) {
    }
    for (volatile int i = 0; i < 1000; i++) {
    }
    put_str("IMASK: CTL ");
    put_hexn(READ(cntp_ctl_el0), 1);
    put_str(" source ");
    put_hexn(mmio_read32(LOCAL_IRQ_SOURCE0), 3);
    put_str(" interrupts ");
    put_dec(irqs);
    put_nl();
    WRITE(cntp_ctl_el0, 0);
    put_line("done");
    poweroff();
}

int main(void) { return run_at_el1(el1_main); }
