// levels: the round trip through every exception level (Arm ARM D1.10, D1.11), run with
// --el3 so that the program starts at EL3 as a Pi does with no firmware armstub.
//
// EL3 configures SCR_EL3 (NS, HCE, RW; SMD clear) and ERETs down to EL2, EL1 and EL0.
// From EL0, SVC #0x10 enters EL1, whose handler issues HVC #0x20 to EL2, whose handler
// issues SMC #0x30 to EL3; each handler returns, so the chain unwinds EL3 -> EL2 -> EL1
// -> EL0. Then: SMC straight from EL1 to EL3; HVC and SMC at EL0 (UNDEFINED, EC 0x00 to
// EL1); SMC at EL1 trapped to EL2 by HCR_EL2.TSC (EC 0x17, ELR = the SMC itself); HVC at
// EL1 UNDEFINED while SCR_EL3.HCE is clear; SMC at EL1 and EL2 UNDEFINED while
// SCR_EL3.SMD is set. Every exception prints the level it left and entered, the vector
// offset (0x400: lower level, 0x200: same level on SP_ELx), ESR, ELR as probe+offset
// (SVC/HVC/SMC return after the instruction, UNDEFINED and trapped ones at it) and SPSR.M.
//
// Expected output worked out by hand from D1.10-D1.11 and the ESR encodings (EC 0x15
// SVC, 0x16 HVC, 0x17 SMC, ISS = imm16; IL = 1). QEMU's raspi3b cannot start a kernel
// at EL3, so there is no QEMU run of this one.
#include "guest.h"

extern char vectors[];
void eret_to(void (*entry)(void), uint64_t spsr);
void svc_10(void), svc_11(void), svc_12(void), svc_13(void), svc_14(void), svc_1f(void);
void hvc_20(void), hvc_21(void), hvc_22(void), hvc_el0(void), smc_el0(void);
void smc_30(void), smc_31(void), smc_32(void), smc_33(void), smc_34(void), smc_35(void), smc_36(void);

#define READ(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0; isb" ::"r"((uint64_t)(v)))

static uint64_t stack_el2[512] __attribute__((aligned(16)));
static uint64_t stack_el1[512] __attribute__((aligned(16)));
static uint64_t stack_el0[512] __attribute__((aligned(16)));

static const uint64_t kScrNs = 1, kScrSmd = 1u << 7, kScrHce = 1u << 8, kScrRw = 1u << 10;
static const uint64_t kHcrRw = 1ull << 31, kHcrTsc = 1ull << 19;

static const struct {
    const char* name;
    void (*fn)(void);
} kProbes[] = {
    {"svc_10", svc_10}, {"svc_11", svc_11}, {"svc_12", svc_12}, {"svc_13", svc_13}, {"svc_14", svc_14},
    {"svc_1f", svc_1f}, {"hvc_20", hvc_20}, {"hvc_21", hvc_21}, {"hvc_22", hvc_22}, {"hvc_el0", hvc_el0},
    {"smc_el0", smc_el0}, {"smc_30", smc_30}, {"smc_31", smc_31}, {"smc_32", smc_32}, {"smc_33", smc_33},
    {"smc_34", smc_34}, {"smc_35", smc_35}, {"smc_36", smc_36},
};

static void print_address(uint64_t a) {
    for (unsigned i = 0; i < sizeof kProbes / sizeof kProbes[0]; i++) {
        const uint64_t base = (uint64_t)(uintptr_t)kProbes[i].fn;
        if (a >= base && a < base + 8) {
            put_str(kProbes[i].name);
            put_str("+");
            put_dec(a - base);
            return;
        }
    }
    put_str("?");
}

static void indent(unsigned el) {
    for (unsigned i = el; i < 3; i++) put_str("  ");
}

