// ldst: every general-register load/store addressing mode and size.
//
// Each group is a leaf function  uint64_t *ldst_<group>(uint64_t *out,
//                                   const uint8_t *src, uint8_t *scratch)
// that appends the values it observed to out[] (REC) and returns the new end.
// ldst.c prints them. Conventions:
//   x0  output cursor            x1  src: 2 KiB, src[i] = i & 0xff (so every
//   x2  scratch: 256 B, zeroed        loaded value spells its own address)
//   x5  = 0x0123456789abcdef      x7 = 0xfedcba9876543210 (values stored)
// Before a load into a W register the X register is set to all ones, so the
// recorded value also shows that bits 63:32 were cleared.
// Every REC carries the hand-derived expected value in a "// => " comment;
// tests/guest/model/ldst_model.py rebuilds the expected output from them.
// Only naturally aligned accesses are used: with the MMU off all data
// accesses are Device memory, where unaligned accesses fault.

    .macro REC r
    str     \r, [x0], #8
    .endm

    .macro MOV64 r, v
    movz    \r, #((\v) & 0xffff)
    movk    \r, #(((\v) >> 16) & 0xffff), lsl #16
    movk    \r, #(((\v) >> 32) & 0xffff), lsl #32
    movk    \r, #(((\v) >> 48) & 0xffff), lsl #48
    .endm

    .macro ONES r          // x<r> = all ones
    mov     \r, #-1
    .endm

    .macro OFF r, base     // x17 = r - base, recorded
    sub     x17, \r, \base
    REC     x17
    .endm

    .macro CONSTS
    MOV64   x5, 0x0123456789abcdef
    MOV64   x7, 0xfedcba9876543210
    .endm

    .text
    .balign 8
lit_back:                          // literal before the loads (negative offset)
    .quad   0xfedcba9876543210

// ---------------------------------------------------------------------------
// LDR/STR (immediate, unsigned offset), all sizes, incl. the largest offsets
    .global ldst_uimm
    .type ldst_uimm, %function
