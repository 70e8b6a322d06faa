// el2traps: what a hypervisor at EL2 can trap from EL1 (Arm ARM D13.2.46, HCR_EL2, and
// the Cortex-A53 TRM 4.3 for ACTLR_EL2).
//
// Phase 1 sets HCR_EL2.TVM, TRVM, TACR, TIDCP, TID3, TID2, TID1, TSW, TPC, TPU, TTLB and
// TDZ and runs one instruction for each at EL1; each traps to EL2 with EC 0x18 and the
// instruction's Op0, Op2, Op1, CRn, Rt, CRm and direction in the ISS. MRS DCZID_EL0 is
// not trapped, but its DZP bit reads 1 because TDZ prohibits DC ZVA.
// Phase 2 clears HCR_EL2's traps and ACTLR_EL2: EL1 reads of CPUECTLR_EL1 and
// L2CTLR_EL1 trap to EL2 (the A53 guards them with ACTLR_EL2 bits 1 and 4); with
// ACTLR_EL2 = 0x73 they read, and CPUECTLR_EL1.SMPEN is set as the firmware leaves it.
// Phase 3: an ERET to EL1 while HCR_EL2.TGE is set is an illegal return (D1.11.x): the
// core stays at EL2 with PSTATE.IL set and the next instruction takes EC 0x0E.
//
// Expected ESRs worked out by hand: EC 0x18 << 26 | IL (bit 25) | ISS, e.g. MSR SCTLR_EL1,
// x0 = Op0 3, Op2 0, Op1 0, CRn 1, Rt 0, CRm 0, write: 0x62300400. QEMU 7.2 agrees on
// every line except the CPUECTLR_EL1 ones: it does not trap the implementation-defined
// registers under TIDCP, does not model the A53's ACTLR_EL2 guard, and has no armstub
// that sets SMPEN.
#include "guest.h"

extern char vectors[];

static uint64_t el1_stack[512] __attribute__((aligned(16)));
static uint8_t buf[64] __attribute__((aligned(64)));
static volatile int traps;

#define READ(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0; isb" ::"r"((uint64_t)(v)))

static const uint64_t kRW = 1ull << 31, kTGE = 1ull << 27;
static const uint64_t kPhase1Traps = (1ull << 26) | (1ull << 30) | (1ull << 21) | (1ull << 20) | (1ull << 18) |
                                     (1ull << 17) | (1ull << 16) | (1ull << 22) | (1ull << 23) | (1ull << 24) |
                                     (1ull << 25) | (1ull << 28);

static void phase2(void);
static void phase3(void);

// The target of the illegal return: it runs at EL2 with PSTATE.IL, so its first
// instruction takes the Illegal Execution state exception.
static void el1_never(void) {
    put_line("ERROR: ran with PSTATE.IL set");
    poweroff();
}
static volatile int phase;

static void print_value(const char* what, uint64_t v) {
    put_str(what);
    put_hex32((uint32_t)v);
    put_nl();
}

static void el1_phase1(void) {
    register uint64_t x0 __asm__("x0") = READ(currentel);
    print_value("at EL1, CurrentEL ", x0);
    x0 = 0x30d00800;  // SCTLR_EL1 with the MMU off: harmless if the write went through
    __asm__ volatile("msr sctlr_el1, x0" ::"r"(x0));
    __asm__ volatile("mrs x0, ttbr0_el1" : "=r"(x0));
    __asm__ volatile("mrs x0, actlr_el1" : "=r"(x0));
    __asm__ volatile("mrs x0, s3_1_c15_c2_1" : "=r"(x0));  // CPUECTLR_EL1
    __asm__ volatile("mrs x0, id_aa64mmfr0_el1" : "=r"(x0));
    __asm__ volatile("mrs x0, ctr_el0" : "=r"(x0));
    __asm__ volatile("mrs x0, clidr_el1" : "=r"(x0));
    __asm__ volatile("mrs x0, revidr_el1" : "=r"(x0));
    x0 = (uint64_t)(uintptr_t)buf;
    __asm__ volatile("dc cisw, x0" ::"r"(x0));
    __asm__ volatile("dc civac, x0" ::"r"(x0) : "memory");
    __asm__ volatile("ic iallu");
    __asm__ volatile("dc cvau, x0" ::"r"(x0) : "memory");
    __asm__ volatile("tlbi vmalle1");
    __asm__ volatile("mrs x0, dczid_el0" : "=r"(x0));
    print_value("DCZID_EL0 under TDZ: ", x0);
    x0 = (uint64_t)(uintptr_t)buf;
    __asm__ volatile("dc zva, x0" ::"r"(x0) : "memory");
    __asm__ volatile("hvc #1");
}

