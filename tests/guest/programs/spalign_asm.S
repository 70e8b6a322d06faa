// EL0 code for the spalign guest program.
    .text
    .balign 4
    .global el0_misaligned_load
el0_misaligned_load:            // entered with SP_EL0 16-byte aligned
    mov     x9, sp              // +0x0
    sub     sp, sp, #8          // +0x4: SP now 8 mod 16 (moving SP is never checked)
    ldr     x0, [sp]            // +0x8: SP alignment fault when SCTLR_EL1.SA0 = 1
    mov     sp, x9              // +0xc
    svc     #0x55               // +0x10: back to EL1 (ELR = +0x14)
1:  b       1b
