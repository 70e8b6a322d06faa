// Entry point of every bramble guest test program.
//
// Loaded as kernel8.img at 0x80000 (or as an ELF linked there). The program
// runs at whatever exception level it was entered at (EL3, EL2 or EL1): it
// never drops levels and never touches the MMU, caches or FP/SIMD.
//
// Built with -DBRAMBLE_GUEST_FP (bramble_guest_program(... FP), the programs
// whose own sources use FP/SIMD), it calls fp_enable before main: main's
// prologue may already save d8-d15, so FP must be usable before the first C
// instruction of the program. Without the define the code is unchanged.
//
// Only the core whose MPIDR_EL1 affinity is 0.0.0 runs main(); the others
// park in a wfe loop forever (QEMU starts all four cores here when it loads
// an ELF; with a flat image the firmware/boot stub holds them elsewhere).

    .section .text.boot, "ax"
    .global _start
    .type _start, %function
_start:
    mrs     x9, mpidr_el1
    and     x9, x9, #0xffffff       // Aff2:Aff1:Aff0
    cbz     x9, 2f
1:  wfe
    b       1b

2:  // Stack grows down from the load address (0x80000); nothing lives below
    // it except the boot stub/spin table in the first pages.
    ldr     x9, =__stack_top
    mov     sp, x9

    // Zero .bss (both bounds are 16-byte aligned by the linker script).
    ldr     x9, =__bss_start
    ldr     x10, =__bss_end
3:  cmp     x9, x10
    b.hs    4f
    stp     xzr, xzr, [x9], #16
    b       3b

4:
#ifdef BRAMBLE_GUEST_FP
    bl      fp_enable
#endif
    mov     x29, #0
    mov     x30, #0
    bl      main
    bl      poweroff                // does not return
5:  wfe
    b       5b
    .size _start, . - _start
    .ltorg

#ifdef BRAMBLE_GUEST_FP
// Lets this EL (and EL1/EL0, for programs that drop there) use FP/SIMD without
// a SIMD&FP access trap (EC 0x07), then resets FPCR/FPSR. Only system register
// accesses here: no FP/SIMD instruction runs before them.
//   EL3: CPTR_EL3.TFP (bit 10) = 0, then as EL2
//   EL2: CPTR_EL2.TFP (bit 10) = 0 (HCR_EL2.E2H = 0: CPACR_EL1 does not apply
//        at EL2, but EL1 code run later needs it), then as EL1
//   EL1: CPACR_EL1.FPEN (bits 21:20) = 0b11
// FPCR = 0: round to nearest even, no flush-to-zero, no default NaN, the same
// arithmetic as the host twins (x86-64 SSE with MXCSR's defaults); its reset
// value is UNKNOWN in the Arm ARM, so it is set rather than assumed.
    .section .text.boot, "ax"
    .global fp_enable
    .type fp_enable, %function
fp_enable:
    mrs     x9, CurrentEL
    ubfx    x9, x9, #2, #2
    cmp     x9, #3
    b.ne    1f
    mrs     x10, cptr_el3
    bic     x10, x10, #(1 << 10)
    msr     cptr_el3, x10
1:  cmp     x9, #2
    b.lo    2f
    mrs     x10, cptr_el2
    bic     x10, x10, #(1 << 10)
    msr     cptr_el2, x10
2:  mrs     x10, cpacr_el1
    orr     x10, x10, #(3 << 20)
    msr     cpacr_el1, x10
    isb
    msr     fpcr, xzr
    msr     fpsr, xzr
    ret
    .size fp_enable, . - fp_enable
#endif