static void el1_phase2(void) {
    register uint64_t x0 __asm__("x0");
    __asm__ volatile("mrs x0, s3_1_c15_c2_1" : "=r"(x0));  // CPUECTLR_EL1
    __asm__ volatile("mrs x0, s3_1_c11_c0_2" : "=r"(x0));  // L2CTLR_EL1
    __asm__ volatile("hvc #2");
}

static void el1_phase2b(void) {
    register uint64_t x0 __asm__("x0");
    __asm__ volatile("mrs x0, s3_1_c15_c2_1" : "=r"(x0));
    const uint64_t smpen = (x0 >> 6) & 1;
    put_str("CPUECTLR_EL1.SMPEN with ACTLR_EL2 = 0x73: ");
    put_dec(smpen);
    put_nl();
    __asm__ volatile("mrs x0, dczid_el0" : "=r"(x0));
    print_value("DCZID_EL0 without TDZ: ", x0);
    __asm__ volatile("hvc #3");
}

static void enter_el1(uint64_t hcr, void (*entry)(void)) {
    WRITE(hcr_el2, hcr);
    WRITE(sp_el1, (uint64_t)(uintptr_t)(el1_stack + 512));
    WRITE(elr_el2, (uint64_t)(uintptr_t)entry);
    WRITE(spsr_el2, 0x3c5);  // EL1h, DAIF masked
    __asm__ volatile("eret");
}

void on_exception(uint64_t offset) {
    (void)offset;
    const uint64_t esr = READ(esr_el2), elr = READ(elr_el2);
    if ((esr >> 26) == 0x16) {  // HVC: the EL1 part of a phase is over
        const unsigned imm = esr & 0xffff;
        put_str("HVC #");
        put_dec(imm);
        put_str(", traps since the last: ");
        put_dec(traps);
        put_nl();
        traps = 0;
        WRITE(elr_el2, (uint64_t)(uintptr_t)(imm < 3 ? phase2 : phase3));
        WRITE(spsr_el2, 0x3c9);  // EL2h
        return;
    }
    traps++;
    put_str("  trap to EL2, ESR ");
    put_hex32((uint32_t)esr);
    put_nl();
    if ((esr >> 26) == 0x0e) {  // the illegal return's aftermath: the program ends here
        print_value("  SPSR_EL2 ", READ(spsr_el2));
        put_str("  ELR_EL2 = the ERET's target: ");
        put_str(elr == (uint64_t)(uintptr_t)&el1_never ? "yes" : "no");
        put_nl();
        put_line("done");
        poweroff();
    }
    WRITE(elr_el2, elr + 4);
}

static void phase2(void) {
    phase++;
    if (phase == 1) {
        put_line("phase 2: no HCR_EL2 traps, ACTLR_EL2 = 0");
        WRITE(s3_4_c1_c0_1, 0);  // ACTLR_EL2
        enter_el1(kRW, el1_phase2);
    } else {
        WRITE(s3_4_c1_c0_1, 0x73);
        enter_el1(kRW, el1_phase2b);
    }
}


static void phase3(void) {
    put_line("phase 3: ERET to EL1 with HCR_EL2.TGE set");
    enter_el1(kRW | kTGE, el1_never);
}

int main(void) {
    uart_init();
    if (current_el() != 2) {
        put_line("this program starts at EL2, as the Pi firmware leaves a kernel");
        return 0;
    }
    WRITE(vbar_el2, (uint64_t)(uintptr_t)vectors);
    put_line("phase 1: HCR_EL2 TVM TRVM TACR TIDCP TID3 TID2 TID1 TSW TPC TPU TTLB TDZ");
    enter_el1(kRW | kPhase1Traps, el1_phase1);
    return 0;
}
