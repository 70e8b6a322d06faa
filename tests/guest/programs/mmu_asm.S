// Probes for the mmu guest program: each records where to resume (recover_pc) before an
// access that may fault, so that the exception handler can return there. x0-x18 and x30
// survive an exception (the shared vectors save them).
    .text

.macro set_recover label
    adr     x9, \label
    adrp    x10, recover_pc
    str     x9, [x10, :lo12:recover_pc]
.endm

// uint64_t probe_load(uint64_t va): NZCV = Z|C (a known SPSR), then LDR X0, [X0].
    .global probe_load, probe_load_insn
probe_load:
    set_recover 1f
    mov     x1, #0x60000000
    msr     nzcv, x1
probe_load_insn:
    ldr     x0, [x0]
1:  ret

// uint64_t probe_load_unpriv(uint64_t va): LDTR, EL0's permissions at EL1.
    .global probe_load_unpriv
probe_load_unpriv:
    set_recover 1f
    ldtr    x0, [x0]
1:  ret

// void probe_store(uint64_t va, uint64_t value)
    .global probe_store
probe_store:
    set_recover 1f
    str     x1, [x0]
1:  ret

// void probe_exec(uint64_t va): BLR to va; resumes after it if va cannot be executed.
    .global probe_exec
probe_exec:
    set_recover 1f
    mov     x11, x30
    blr     x0
1:  mov     x30, x11
    ret

// uint64_t at_s1e1r/at_s1e1w/at_s1e0r(uint64_t va): PAR_EL1 after the AT.
    .global at_s1e1r, at_s1e1w, at_s1e0r
at_s1e1r:
    at      s1e1r, x0
    isb
    mrs     x0, par_el1
    ret
at_s1e1w:
    at      s1e1w, x0
    isb
    mrs     x0, par_el1
    ret
at_s1e0r:
    at      s1e0r, x0
    isb
    mrs     x0, par_el1
    ret

// void mmu_switch(uint64_t ttbr0, uint64_t tcr): new tables for the lower half, with the
// TLB invalidated (the code runs identity-mapped in every set, so the switch is safe).
    .global mmu_switch
mmu_switch:
    dsb     ish
    msr     ttbr0_el1, x0
    msr     tcr_el1, x1
    isb
    tlbi    vmalle1
    dsb     ish
    isb
    ret

// void mmu_enable(uint64_t ttbr0, uint64_t ttbr1, uint64_t tcr, uint64_t mair)
    .global mmu_enable
mmu_enable:
    msr     mair_el1, x3
    msr     tcr_el1, x2
    msr     ttbr0_el1, x0
    msr     ttbr1_el1, x1
    isb
    tlbi    vmalle1
    dsb     ish
    isb
    mrs     x4, sctlr_el1
    orr     x4, x4, #1
    msr     sctlr_el1, x4
    isb
    ret

// void tlbi_va(uint64_t va): TLBI VAE1 for va (ASID 0).
    .global tlbi_va
tlbi_va:
    lsr     x0, x0, #12
    dsb     ishst
    tlbi    vae1, x0
    dsb     ish
    isb
    ret