void on_exception(uint64_t offset) {
    const unsigned el = current_el();
    uint64_t esr, elr, spsr;
    if (el == 3) esr = READ(esr_el3), elr = READ(elr_el3), spsr = READ(spsr_el3);
    else if (el == 2) esr = READ(esr_el2), elr = READ(elr_el2), spsr = READ(spsr_el2);
    else esr = READ(esr_el1), elr = READ(elr_el1), spsr = READ(spsr_el1);
    const unsigned ec = esr >> 26, imm = esr & 0xffff, from = (spsr >> 2) & 3;
    indent(el);
    put_str("EL");
    put_dec(from);
    put_str(" -> EL");
    put_dec(el);
    put_str(" vector ");
    put_hexn(offset, 3);
    put_str(" ESR ");
    put_hex32((uint32_t)esr);
    put_str(" ELR ");
    print_address(elr);
    put_str(" SPSR.M EL");
    put_dec(from);
    put_str((spsr & 1) ? "h" : "t");
    put_nl();

    uint64_t ret = elr;
    if (ec == 0x00) {
        ret = elr + 4;  // UNDEFINED: skip the instruction
    } else if (el == 1 && ec == 0x15) {  // SVC from EL0: run the step it names
        switch (imm) {
            case 0x10: hvc_20(); break;
            case 0x11: smc_31(); break;
            case 0x12: hvc_21(); smc_32(); break;
            case 0x13: smc_33(); hvc_22(); smc_34(); break;
            case 0x14: smc_35(); smc_36(); hvc_20(); break;
            case 0x1f: put_line("done"); poweroff();
        }
    } else if (el == 2 && ec == 0x16) {  // HVC from EL1
        if (imm == 0x20) smc_30();
        if (imm == 0x21) WRITE(hcr_el2, kHcrRw | kHcrTsc);
    } else if (el == 2 && ec == 0x17) {  // SMC trapped by TSC: skip it, stop trapping
        WRITE(hcr_el2, kHcrRw);
        ret = elr + 4;
    } else if (el == 3 && ec == 0x17) {  // SMC
        const uint64_t scr = READ(scr_el3);
        if (imm == 0x33) WRITE(scr_el3, scr & ~kScrHce);
        if (imm == 0x34) WRITE(scr_el3, scr | kScrHce);
        if (imm == 0x35) WRITE(scr_el3, scr | kScrSmd);
    }
    // A nested exception at this level overwrote ELR and SPSR: put back this one's.
    if (el == 3) {
        WRITE(elr_el3, ret);
        WRITE(spsr_el3, spsr);
    } else if (el == 2) {
        WRITE(elr_el2, ret);
        WRITE(spsr_el2, spsr);
    } else {
        WRITE(elr_el1, ret);
        WRITE(spsr_el1, spsr);
    }
}

static void say_level(const char* how) {
    put_str(how);
    put_str(": CurrentEL ");
    put_dec(current_el());
    put_nl();
}

static void el0_main(void) {
    put_line("EL1 -> EL0 by ERET (CurrentEL cannot be read at EL0)");
    put_line("HVC and SMC at EL0:");
    hvc_el0();
    smc_el0();
    put_line("SVC from EL0, HVC from that handler, SMC from that one:");
    svc_10();
    put_line("back at EL0");
    put_line("SMC from EL1:");
    svc_11();
    put_line("SMC from EL1 with HCR_EL2.TSC:");
    svc_12();
    put_line("HVC from EL1 with SCR_EL3.HCE clear:");
    svc_13();
    put_line("SMC from EL1 and EL2 with SCR_EL3.SMD set:");
    svc_14();
    put_line("back at EL0");
    svc_1f();
}

static void el1_main(void) {
    say_level("EL2 -> EL1 by ERET");
    eret_to(el0_main, 0x3c0);  // EL0t, DAIF masked
}

static void el2_main(void) {
    say_level("EL3 -> EL2 by ERET");
    eret_to(el1_main, 0x3c5);  // EL1h
}

int main(void) {
    uart_init();
    say_level("start");
    if (current_el() != 3) {
        put_line("this program needs --el3");
        return 0;
    }
    WRITE(vbar_el3, (uint64_t)(uintptr_t)vectors);
    WRITE(vbar_el2, (uint64_t)(uintptr_t)vectors);
    WRITE(vbar_el1, (uint64_t)(uintptr_t)vectors);
    WRITE(sp_el2, (uint64_t)(uintptr_t)(stack_el2 + 512));
    WRITE(sp_el1, (uint64_t)(uintptr_t)(stack_el1 + 512));
    WRITE(sp_el0, (uint64_t)(uintptr_t)(stack_el0 + 512));
    WRITE(hcr_el2, kHcrRw);
    WRITE(scr_el3, kScrNs | (3u << 4) | kScrHce | kScrRw);  // bits 5:4 are RES1
    eret_to(el2_main, 0x3c9);  // EL2h
    return 0;
}