ldst_uimm:
    CONSTS
    ONES    x6
    ldrb    w6, [x1, #0x85]
    REC     x6                          // => 0x0000000000000085
    ONES    x6
    ldrh    w6, [x1, #0x86]
    REC     x6                          // => 0x0000000000008786
    ONES    x6
    ldr     w6, [x1, #0x8c]
    REC     x6                          // => 0x000000008f8e8d8c
    ldr     x6, [x1, #0x98]
    REC     x6                          // => 0x9f9e9d9c9b9a9998
    ldr     x6, [x1]
    REC     x6                          // => 0x0706050403020100
    mov     x4, #(4095 - 0x10)
    sub     x4, x1, x4
    ldrb    w6, [x4, #4095]
    REC     x6                          // => 0x0000000000000010
    mov     x4, #(8190 - 0x20)
    sub     x4, x1, x4
    ldrh    w6, [x4, #8190]
    REC     x6                          // => 0x0000000000002120
    mov     x4, #(16380 - 0x40)
    sub     x4, x1, x4
    ldr     w6, [x4, #16380]
    REC     x6                          // => 0x0000000043424140
    mov     x4, #(32760 - 0x80)
    sub     x4, x1, x4
    ldr     x6, [x4, #32760]
    REC     x6                          // => 0x8786858483828180
    strb    w5, [x2, #1]
    strh    w5, [x2, #2]
    str     w5, [x2, #4]
    str     x5, [x2, #8]
    mov     x4, #(32760 - 0x10)
    sub     x4, x2, x4
    str     x5, [x4, #32760]
    mov     x4, #(4095 - 0x18)
    sub     x4, x2, x4
    strb    w5, [x4, #4095]
    mov     x4, #(8190 - 0x1a)
    sub     x4, x2, x4
    strh    w5, [x4, #8190]
    mov     x4, #(16380 - 0x1c)
    sub     x4, x2, x4
    str     w5, [x4, #16380]
    ldr     x6, [x2, #0x00]
    REC     x6                          // => 0x89abcdefcdefef00
    ldr     x6, [x2, #0x08]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x10]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x18]
    REC     x6                          // => 0x89abcdefcdef00ef
    ret
    .size ldst_uimm, . - ldst_uimm

// ---------------------------------------------------------------------------
// LDUR/STUR family (unscaled 9-bit signed offset), incl. LDURS*
    .global ldst_unscaled
    .type ldst_unscaled, %function
ldst_unscaled:
    CONSTS
    add     x3, x1, #0x180
    ONES    x6
    ldurb   w6, [x3, #-256]
    REC     x6                          // => 0x0000000000000080
    ONES    x6
    ldurb   w6, [x3, #255]
    REC     x6                          // => 0x000000000000007f
    ONES    x6
    ldurb   w6, [x3, #-3]
    REC     x6                          // => 0x000000000000007d
    ONES    x6
    ldurh   w6, [x3, #-2]
    REC     x6                          // => 0x0000000000007f7e
    ONES    x6
    ldur    w6, [x3, #-4]
    REC     x6                          // => 0x000000007f7e7d7c
    ldur    x6, [x3, #-8]
    REC     x6                          // => 0x7f7e7d7c7b7a7978
    ldur    x6, [x3, #0]
    REC     x6                          // => 0x8786858483828180
    ldur    x6, [x3, #8]
    REC     x6                          // => 0x8f8e8d8c8b8a8988
    ONES    x6
    ldursb  w6, [x3, #1]
    REC     x6                          // => 0x00000000ffffff81
    ldursb  x6, [x3, #1]
    REC     x6                          // => 0xffffffffffffff81
    ldursb  x6, [x3, #-1]
    REC     x6                          // => 0x000000000000007f
    ONES    x6
    ldursh  w6, [x3, #2]
    REC     x6                          // => 0x00000000ffff8382
    ldursh  x6, [x3, #2]
    REC     x6                          // => 0xffffffffffff8382
    ldursw  x6, [x3, #4]
    REC     x6                          // => 0xffffffff87868584
    ldursw  x6, [x3, #-4]
    REC     x6                          // => 0x000000007f7e7d7c
    add     x4, x2, #0x80
    sturb   w5, [x4, #-1]
    sturh   w5, [x4, #-4]
    stur    w5, [x4, #-8]
    stur    x5, [x4, #-16]
    stur    x7, [x4, #-128]
    ldr     x6, [x2, #0x00]
    REC     x6                          // => 0xfedcba9876543210
    ldr     x6, [x2, #0x70]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x78]
    REC     x6                          // => 0xef00cdef89abcdef
    ret
    .size ldst_unscaled, . - ldst_unscaled

// ---------------------------------------------------------------------------
// Pre-index: value, then the written-back base (as offset from the buffer)
    .global ldst_pre
    .type ldst_pre, %function
ldst_pre:
    CONSTS
    add     x3, x1, #0x100
    ldr     x6, [x3, #8]!
    REC     x6                          // => 0x0f0e0d0c0b0a0908
    OFF     x3, x1                      // => 0x0000000000000108
    ONES    x6
    ldrb    w6, [x3, #-1]!
    REC     x6                          // => 0x0000000000000007
    OFF     x3, x1                      // => 0x0000000000000107
    ONES    x6
    ldrh    w6, [x3, #-7]!
    REC     x6                          // => 0x0000000000000100
    OFF     x3, x1                      // => 0x0000000000000100
    ONES    x6
    ldr     w6, [x3, #-256]!
    REC     x6                          // => 0x0000000003020100
    OFF     x3, x1                      // => 0x0000000000000000
    ldr     x6, [x3, #248]!
    REC     x6                          // => 0xfffefdfcfbfaf9f8
    OFF     x3, x1                      // => 0x00000000000000f8
    ldrsb   x6, [x3, #-0x70]!
    REC     x6                          // => 0xffffffffffffff88
    OFF     x3, x1                      // => 0x0000000000000088
    ONES    x6
    ldrsb   w6, [x3, #8]!
    REC     x6                          // => 0x00000000ffffff90
    OFF     x3, x1                      // => 0x0000000000000090
    ONES    x6
    ldrsh   w6, [x3, #2]!
    REC     x6                          // => 0x00000000ffff9392
    OFF     x3, x1                      // => 0x0000000000000092
    ldrsh   x6, [x3, #2]!
    REC     x6                          // => 0xffffffffffff9594
    OFF     x3, x1                      // => 0x0000000000000094
    ldrsw   x6, [x3, #4]!
    REC     x6                          // => 0xffffffff9b9a9998
    OFF     x3, x1                      // => 0x0000000000000098
    ldrsw   x6, [x3, #-0x28]!
    REC     x6                          // => 0x0000000073727170
    OFF     x3, x1                      // => 0x0000000000000070
    add     x4, x2, #0x40
    str     x5, [x4, #-8]!
    strb    w5, [x4, #-1]!
    strh    w5, [x4, #-0x17]!
    str     w5, [x4, #-4]!
    OFF     x4, x2                      // => 0x000000000000001c
    ldr     x6, [x2, #0x18]
    REC     x6                          // => 0x89abcdef00000000
    ldr     x6, [x2, #0x20]
    REC     x6                          // => 0x000000000000cdef
    ldr     x6, [x2, #0x30]
    REC     x6                          // => 0xef00000000000000
    ldr     x6, [x2, #0x38]
    REC     x6                          // => 0x0123456789abcdef
    ret
    .size ldst_pre, . - ldst_pre

// ---------------------------------------------------------------------------
// Post-index: value, then the written-back base
    .global ldst_post
    .type ldst_post, %function
ldst_post:
    CONSTS
    add     x3, x1, #0x40
    ldr     x6, [x3], #8
    REC     x6                          // => 0x4746454443424140
    OFF     x3, x1                      // => 0x0000000000000048
    ONES    x6
    ldr     w6, [x3], #-4
    REC     x6                          // => 0x000000004b4a4948
    OFF     x3, x1                      // => 0x0000000000000044
    ONES    x6
    ldrh    w6, [x3], #255
    REC     x6                          // => 0x0000000000004544
    OFF     x3, x1                      // => 0x0000000000000143
    ONES    x6
    ldrb    w6, [x3], #-256
    REC     x6                          // => 0x0000000000000043
    OFF     x3, x1                      // => 0x0000000000000043
    ldrsb   w6, [x3], #0x3d
    REC     x6                          // => 0x0000000000000043
    OFF     x3, x1                      // => 0x0000000000000080
    ldrsb   x6, [x3], #2
    REC     x6                          // => 0xffffffffffffff80
    OFF     x3, x1                      // => 0x0000000000000082
    ONES    x6
    ldrsh   w6, [x3], #2
    REC     x6                          // => 0x00000000ffff8382
    OFF     x3, x1                      // => 0x0000000000000084
    ldrsh   x6, [x3], #4
    REC     x6                          // => 0xffffffffffff8584
    OFF     x3, x1                      // => 0x0000000000000088
    ldrsw   x6, [x3], #-8
    REC     x6                          // => 0xffffffff8b8a8988
    OFF     x3, x1                      // => 0x0000000000000080
    mov     x4, x2
    str     x5, [x4], #8
    strh    w5, [x4], #2
    strb    w5, [x4], #6
    str     w5, [x4], #-16
    OFF     x4, x2                      // => 0x0000000000000000
    ldr     x6, [x2, #0x00]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x08]
    REC     x6                          // => 0x0000000000efcdef
    ldr     x6, [x2, #0x10]
    REC     x6                          // => 0x0000000089abcdef
    ret
    .size ldst_post, . - ldst_post

// ---------------------------------------------------------------------------
// Register offset: LSL (scaled / not), UXTW, SXTW, SXTX (scaled / not)
    .global ldst_regoff
    .type ldst_regoff, %function
ldst_regoff:
    CONSTS
    mov     x8, #0x21
    mov     x9, #0x28
    ldr     x6, [x1, x8, lsl #3]
    REC     x6                          // => 0x0f0e0d0c0b0a0908
    ldr     x6, [x1, x9]
    REC     x6                          // => 0x2f2e2d2c2b2a2928
    ONES    x6
    ldr     w6, [x1, x8, lsl #2]
    REC     x6                          // => 0x0000000087868584
    ONES    x6
    ldr     w6, [x1, x9]
    REC     x6                          // => 0x000000002b2a2928
    ONES    x6
    ldrh    w6, [x1, x8, lsl #1]
    REC     x6                          // => 0x0000000000004342
    ONES    x6
    ldrh    w6, [x1, x9]
    REC     x6                          // => 0x0000000000002928
    ONES    x6
    ldrb    w6, [x1, x8]
    REC     x6                          // => 0x0000000000000021
    ONES    x6
    ldrb    w6, [x1, x8, lsl #0]
    REC     x6                          // => 0x0000000000000021
    ldrsh   x6, [x1, x8, lsl #1]
    REC     x6                          // => 0x0000000000004342
    ldrsw   x6, [x1, x8, lsl #2]
    REC     x6                          // => 0xffffffff87868584
    mov     x16, #0x84
    ldrsb   x6, [x1, x16]
    REC     x6                          // => 0xffffffffffffff84
    ONES    x6
    ldrsb   w6, [x1, x16, lsl #0]
    REC     x6                          // => 0x00000000ffffff84
    ldr     x6, [x1, xzr]
    REC     x6                          // => 0x0706050403020100
    // UXTW: bits 63:32 of the index register must be ignored
    MOV64   x10, 0xffffffff00000011
    MOV64   x11, 0xabcdef0000000030
    ldr     x6, [x1, w10, uxtw #3]
    REC     x6                          // => 0x8f8e8d8c8b8a8988
    ldr     x6, [x1, w11, uxtw]
    REC     x6                          // => 0x3736353433323130
    ONES    x6
    ldr     w6, [x1, w10, uxtw #2]
    REC     x6                          // => 0x0000000047464544
    ONES    x6
    ldrh    w6, [x1, w10, uxtw #1]
    REC     x6                          // => 0x0000000000002322
    ONES    x6
    ldrb    w6, [x1, w10, uxtw]
    REC     x6                          // => 0x0000000000000011
    ldrsw   x6, [x1, w10, uxtw #2]
    REC     x6                          // => 0x0000000047464544
    // SXTW: negative 32-bit index, garbage in bits 63:32
    add     x3, x1, #0x100
    MOV64   x12, 0x12345678fffffffe
    MOV64   x13, 0x00000001fffffff8
    ldr     x6, [x3, w12, sxtw #3]
    REC     x6                          // => 0xf7f6f5f4f3f2f1f0
    ldr     x6, [x3, w13, sxtw]
    REC     x6                          // => 0xfffefdfcfbfaf9f8
    ONES    x6
    ldr     w6, [x3, w12, sxtw #2]
    REC     x6                          // => 0x00000000fbfaf9f8
    ONES    x6
    ldrh    w6, [x3, w12, sxtw #1]
    REC     x6                          // => 0x000000000000fdfc
    ONES    x6
    ldrb    w6, [x3, w12, sxtw]
    REC     x6                          // => 0x00000000000000fe
    ldrsb   x6, [x3, w12, sxtw]
    REC     x6                          // => 0xfffffffffffffffe
    ONES    x6
    ldrsh   w6, [x3, w12, sxtw #1]
    REC     x6                          // => 0x00000000fffffdfc
    // SXTX: negative 64-bit index
    mov     x14, #-3
    mov     x15, #-16
    ldr     x6, [x3, x14, sxtx #3]
    REC     x6                          // => 0xefeeedecebeae9e8
    ldr     x6, [x3, x15, sxtx]
    REC     x6                          // => 0xf7f6f5f4f3f2f1f0
    ONES    x6
    ldrsh   w6, [x3, x14, sxtx #1]
    REC     x6                          // => 0x00000000fffffbfa
    ldrsw   x6, [x3, x14, sxtx #2]
    REC     x6                          // => 0xfffffffff7f6f5f4
    // stores
    add     x4, x2, #0x80
    mov     x8, #2
    str     x5, [x2, x8, lsl #3]
    strh    w5, [x2, w10, uxtw #1]
    strb    w5, [x4, w12, sxtw]
    str     w5, [x4, x14, sxtx #2]
    mov     x16, #-0x18
    str     x7, [x4, x16, sxtx]
    ldr     x6, [x2, #0x10]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x20]
    REC     x6                          // => 0x00000000cdef0000
    ldr     x6, [x2, #0x68]
    REC     x6                          // => 0xfedcba9876543210
    ldr     x6, [x2, #0x70]
    REC     x6                          // => 0x89abcdef00000000
    ldr     x6, [x2, #0x78]
    REC     x6                          // => 0x00ef000000000000
    ret
    .size ldst_regoff, . - ldst_regoff

// ---------------------------------------------------------------------------
// Literal (PC-relative): LDR W/X, LDRSW; forward and backward
    .global ldst_literal
    .type ldst_literal, %function
ldst_literal:
    ldr     x6, lit_q
    REC     x6                          // => 0x1122334455667788
    ONES    x6
    ldr     w6, lit_w
    REC     x6                          // => 0x0000000099aabbcc
    ldrsw   x6, lit_w
    REC     x6                          // => 0xffffffff99aabbcc
    ldrsw   x6, lit_wpos
    REC     x6                          // => 0x0000000012345678
    ldr     x6, lit_back
    REC     x6                          // => 0xfedcba9876543210
    ret
    .balign 8
lit_q:
    .quad   0x1122334455667788
lit_w:
    .word   0x99aabbcc
lit_wpos:
    .word   0x12345678
    .size ldst_literal, . - ldst_literal

// ---------------------------------------------------------------------------
// Sign/zero extension of LDR{,S}{B,H,W} into W and X (unsigned offset)
    .global ldst_signext
    .type ldst_signext, %function
ldst_signext:
    ONES    x6
    ldrb    w6, [x1, #0x90]
    REC     x6                          // => 0x0000000000000090
    ONES    x6
    ldrsb   w6, [x1, #0x90]
    REC     x6                          // => 0x00000000ffffff90
    ldrsb   x6, [x1, #0x90]
    REC     x6                          // => 0xffffffffffffff90
    ONES    x6
    ldrsb   w6, [x1, #0x70]
    REC     x6                          // => 0x0000000000000070
    ldrsb   x6, [x1, #0x70]
    REC     x6                          // => 0x0000000000000070
    ONES    x6
    ldrh    w6, [x1, #0xf0]
    REC     x6                          // => 0x000000000000f1f0
    ONES    x6
    ldrsh   w6, [x1, #0x90]
    REC     x6                          // => 0x00000000ffff9190
    ldrsh   x6, [x1, #0x90]
    REC     x6                          // => 0xffffffffffff9190
    ldrsh   x6, [x1, #0x7e]
    REC     x6                          // => 0x0000000000007f7e
    ONES    x6
    ldr     w6, [x1, #0xf0]
    REC     x6                          // => 0x00000000f3f2f1f0
    ldrsw   x6, [x1, #0x90]
    REC     x6                          // => 0xffffffff93929190
    ldrsw   x6, [x1, #0x70]
    REC     x6                          // => 0x0000000073727170
    ret
    .size ldst_signext, . - ldst_signext

// ---------------------------------------------------------------------------
// LDP/STP 32/64 (offset, pre, post) and LDPSW
    .global ldst_pair
    .type ldst_pair, %function
ldst_pair:
    CONSTS
    ldp     x6, x8, [x1, #0x10]
    REC     x6                          // => 0x1716151413121110
    REC     x8                          // => 0x1f1e1d1c1b1a1918
    ONES    x6
    ONES    x8
    ldp     w6, w8, [x1, #0x80]
    REC     x6                          // => 0x0000000083828180
    REC     x8                          // => 0x0000000087868584
    add     x3, x1, #0x200
    ldp     x6, x8, [x3, #-512]
    REC     x6                          // => 0x0706050403020100
    REC     x8                          // => 0x0f0e0d0c0b0a0908
    ldp     x6, x8, [x3, #504]
    REC     x6                          // => 0xfffefdfcfbfaf9f8
    REC     x8                          // => 0x0706050403020100
    ldp     w6, w8, [x3, #252]
    REC     x6                          // => 0x00000000fffefdfc
    REC     x8                          // => 0x0000000003020100
    ldp     w6, w8, [x3, #-256]
    REC     x6                          // => 0x0000000003020100
    REC     x8                          // => 0x0000000007060504
    add     x3, x1, #0x100
    ldp     x6, x8, [x3, #16]!
    REC     x6                          // => 0x1716151413121110
    REC     x8                          // => 0x1f1e1d1c1b1a1918
    OFF     x3, x1                      // => 0x0000000000000110
    ldp     w6, w8, [x3, #-8]!
    REC     x6                          // => 0x000000000b0a0908
    REC     x8                          // => 0x000000000f0e0d0c
    OFF     x3, x1                      // => 0x0000000000000108
    ldp     x6, x8, [x3], #-0x88
    REC     x6                          // => 0x0f0e0d0c0b0a0908
    REC     x8                          // => 0x1716151413121110
    OFF     x3, x1                      // => 0x0000000000000080
    ldp     w6, w8, [x3], #4
    REC     x6                          // => 0x0000000083828180
    REC     x8                          // => 0x0000000087868584
    OFF     x3, x1                      // => 0x0000000000000084
    ldpsw   x6, x8, [x1, #0x78]
    REC     x6                          // => 0x000000007b7a7978
    REC     x8                          // => 0x000000007f7e7d7c
    ldpsw   x6, x8, [x1, #0x80]
    REC     x6                          // => 0xffffffff83828180
    REC     x8                          // => 0xffffffff87868584
    ldpsw   x6, x8, [x3, #-8]!
    REC     x6                          // => 0x000000007f7e7d7c
    REC     x8                          // => 0xffffffff83828180
    OFF     x3, x1                      // => 0x000000000000007c
    ldpsw   x6, x8, [x3], #0x14
    REC     x6                          // => 0x000000007f7e7d7c
    REC     x8                          // => 0xffffffff83828180
    OFF     x3, x1                      // => 0x0000000000000090
    stp     x5, x7, [x2, #0x10]
    stp     w5, w7, [x2, #0x20]
    mov     x4, x2
    stp     x5, x7, [x4, #0x30]!
    stp     w7, w5, [x4, #0x10]!
    OFF     x4, x2                      // => 0x0000000000000040
    add     x4, x2, #0x48
    stp     x7, x5, [x4], #0x10
    stp     w5, w7, [x4], #-0x58
    OFF     x4, x2                      // => 0x0000000000000000
    ldr     x6, [x2, #0x10]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x18]
    REC     x6                          // => 0xfedcba9876543210
    ldr     x6, [x2, #0x20]
    REC     x6                          // => 0x7654321089abcdef
    ldr     x6, [x2, #0x28]
    REC     x6                          // => 0x0000000000000000
    ldr     x6, [x2, #0x30]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x38]
    REC     x6                          // => 0xfedcba9876543210
    ldr     x6, [x2, #0x40]
    REC     x6                          // => 0x89abcdef76543210
    ldr     x6, [x2, #0x48]
    REC     x6                          // => 0xfedcba9876543210
    ldr     x6, [x2, #0x50]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x58]
    REC     x6                          // => 0x7654321089abcdef
    stp     xzr, x5, [x2, #0x60]
    ldp     x6, x8, [x2, #0x60]
    REC     x6                          // => 0x0000000000000000
    REC     x8                          // => 0x0123456789abcdef
    ret
    .size ldst_pair, . - ldst_pair

// ---------------------------------------------------------------------------
// LDNP/STNP (non-temporal pair, offset only)
    .global ldst_nontemporal
    .type ldst_nontemporal, %function
ldst_nontemporal:
    CONSTS
    ldnp    x6, x8, [x1, #0x20]
    REC     x6                          // => 0x2726252423222120
    REC     x8                          // => 0x2f2e2d2c2b2a2928
    ONES    x6
    ONES    x8
    ldnp    w6, w8, [x1, #0x84]
    REC     x6                          // => 0x0000000087868584
    REC     x8                          // => 0x000000008b8a8988
    add     x3, x1, #0x200
    ldnp    x6, x8, [x3, #-512]
    REC     x6                          // => 0x0706050403020100
    REC     x8                          // => 0x0f0e0d0c0b0a0908
    ldnp    w6, w8, [x3, #252]
    REC     x6                          // => 0x00000000fffefdfc
    REC     x8                          // => 0x0000000003020100
    stnp    x5, x7, [x2, #0x8]
    stnp    w7, w5, [x2, #0x40]
    add     x4, x2, #0x100
    stnp    x7, x5, [x4, #-0x20]
    ldr     x6, [x2, #0x08]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x10]
    REC     x6                          // => 0xfedcba9876543210
    ldr     x6, [x2, #0x40]
    REC     x6                          // => 0x89abcdef76543210
    ldr     x6, [x2, #0xe0]
    REC     x6                          // => 0xfedcba9876543210
    ldr     x6, [x2, #0xe8]
    REC     x6                          // => 0x0123456789abcdef
    ret
    .size ldst_nontemporal, . - ldst_nontemporal

// ---------------------------------------------------------------------------
// Unprivileged LDTR/STTR family (9-bit signed offset). With the MMU off these
// behave like plain loads/stores at every exception level.
    .global ldst_unpriv
    .type ldst_unpriv, %function
ldst_unpriv:
    CONSTS
    add     x3, x1, #0x100
    ldtr    x6, [x3, #8]
    REC     x6                          // => 0x0f0e0d0c0b0a0908
    ldtr    x6, [x3, #-256]
    REC     x6                          // => 0x0706050403020100
    ldtr    x6, [x3, #248]
    REC     x6                          // => 0xfffefdfcfbfaf9f8
    ONES    x6
    ldtr    w6, [x3, #-4]
    REC     x6                          // => 0x00000000fffefdfc
    ONES    x6
    ldtrb   w6, [x3, #-1]
    REC     x6                          // => 0x00000000000000ff
    ONES    x6
    ldtrh   w6, [x3, #-2]
    REC     x6                          // => 0x000000000000fffe
    ONES    x6
    ldtrsb  w6, [x3, #-1]
    REC     x6                          // => 0x00000000ffffffff
    ldtrsb  x6, [x3, #-1]
    REC     x6                          // => 0xffffffffffffffff
    ldtrsb  x6, [x3, #1]
    REC     x6                          // => 0x0000000000000001
    ONES    x6
    ldtrsh  w6, [x3, #-0x80]
    REC     x6                          // => 0x00000000ffff8180
    ldtrsh  x6, [x3, #2]
    REC     x6                          // => 0x0000000000000302
    ldtrsh  x6, [x3, #-0x7e]
    REC     x6                          // => 0xffffffffffff8382
    ldtrsw  x6, [x3, #-0x7c]
    REC     x6                          // => 0xffffffff87868584
    ldtrsw  x6, [x3, #4]
    REC     x6                          // => 0x0000000007060504
    sttr    x5, [x2]
    sttr    w7, [x2, #8]
    sttrh   w5, [x2, #12]
    sttrb   w5, [x2, #15]
    add     x4, x2, #0x40
    sttr    x7, [x4, #-0x20]
    sttrb   w7, [x4, #-1]
    ldr     x6, [x2, #0x00]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x08]
    REC     x6                          // => 0xef00cdef76543210
    ldr     x6, [x2, #0x20]
    REC     x6                          // => 0xfedcba9876543210
    ldr     x6, [x2, #0x38]
    REC     x6                          // => 0x1000000000000000
    ret
    .size ldst_unpriv, . - ldst_unpriv

// ---------------------------------------------------------------------------
// Exclusives: LDXR/STXR (B/H/W/X), LDAXR/STLXR (B/H/W/X), LDXP/STXP and
// LDAXP/STLXP (W/X), a second STXR after a successful one, and STXR after
// CLREX (both fail: status 1, memory unchanged). Nothing is stored between a
// load-exclusive and its store-exclusive.
    .global ldst_excl
    .type ldst_excl, %function
ldst_excl:
    CONSTS
    stp     x5, x5, [x2]
    stp     x5, x5, [x2, #0x10]
    stp     x5, x7, [x2, #0x40]
    stp     x5, x7, [x2, #0x50]
    // X
    ldxr    x6, [x2]
    stxr    w8, x7, [x2]
    REC     x6                          // => 0x0123456789abcdef
    REC     x8                          // => 0x0000000000000000
    ldr     x6, [x2]
    REC     x6                          // => 0xfedcba9876543210
    // W
    add     x4, x2, #0x8
    ONES    x6
    ONES    x8
    ldxr    w6, [x4]
    stxr    w8, w7, [x4]
    REC     x6                          // => 0x0000000089abcdef
    REC     x8                          // => 0x0000000000000000
    // H
    add     x4, x2, #0xc
    ONES    x6
    ldxrh   w6, [x4]
    stxrh   w8, w7, [x4]
    REC     x6                          // => 0x0000000000004567
    REC     x8                          // => 0x0000000000000000
    // B
    add     x4, x2, #0xf
    ONES    x6
    ldxrb   w6, [x4]
    stxrb   w8, w7, [x4]
    REC     x6                          // => 0x0000000000000001
    REC     x8                          // => 0x0000000000000000
    ldr     x6, [x2, #0x8]
    REC     x6                          // => 0x1023321076543210
    // acquire / release
    add     x4, x2, #0x10
    ldaxr   x6, [x4]
    stlxr   w8, x7, [x4]
    REC     x6                          // => 0x0123456789abcdef
    REC     x8                          // => 0x0000000000000000
    add     x4, x2, #0x18
    ONES    x6
    ldaxr   w6, [x4]
    stlxr   w8, w7, [x4]
    REC     x6                          // => 0x0000000089abcdef
    REC     x8                          // => 0x0000000000000000
    add     x4, x2, #0x1c
    ONES    x6
    ldaxrh  w6, [x4]
    stlxrh  w8, w7, [x4]
    REC     x6                          // => 0x0000000000004567
    REC     x8                          // => 0x0000000000000000
    add     x4, x2, #0x1e
    ONES    x6
    ldaxrb  w6, [x4]
    stlxrb  w8, w7, [x4]
    REC     x6                          // => 0x0000000000000023
    REC     x8                          // => 0x0000000000000000
    ldr     x6, [x2, #0x10]
    REC     x6                          // => 0xfedcba9876543210
    ldr     x6, [x2, #0x18]
    REC     x6                          // => 0x0110321076543210
    // pairs: swap the two halves
    add     x4, x2, #0x40
    ldxp    x6, x9, [x4]
    stxp    w8, x9, x6, [x4]
    REC     x6                          // => 0x0123456789abcdef
    REC     x9                          // => 0xfedcba9876543210
    REC     x8                          // => 0x0000000000000000
    ldp     x6, x9, [x4]
    REC     x6                          // => 0xfedcba9876543210
    REC     x9                          // => 0x0123456789abcdef
    add     x4, x2, #0x50
    ONES    x6
    ONES    x9
    ldxp    w6, w9, [x4]
    stxp    w8, w9, w6, [x4]
    REC     x6                          // => 0x0000000089abcdef
    REC     x9                          // => 0x0000000001234567
    REC     x8                          // => 0x0000000000000000
    ldr     x6, [x4]
    REC     x6                          // => 0x89abcdef01234567
    add     x4, x2, #0x40
    ldaxp   x6, x9, [x4]
    stlxp   w8, x9, x6, [x4]
    REC     x8                          // => 0x0000000000000000
    add     x4, x2, #0x58
    ldaxp   w6, w9, [x4]
    stlxp   w8, w9, w6, [x4]
    REC     x8                          // => 0x0000000000000000
    ldp     x6, x9, [x2, #0x40]
    REC     x6                          // => 0x0123456789abcdef
    REC     x9                          // => 0xfedcba9876543210
    ldp     x6, x9, [x2, #0x50]
    REC     x6                          // => 0x89abcdef01234567
    REC     x9                          // => 0x76543210fedcba98
    // failures: the monitor is open after a successful STXR and after CLREX
    ldxr    x6, [x2]
    stxr    w8, x5, [x2]
    stxr    w10, x6, [x2]
    REC     x8                          // => 0x0000000000000000
    REC     x10                         // => 0x0000000000000001
    ldxr    x6, [x2]
    clrex
    mov     w8, #0x55
    stxr    w8, xzr, [x2]
    REC     x8                          // => 0x0000000000000001
    add     x4, x2, #0x40
    ldxp    x6, x9, [x4]
    clrex
    stxp    w8, xzr, xzr, [x4]
    REC     x8                          // => 0x0000000000000001
    ldr     x6, [x2]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x40]
    REC     x6                          // => 0x0123456789abcdef
    ret
    .size ldst_excl, . - ldst_excl

// ---------------------------------------------------------------------------
// LDAR/STLR (B/H/W/X)
    .global ldst_acqrel
    .type ldst_acqrel, %function
ldst_acqrel:
    CONSTS
    add     x3, x1, #0x88
    ldar    x6, [x3]
    REC     x6                          // => 0x8f8e8d8c8b8a8988
    ONES    x6
    ldar    w6, [x3]
    REC     x6                          // => 0x000000008b8a8988
    ONES    x6
    add     x3, x1, #0x96
    ldarh   w6, [x3]
    REC     x6                          // => 0x0000000000009796
    ONES    x6
    add     x3, x1, #0xa5
    ldarb   w6, [x3]
    REC     x6                          // => 0x00000000000000a5
    stlr    x5, [x2]
    add     x4, x2, #8
    stlr    w7, [x4]
    add     x4, x2, #12
    stlrh   w5, [x4]
    add     x4, x2, #15
    stlrb   w7, [x4]
    ldr     x6, [x2]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #8]
    REC     x6                          // => 0x1000cdef76543210
    ret
    .size ldst_acqrel, . - ldst_acqrel

// ---------------------------------------------------------------------------
// SP as base register (offset, pre, post) and XZR/WZR as data register
    .global ldst_spzr
    .type ldst_spzr, %function
ldst_spzr:
    CONSTS
    mov     x9, sp
    sub     sp, sp, #64
    str     x5, [sp, #8]
    ldr     x6, [sp, #8]
    REC     x6                          // => 0x0123456789abcdef
    stp     x5, x7, [sp, #-16]!
    str     w7, [sp, #-16]!             // SP stays 16-byte aligned (SCTLR.SA)
    ONES    x6
    ldr     w6, [sp], #16
    REC     x6                          // => 0x0000000076543210
    ldp     x6, x8, [sp], #16
    REC     x6                          // => 0x0123456789abcdef
    REC     x8                          // => 0xfedcba9876543210
    mov     x10, sp
    sub     x10, x9, x10
    REC     x10                         // => 0x0000000000000040
    ldur    x6, [sp, #8]
    REC     x6                          // => 0x0123456789abcdef
    add     sp, sp, #64
    stp     x5, x5, [x2]
    stp     x5, x5, [x2, #0x10]
    str     wzr, [x2]
    strb    wzr, [x2, #0xa]
    strh    wzr, [x2, #0xc]
    str     xzr, [x2, #0x18]
    ldr     xzr, [x1, #8]               // result discarded
    ldr     x6, [x2]
    REC     x6                          // => 0x0123456700000000
    ldr     x6, [x2, #8]
    REC     x6                          // => 0x012300008900cdef
    ldr     x6, [x2, #0x10]
    REC     x6                          // => 0x0123456789abcdef
    ldr     x6, [x2, #0x18]
    REC     x6                          // => 0x0000000000000000
    ret
    .size ldst_spzr, . - ldst_spzr

// ---------------------------------------------------------------------------
// PRFM/PRFUM (immediate, register, literal): hints, must not fault or change
// anything. Returns its out pointer unchanged.
    .global ldst_prfm
    .type ldst_prfm, %function
ldst_prfm:
    mov     x8, #4
    prfm    pldl1keep, [x1]
    prfm    pstl2strm, [x1, #64]
    prfm    plil3keep, [x1, x8, lsl #3]
    prfm    pldl2keep, [x1, w8, uxtw]
    prfum   pldl1strm, [x1, #-1]
    prfm    pldl1keep, lit_q
    ret
    .size ldst_prfm, . - ldst_prfm
