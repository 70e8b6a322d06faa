// idregs: the identification registers a kernel or firmware reads first, at EL2.
// Expected values (expected/idregs.txt) are written by hand from the Cortex-A53 r0p4
// TRM, chapter 4, with the BCM2837's configuration: no cryptographic extension
// (ID_AA64ISAR0 = CRC32 only), 32 KiB L1 caches and a 512 KiB L2, four cores; and, by
// this project's scope, AArch64 only at every level (ID_AA64PFR0 = 0x1111).
#include "guest.h"

#define READ(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0; isb" ::"r"((uint64_t)(v)))

static void show(const char *name, uint64_t v) {
    put_str(name);
    put_str(" ");
    put_hex(v);
    put_nl();
}

int main(void) {
    uart_init();
    show("MIDR_EL1", READ(midr_el1));
    show("MPIDR_EL1", READ(mpidr_el1));
    show("REVIDR_EL1", READ(revidr_el1));
    show("ID_AA64PFR0_EL1", READ(id_aa64pfr0_el1));
    show("ID_AA64PFR1_EL1", READ(id_aa64pfr1_el1));
    show("ID_AA64DFR0_EL1", READ(id_aa64dfr0_el1));
    show("ID_AA64ISAR0_EL1", READ(id_aa64isar0_el1));
    show("ID_AA64ISAR1_EL1", READ(id_aa64isar1_el1));
    show("ID_AA64MMFR0_EL1", READ(id_aa64mmfr0_el1));
    show("ID_AA64MMFR1_EL1", READ(id_aa64mmfr1_el1));
    show("ID_PFR0_EL1", READ(id_pfr0_el1));
    show("CTR_EL0", READ(ctr_el0));
    show("DCZID_EL0", READ(dczid_el0));
    show("CLIDR_EL1", READ(clidr_el1));
    for (uint64_t sel = 0; sel < 3; sel++) {
        WRITE(csselr_el1, sel);
        put_str("CSSELR ");
        put_dec(sel);
        put_str(": ");
        show("CCSIDR_EL1", READ(ccsidr_el1));
    }
    show("L2CTLR_EL1", READ(s3_1_c11_c0_2));
    show("SCTLR_EL2", READ(sctlr_el2));
    return 0;
}
