// exceptions: the round trip through the exception levels. Starting at EL2 (where the Pi
// firmware leaves the kernel), takes HVC, SVC and BRK at EL2, drops to EL1 (ERET), takes
// SVC there, HVC up to EL2, an UNALLOCATED word and an EL2 register read (both the
// Undefined Instruction exception, EC 0), misaligned LDXR and STLR (alignment faults:
// data abort EC 0x25, DFSC 0x21, WnR for the store, FAR = the address) and a branch to a
// misaligned address (PC alignment fault EC 0x22, FAR = ELR = the target), an illegal
// exception return to EL2 (PSTATE.IL, then EC 0x0E with SPSR.IL set), drops to EL0, and
// returns to EL1 through SVC. Each
// exception prints its vector offset and ESR, ELR and SPSR of the level it went to.
// ESR = EC << 26 | IL << 25 | imm16 (Arm ARM D17.2.37): HVC EC 0x16, SVC 0x15, BRK 0x3c.
// Vector offsets (D1.10.2): 0x200 same level with SP_ELx, 0x400 from a lower level.
#include "guest.h"

extern char vectors[];
void do_hvc(void);
void do_svc(void);
void do_brk(void);
void drop_to_el1(void (*entry)(void), void *sp);
void drop_to_el0(void (*entry)(void), void *sp);
void el1_svc(void);
void el1_hvc(void);
void el0_svc(void);
void el1_undef(void);
uint64_t el1_mrs_el2(void);
void el1_ldxr_misaligned(void *p);
void el1_stlr_misaligned(void *p);
void el1_pc_misaligned(void);
void el1_illegal_return(void);

static uint64_t scratch[4] __attribute__((aligned(16)));

static uint64_t el1_stack[512] __attribute__((aligned(16)));
static uint64_t el0_stack[512] __attribute__((aligned(16)));

static void el1_resume(void);

#define READ(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0" ::"r"((uint64_t)(v)))

void on_exception(uint64_t offset) {
    const uint64_t el = current_el();
    uint64_t esr, elr, spsr;
    if (el == 2) {
        esr = READ(esr_el2), elr = READ(elr_el2), spsr = READ(spsr_el2);
    } else {
        esr = READ(esr_el1), elr = READ(elr_el1), spsr = READ(spsr_el1);
    }
    put_str("exception at EL");
    put_dec(el);
    put_str(" vector ");
    put_hexn(offset, 3);
    put_str(" ESR ");
    put_hex32((uint32_t)esr);
    put_str(" ELR ");
    put_hexn(elr, 6);
    put_str(" SPSR ");
    put_hex32((uint32_t)spsr);
    const uint64_t ec = esr >> 26;
    if (ec == 0x22 || ec == 0x24 || ec == 0x25) {  // aborts and PC alignment report FAR
        put_str(" FAR ");
        put_hexn(el == 2 ? READ(far_el2) : READ(far_el1), 6);
    }
    put_nl();
    if (ec == 0x25 || ec == 0x24) {  // data abort: skip the access
        if (el == 2) WRITE(elr_el2, elr + 4);
        else WRITE(elr_el1, elr + 4);
    }
    if (ec == 0x0e) {  // illegal execution state: return without PSTATE.IL (SPSR bit 20)
        if (el == 2) WRITE(spsr_el2, spsr & ~(1ull << 20));
        else WRITE(spsr_el1, spsr & ~(1ull << 20));
    }
    if (ec == 0x22) {  // PC alignment: resume at the aligned instruction below the target
        if (el == 2) WRITE(elr_el2, elr & ~3ull);
        else WRITE(elr_el1, elr & ~3ull);
    }
    if ((esr >> 26) == 0x3c || (esr >> 26) == 0) {  // BRK, UNDEFINED: return past it
        if (el == 2) WRITE(elr_el2, elr + 4);
        else WRITE(elr_el1, elr + 4);
    }
    if (el == 1 && (esr >> 26) == 0x15 && (esr & 0xffff) == 0x55) {
        // The SVC from EL0: go back to EL1 instead of returning to EL0.
        WRITE(elr_el1, (uint64_t)(uintptr_t)&el1_resume);
        WRITE(spsr_el1, 0x3c5);
    }
}

static void el1_main(void) {
    put_str("at EL");
    put_dec(current_el());
    put_nl();
    WRITE(vbar_el1, (uint64_t)(uintptr_t)vectors);
    el1_svc();
    el1_hvc();
    el1_undef();
    el1_mrs_el2();
    el1_ldxr_misaligned(scratch);
    el1_stlr_misaligned(scratch);
    el1_pc_misaligned();
    el1_illegal_return();
    drop_to_el0(el0_svc, el0_stack + 512);
}

static void el1_resume(void) {
    put_str("back at EL");
    put_dec(current_el());
    put_nl();
    poweroff();
}

int main(void) {
    uart_init();
    put_str("start at EL");
    put_dec(current_el());
    put_nl();
    if (current_el() != 2) {
        put_line("this program starts at EL2, as the Pi firmware leaves a kernel");
        return 0;
    }
    WRITE(vbar_el2, (uint64_t)(uintptr_t)vectors);
    do_hvc();
    do_svc();
    do_brk();
    drop_to_el1(el1_main, el1_stack + 512);
    return 0;
}
