// el0traps: the SCTLR_EL1 and CNTKCTL_EL1 controls on what EL0 may do (Arm ARM D1.x).
// Phase 1, with SCTLR_EL1 as the A53 resets it (UCT, UMA, DZE, UCI clear) but nTWI
// cleared too, and CNTKCTL_EL1 = 0: from EL0, MRS CTR_EL0, MRS DAIF, MSR DAIFSet,
// MRS CNTVCT_EL0, DC ZVA and DC CIVAC each trap to EL1 with EC 0x18, whose ISS holds the
// instruction's Op0, Op2, Op1, CRn, Rt (x0 here), CRm and direction (1 = read); WFI traps
// with EC 0x01 (CV = 1, COND = 0xE, TI = 0). Phase 2 sets UCT, UMA, DZE, UCI and
// CNTKCTL_EL1.EL0VCTEN: the same instructions (without WFI) run at EL0 without a trap,
// except that DC ZVA, now allowed, meets the MMU-off rule instead: memory is Device, and
// DC ZVA to Device memory is an alignment fault (Data Abort from EL0: EC 0x24, WnR,
// DFSC 0x21), so the buffer is not zeroed. Expected ESRs worked out from the ISS encoding
// by hand. QEMU 7.2 agrees except on two lines: it reports MSR DAIFSet with Op1 and Op2
// swapped (0x620793e4; the instruction has Op1 = 3, Op2 = 6), and it lets DC ZVA zero
// Device memory.
#include "el1.h"

extern char vectors[];
void drop_to_el0(void (*entry)(void), void *sp);

static uint64_t el0_stack[512] __attribute__((aligned(16)));
static uint8_t buf[64] __attribute__((aligned(64)));
static volatile int phase, traps;

#define READ(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0; isb" ::"r"((uint64_t)(v)))

static void el1_phase(void);

static void el0_probes(void) {
    register uint64_t x0 __asm__("x0") = (uint64_t)(uintptr_t)buf;
    __asm__ volatile("mrs x0, ctr_el0" : "=r"(x0));
    __asm__ volatile("mrs x0, daif" : "=r"(x0));
    __asm__ volatile("msr daifset, #2");
    __asm__ volatile("mrs x0, cntvct_el0" : "=r"(x0));
    x0 = (uint64_t)(uintptr_t)buf;
    __asm__ volatile("dc zva, x0" ::"r"(x0) : "memory");
    __asm__ volatile("dc civac, x0" ::"r"(x0) : "memory");
    if (phase == 1) __asm__ volatile("wfi");
    __asm__ volatile("svc #0");
}

void on_exception(uint64_t offset) {
    (void)offset;
    const uint64_t esr = READ(esr_el1), elr = READ(elr_el1);
    if ((esr >> 26) == 0x15) {  // the SVC: the next phase, back at EL1
        WRITE(elr_el1, (uint64_t)(uintptr_t)&el1_phase);
        WRITE(spsr_el1, 0x3c5);
        return;
    }
    traps++;
    put_str("  trap ESR ");
    put_hex32((uint32_t)esr);
    put_nl();
    WRITE(elr_el1, elr + 4);
}

static void el1_phase(void) {
    phase++;
    const uint64_t sctlr = READ(sctlr_el1);
    if (phase == 1) {
        put_line("phase 1: UCT, UMA, DZE, UCI, nTWI clear; CNTKCTL_EL1 = 0");
        WRITE(sctlr_el1, sctlr & ~(1ull << 16));  // nTWI = 0
        WRITE(cntkctl_el1, 0);
        drop_to_el0(el0_probes, el0_stack + 512);
    } else if (phase == 2) {
        put_str("phase 1 traps: ");
        put_dec(traps);
        put_nl();
        traps = 0;
        for (int i = 0; i < 64; i++) buf[i] = 0xa5;
        put_line("phase 2: UCT, UMA, DZE, UCI set; CNTKCTL_EL1.EL0VCTEN");
        WRITE(sctlr_el1, sctlr | (1ull << 15) | (1ull << 9) | (1ull << 14) | (1ull << 26));
        WRITE(cntkctl_el1, 2);
        drop_to_el0(el0_probes, el0_stack + 512);
    } else {
        int zero = 1;
        for (int i = 0; i < 64; i++) zero &= buf[i] == 0;
        put_str("phase 2 traps: ");
        put_dec(traps);
        put_str(", DC ZVA zeroed 64 bytes: ");
        put_str(zero ? "yes" : "no");
        put_nl();
        poweroff();
    }
}

static void el1_main(void) {
    WRITE(vbar_el1, (uint64_t)(uintptr_t)vectors);
    el1_phase();
}

int main(void) { return run_at_el1(el1_main); }
