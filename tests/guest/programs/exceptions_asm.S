// Vector table and level changes for the exceptions guest program.
    .text

// One vector entry: save the caller-saved registers and x30, call
// on_exception(vector offset), restore, return with ERET.
.macro ventry offset
    .balign 0x80
    sub     sp, sp, #(20 * 8)
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x30, [sp, #144]
    mov     x0, #\offset
    bl      on_exception
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x30, [sp, #144]
    add     sp, sp, #(20 * 8)
    eret
.endm

// The same table serves EL1 and EL2 (D1.10.2: 16 entries of 0x80 bytes, 2 KiB aligned).
    .balign 0x800
    .global vectors
vectors:
    ventry 0x000
    ventry 0x080
    ventry 0x100
    ventry 0x180
    ventry 0x200
    ventry 0x280
    ventry 0x300
    ventry 0x380
    ventry 0x400
    ventry 0x480
    ventry 0x500
    ventry 0x580
    ventry 0x600
    ventry 0x680
    ventry 0x700
    ventry 0x780

// void do_hvc/do_svc/do_brk(void): the exception-generating instructions, with
// immediates the handler prints.
    .global do_hvc, do_svc, do_brk
do_hvc: hvc #0x11
        ret
do_svc: svc #0x22
        ret
do_brk: brk #0x5
        ret

// void drop_to_el1(void (*entry)(void), void *sp): from EL2, EL1 in AArch64 (HCR_EL2.RW)
// with SP_EL1 = sp, entered at entry with DAIF masked (SPSR = EL1h).
    .global drop_to_el1
drop_to_el1:
    mov     x2, #(1 << 31)
    msr     hcr_el2, x2
    msr     sp_el1, x1
    msr     elr_el2, x0
    mov     x2, #0x3c5
    msr     spsr_el2, x2
    eret

// void drop_to_el0(void (*entry)(void), void *sp): from EL1, EL0 (SPSR = EL0t).
    .global drop_to_el0
drop_to_el0:
    msr     sp_el0, x1
    msr     elr_el1, x0
    msr     spsr_el1, xzr
    eret

// Code that runs at EL1 and EL0.
    .global el1_svc, el1_hvc, el0_svc, el1_undef, el1_mrs_el2
el1_undef:                          // an UNALLOCATED word: Undefined Instruction, EC 0
         .inst 0x00000000
         ret
el1_mrs_el2:                        // an EL2 register read at EL1: UNDEFINED, EC 0
         mrs x0, hcr_el2
         ret
    .global el1_illegal_return
el1_illegal_return:                 // ERET from EL1 to EL2 is illegal: PSTATE.IL, EL stays 1,
         adr x0, 1f                 // and the next instruction takes EC 0x0E
         msr elr_el1, x0
         mov x0, #0x3c9
         msr spsr_el1, x0
         eret
1:       ret
    .global el1_ldxr_misaligned, el1_stlr_misaligned, el1_pc_misaligned
el1_ldxr_misaligned:                // x0 + 1: alignment fault, data abort EC 0x25, read
         add x1, x0, #1
         ldxr x2, [x1]
         ret
el1_stlr_misaligned:                // x0 + 2: alignment fault, data abort EC 0x25, write
         add x1, x0, #2
         stlr w2, [x1]
         ret
el1_pc_misaligned:                  // branch to 2 bytes past a label: PC alignment, EC 0x22
         adr x0, 1f
         add x0, x0, #2
         br x0
1:       ret
el1_svc: svc #0x33
         ret
el1_hvc: hvc #0x44
         ret
el0_svc: svc #0x55
1:       b 1b            // never returns here: the handler resumes EL1 at el1_resume
