// spalign: SP alignment checking (Arm ARM D1.8.2). EL0 code moves SP_EL0 off 16-byte
// alignment and loads through it. With SCTLR_EL1.SA0 = 1 (its reset value) the load takes
// the SP alignment fault to EL1 (EC 0x26: ESR = 0x26 << 26 | IL = 0x9a000000, ELR = the
// load); with SA0 = 0 it does not. The expected output is written by hand from those
// rules; QEMU 7.2 does not model SP alignment checking, so it cannot be the reference.
#include "el1.h"

extern char vectors[];
void drop_to_el0(void (*entry)(void), void *sp);
void el0_misaligned_load(void);

static uint64_t el0_stack[512] __attribute__((aligned(16)));
static int phase;

#define READ(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0; isb" ::"r"((uint64_t)(v)))

static void el1_phase(void);

void on_exception(uint64_t offset) {
    const uint64_t esr = READ(esr_el1), elr = READ(elr_el1);
    put_str("exception at EL1 vector ");
    put_hexn(offset, 3);
    put_str(" ESR ");
    put_hex32((uint32_t)esr);
    put_str(" ELR = el0 code + ");
    put_hexn(elr - (uint64_t)(uintptr_t)&el0_misaligned_load, 2);
    put_nl();
    if ((esr >> 26) == 0x26) WRITE(elr_el1, elr + 4);  // skip the load
    if ((esr >> 26) == 0x15) {                            // the SVC: next phase, at EL1
        WRITE(elr_el1, (uint64_t)(uintptr_t)&el1_phase);
        WRITE(spsr_el1, 0x3c5);
    }
}

static void el1_phase(void) {
    phase++;
    if (phase == 1) {
        put_line("phase 1: SCTLR_EL1.SA0 = 1");
        drop_to_el0(el0_misaligned_load, el0_stack + 512);
    } else if (phase == 2) {
        WRITE(sctlr_el1, READ(sctlr_el1) & ~(1ull << 4));
        put_line("phase 2: SCTLR_EL1.SA0 = 0");
        drop_to_el0(el0_misaligned_load, el0_stack + 512);
    } else {
        put_line("done");
        poweroff();
    }
}

static void el1_main(void) {
    WRITE(vbar_el1, (uint64_t)(uintptr_t)vectors);
    el1_phase();
}

int main(void) { return run_at_el1(el1_main); }
