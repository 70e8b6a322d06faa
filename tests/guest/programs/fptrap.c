// fptrap: the SIMD&FP access traps (Arm ARM D1.x, CPACR_EL1.FPEN). At EL1 with FPEN = 0
// (its reset value) an FP instruction and an FPCR read take the trap to EL1: EC 0x07,
// IL, ISS CV = 1 COND = 0xE (D17.2.37) -> ESR 0x1fe00000, ELR = the instruction. With
// FPEN = 0b11 the FPCR read succeeds (FPCR resets to 0).
#include "el1.h"

extern char vectors[];
void fp_instruction(void);


#define READ(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0; isb" ::"r"((uint64_t)(v)))

void on_exception(uint64_t offset) {
    const uint64_t esr = READ(esr_el1), elr = READ(elr_el1);
    put_str("exception at EL");
    put_dec(current_el());
    put_str(" vector ");
    put_hexn(offset, 3);
    put_str(" ESR ");
    put_hex32((uint32_t)esr);
    put_nl();
    WRITE(elr_el1, elr + 4);  // skip the trapped instruction
}

static void el1_main(void) {
    WRITE(vbar_el1, (uint64_t)(uintptr_t)vectors);
    put_str("CPACR_EL1 ");
    put_hex32((uint32_t)READ(cpacr_el1));
    put_nl();
    fp_instruction();
    (void)READ(fpcr);
    WRITE(cpacr_el1, 3u << 20);  // FPEN = 0b11: no traps
    put_str("FPCR with FPEN = 3: ");
    put_hex32((uint32_t)READ(fpcr));
    put_nl();
    poweroff();
}

int main(void) { return run_at_el1(el1_main); }
