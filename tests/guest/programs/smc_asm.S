// Self-modifying code for the smc guest program.
    .text
    .balign 4

// uint64_t smc_target(void): returns 1 until smc.c rewrites its first instruction.
    .global smc_target
smc_target:
    mov     x0, #1
    ret

// void smc_sync(void *p): makes a store to an instruction visible to instruction fetch,
// the sequence the Arm ARM gives for self-modifying code (B2.2.5).
    .global smc_sync
smc_sync:
    dc      cvau, x0
    dsb     ish
    ic      ivau, x0
    dsb     ish
    isb
    ret

// uint64_t smc_inloop(uint64_t n): a hot loop that rewrites its own body half-way:
// iterations 0 .. n/2 add 1, the later ones add 5 (the patched instruction).
    .global smc_inloop
smc_inloop:
    mov     x1, #0              // i
    mov     x2, #0              // accumulator
    lsr     x3, x0, #1          // n / 2
    adr     x4, patch_site
    ldr     w5, new_insn
1:
patch_site:
    add     x2, x2, #1
    cmp     x1, x3
    b.ne    2f
    str     w5, [x4]
    dc      cvau, x4
    dsb     ish
    ic      ivau, x4
    dsb     ish
    isb
2:
    add     x1, x1, #1
    cmp     x1, x0
    b.ne    1b
    mov     x0, x2
    ret
new_insn:
    add     x2, x2, #5          // never executed here: its encoding is copied over patch_site
