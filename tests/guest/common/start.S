// Entry point of every bramble guest test program.
//
// Loaded as kernel8.img at 0x80000 (or as an ELF linked there). The program
// runs at whatever exception level it was entered at (EL3, EL2 or EL1): it
// never drops levels and never touches the MMU, caches or FP/SIMD.
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

4:  mov     x29, #0
    mov     x30, #0
    bl      main
    bl      poweroff                // does not return
5:  wfe
    b       5b
    .size _start, . - _start
    .ltorg
