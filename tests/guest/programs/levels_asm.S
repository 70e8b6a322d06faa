// Level changes and exception-generating instructions for the levels guest program.
// Each instruction the program takes an exception on sits in its own small function, so
// the handler can name the address ELR_ELx holds.
    .text

// void eret_to(void (*entry)(void), uint64_t spsr): return from the current level
// (CurrentEL) into entry with the given SPSR.
    .global eret_to
eret_to:
    mrs     x2, CurrentEL
    cmp     x2, #(3 << 2)
    b.eq    3f
    cmp     x2, #(2 << 2)
    b.eq    2f
    msr     elr_el1, x0
    msr     spsr_el1, x1
    eret
2:  msr     elr_el2, x0
    msr     spsr_el2, x1
    eret
3:  msr     elr_el3, x0
    msr     spsr_el3, x1
    eret

.macro probe name, insn
    .global \name
    .type \name, %function
\name:
    \insn
    ret
    .size \name, . - \name
.endm

    probe svc_10, "svc #0x10"
    probe svc_11, "svc #0x11"
    probe svc_12, "svc #0x12"
    probe svc_13, "svc #0x13"
    probe svc_14, "svc #0x14"
    probe svc_1f, "svc #0x1f"
    probe hvc_20, "hvc #0x20"
    probe hvc_21, "hvc #0x21"
    probe hvc_22, "hvc #0x22"
    probe smc_30, "smc #0x30"
    probe smc_31, "smc #0x31"
    probe smc_32, "smc #0x32"
    probe smc_33, "smc #0x33"
    probe smc_34, "smc #0x34"
    probe smc_35, "smc #0x35"
    probe smc_36, "smc #0x36"
    probe hvc_el0, "hvc #0x1"
    probe smc_el0, "smc #0x2"
