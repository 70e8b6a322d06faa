// muldiv: multiply/divide, shifts, bitfield, bit-count/reverse, flag-setting
// arithmetic, ADC/SBC chains and conditional select/compare, each executed
// as the exact instruction through inline asm.
//
// Every operation runs over all pairs of the 20 operands in V[] (or over all
// 16 NZCV values for the conditional ones) and its results are folded into a
// 64-bit digest printed on one line named after the instruction, so a
// mismatch names the instruction. Edge cases (division by zero, INT_MIN / -1,
// ...) are also printed one by one.
// W-form results are the full X register after the instruction: bits 63:32
// must be zero. Operands of W-form/long instructions carry non-zero upper
// bits, which must be ignored.
// Host model (independent, in Python): tests/guest/model/muldiv_model.py.
#include "guest.h"

#define NV 20
static const uint64_t V[NV] = {
    0x0000000000000000ull, 0x0000000000000001ull, 0x0000000000000002ull,
    0x0000000000000003ull, 0x0000000000000007ull, 0xffffffffffffffffull,
    0xfffffffffffffffeull, 0x8000000000000000ull, 0x7fffffffffffffffull,
    0x8000000000000001ull, 0x00000000ffffffffull, 0x0000000100000000ull,
    0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x0000000080000000ull,
    0x000000007fffffffull, 0xffffffff80000000ull, 0x5555555555555555ull,
    0xaaaaaaaaaaaaaaabull, 0xffffffff00000007ull,
};

static uint64_t digest;
static void dstart(void) { digest = 0xcbf29ce484222325ull; }
static void dadd(uint64_t v) { digest = (digest ^ v) * 0x100000001b3ull; }
static void dprint(const char *name) {
    put_str(name);
    put_char(' ');
    put_hex(digest);
    put_nl();
}

// ---- two-operand instructions ---------------------------------------------
typedef uint64_t (*bin_fn)(uint64_t, uint64_t);
#define BIN(name, text)                                                        \
    static uint64_t name(uint64_t a, uint64_t b) {                             \
        uint64_t r;                                                            \
        __asm__ volatile(text : "=r"(r) : "r"(a), "r"(b));                     \
        return r;                                                              \
    }
BIN(mul_x, "mul %0, %1, %2")
BIN(mul_w, "mul %w0, %w1, %w2")
BIN(mneg_x, "mneg %0, %1, %2")
BIN(mneg_w, "mneg %w0, %w1, %w2")
BIN(smulh_x, "smulh %0, %1, %2")
BIN(umulh_x, "umulh %0, %1, %2")
BIN(smull_x, "smull %0, %w1, %w2")
BIN(umull_x, "umull %0, %w1, %w2")
BIN(smnegl_x, "smnegl %0, %w1, %w2")
BIN(umnegl_x, "umnegl %0, %w1, %w2")
BIN(sdiv_x, "sdiv %0, %1, %2")
BIN(udiv_x, "udiv %0, %1, %2")
BIN(sdiv_w, "sdiv %w0, %w1, %w2")
BIN(udiv_w, "udiv %w0, %w1, %w2")
BIN(lslv_x, "lslv %0, %1, %2")
BIN(lsrv_x, "lsrv %0, %1, %2")
BIN(asrv_x, "asrv %0, %1, %2")
BIN(rorv_x, "rorv %0, %1, %2")
BIN(lslv_w, "lslv %w0, %w1, %w2")
BIN(lsrv_w, "lsrv %w0, %w1, %w2")
BIN(asrv_w, "asrv %w0, %w1, %w2")
BIN(rorv_w, "rorv %w0, %w1, %w2")
BIN(extr_x_0, "extr %0, %1, %2, #0")
BIN(extr_x_1, "extr %0, %1, %2, #1")
BIN(extr_x_32, "extr %0, %1, %2, #32")
BIN(extr_x_63, "extr %0, %1, %2, #63")
BIN(extr_w_0, "extr %w0, %w1, %w2, #0")
BIN(extr_w_1, "extr %w0, %w1, %w2, #1")
BIN(extr_w_16, "extr %w0, %w1, %w2, #16")
BIN(extr_w_31, "extr %w0, %w1, %w2, #31")
// bit-field insert: b is the destination's old value
#define BFINS(name, text)                                                      \
    static uint64_t name(uint64_t a, uint64_t b) {                             \
        __asm__ volatile(text : "+r"(b) : "r"(a));                             \
        return b;                                                              \
    }
BFINS(bfi_x_0_8, "bfi %0, %1, #0, #8")
BFINS(bfi_x_8_16, "bfi %0, %1, #8, #16")
BFINS(bfi_x_56_8, "bfi %0, %1, #56, #8")
BFINS(bfi_x_1_62, "bfi %0, %1, #1, #62")
BFINS(bfi_x_0_64, "bfi %0, %1, #0, #64")
BFINS(bfi_w_4_8, "bfi %w0, %w1, #4, #8")
BFINS(bfi_w_31_1, "bfi %w0, %w1, #31, #1")
BFINS(bfxil_x_0_8, "bfxil %0, %1, #0, #8")
BFINS(bfxil_x_60_4, "bfxil %0, %1, #60, #4")
BFINS(bfxil_x_3_33, "bfxil %0, %1, #3, #33")
BFINS(bfxil_w_16_16, "bfxil %w0, %w1, #16, #16")
// add/sub with extended register
BIN(add_uxtb, "add %0, %1, %w2, uxtb")
BIN(add_uxth_2, "add %0, %1, %w2, uxth #2")
BIN(add_uxtw_4, "add %0, %1, %w2, uxtw #4")
BIN(add_sxtb_1, "add %0, %1, %w2, sxtb #1")
BIN(add_sxth, "add %0, %1, %w2, sxth")
BIN(add_sxtw_3, "add %0, %1, %w2, sxtw #3")
BIN(add_sxtx_2, "add %0, %1, %2, sxtx #2")
BIN(sub_uxtw_1, "sub %0, %1, %w2, uxtw #1")
BIN(sub_sxtw, "sub %0, %1, %w2, sxtw")
BIN(add_w_sxth_1, "add %w0, %w1, %w2, sxth #1")

static const struct {
    const char *name;
    bin_fn fn;
} bins[] = {
#define E(n) {#n, n},
    E(mul_x) E(mul_w) E(mneg_x) E(mneg_w) E(smulh_x) E(umulh_x) E(smull_x) E(umull_x)
    E(smnegl_x) E(umnegl_x) E(sdiv_x) E(udiv_x) E(sdiv_w) E(udiv_w)
    E(lslv_x) E(lsrv_x) E(asrv_x) E(rorv_x) E(lslv_w) E(lsrv_w) E(asrv_w) E(rorv_w)
    E(extr_x_0) E(extr_x_1) E(extr_x_32) E(extr_x_63)
    E(extr_w_0) E(extr_w_1) E(extr_w_16) E(extr_w_31)
    E(bfi_x_0_8) E(bfi_x_8_16) E(bfi_x_56_8) E(bfi_x_1_62) E(bfi_x_0_64)
    E(bfi_w_4_8) E(bfi_w_31_1)
    E(bfxil_x_0_8) E(bfxil_x_60_4) E(bfxil_x_3_33) E(bfxil_w_16_16)
    E(add_uxtb) E(add_uxth_2) E(add_uxtw_4) E(add_sxtb_1) E(add_sxth) E(add_sxtw_3)
    E(add_sxtx_2) E(sub_uxtw_1) E(sub_sxtw) E(add_w_sxth_1)
};

// ---- three-operand multiply-add ------------------------------------------
typedef uint64_t (*ter_fn)(uint64_t, uint64_t, uint64_t);
#define TER(name, text)                                                        \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t c) {                 \
        uint64_t r;                                                            \
        __asm__ volatile(text : "=r"(r) : "r"(a), "r"(b), "r"(c));             \
        return r;                                                              \
    }
TER(madd_x, "madd %0, %1, %2, %3")
TER(msub_x, "msub %0, %1, %2, %3")
TER(madd_w, "madd %w0, %w1, %w2, %w3")
TER(msub_w, "msub %w0, %w1, %w2, %w3")
TER(smaddl_x, "smaddl %0, %w1, %w2, %3")
TER(smsubl_x, "smsubl %0, %w1, %w2, %3")
TER(umaddl_x, "umaddl %0, %w1, %w2, %3")
TER(umsubl_x, "umsubl %0, %w1, %w2, %3")
static const struct {
    const char *name;
    ter_fn fn;
} ters[] = {E(madd_x) E(msub_x) E(madd_w) E(msub_w) E(smaddl_x) E(smsubl_x) E(umaddl_x)
                E(umsubl_x)};

// ---- one-operand instructions ----------------------------------------------
typedef uint64_t (*un_fn)(uint64_t);
#define UN(name, text)                                                         \
    static uint64_t name(uint64_t a) {                                         \
        uint64_t r;                                                            \
        __asm__ volatile(text : "=r"(r) : "r"(a));                             \
        return r;                                                              \
    }
UN(clz_x, "clz %0, %1")
UN(clz_w, "clz %w0, %w1")
UN(cls_x, "cls %0, %1")
UN(cls_w, "cls %w0, %w1")
UN(rbit_x, "rbit %0, %1")
UN(rbit_w, "rbit %w0, %w1")
UN(rev_x, "rev %0, %1")
UN(rev_w, "rev %w0, %w1")
UN(rev16_x, "rev16 %0, %1")
UN(rev16_w, "rev16 %w0, %w1")
UN(rev32_x, "rev32 %0, %1")
UN(ubfx_x_0_1, "ubfx %0, %1, #0, #1")
UN(ubfx_x_4_8, "ubfx %0, %1, #4, #8")
UN(ubfx_x_60_4, "ubfx %0, %1, #60, #4")
UN(ubfx_x_1_63, "ubfx %0, %1, #1, #63")
UN(ubfx_w_16_16, "ubfx %w0, %w1, #16, #16")
UN(ubfx_w_31_1, "ubfx %w0, %w1, #31, #1")
UN(sbfx_x_0_1, "sbfx %0, %1, #0, #1")
UN(sbfx_x_4_8, "sbfx %0, %1, #4, #8")
UN(sbfx_x_31_2, "sbfx %0, %1, #31, #2")
UN(sbfx_x_0_64, "sbfx %0, %1, #0, #64")
UN(sbfx_w_8_8, "sbfx %w0, %w1, #8, #8")
UN(sbfx_w_30_2, "sbfx %w0, %w1, #30, #2")
UN(ubfiz_x_4_8, "ubfiz %0, %1, #4, #8")
UN(ubfiz_x_63_1, "ubfiz %0, %1, #63, #1")
UN(ubfiz_w_8_20, "ubfiz %w0, %w1, #8, #20")
UN(sbfiz_x_4_8, "sbfiz %0, %1, #4, #8")
UN(sbfiz_x_32_16, "sbfiz %0, %1, #32, #16")
UN(sbfiz_w_3_7, "sbfiz %w0, %w1, #3, #7")
UN(sxtb_x, "sxtb %0, %w1")
UN(sxth_x, "sxth %0, %w1")
UN(sxtw_x, "sxtw %0, %w1")
UN(uxtb_w, "uxtb %w0, %w1")
UN(uxth_w, "uxth %w0, %w1")
UN(sxtb_w, "sxtb %w0, %w1")
UN(lsl_x_1, "lsl %0, %1, #1")
UN(lsl_x_63, "lsl %0, %1, #63")
UN(lsr_x_1, "lsr %0, %1, #1")
UN(lsr_x_63, "lsr %0, %1, #63")
UN(asr_x_1, "asr %0, %1, #1")
UN(asr_x_63, "asr %0, %1, #63")
UN(ror_x_13, "ror %0, %1, #13")
UN(lsl_w_5, "lsl %w0, %w1, #5")
UN(lsr_w_31, "lsr %w0, %w1, #31")
UN(asr_w_7, "asr %w0, %w1, #7")
UN(ror_w_1, "ror %w0, %w1, #1")
UN(neg_x, "neg %0, %1")
UN(neg_w, "neg %w0, %w1")
UN(mvn_x, "mvn %0, %1")
UN(mov_w, "mov %w0, %w1")
static const struct {
    const char *name;
    un_fn fn;
} uns[] = {
    E(clz_x) E(clz_w) E(cls_x) E(cls_w) E(rbit_x) E(rbit_w) E(rev_x) E(rev_w) E(rev16_x)
    E(rev16_w) E(rev32_x)
    E(ubfx_x_0_1) E(ubfx_x_4_8) E(ubfx_x_60_4) E(ubfx_x_1_63) E(ubfx_w_16_16) E(ubfx_w_31_1)
    E(sbfx_x_0_1) E(sbfx_x_4_8) E(sbfx_x_31_2) E(sbfx_x_0_64) E(sbfx_w_8_8) E(sbfx_w_30_2)
    E(ubfiz_x_4_8) E(ubfiz_x_63_1) E(ubfiz_w_8_20) E(sbfiz_x_4_8) E(sbfiz_x_32_16)
    E(sbfiz_w_3_7) E(sxtb_x) E(sxth_x) E(sxtw_x) E(uxtb_w) E(uxth_w) E(sxtb_w)
    E(lsl_x_1) E(lsl_x_63) E(lsr_x_1) E(lsr_x_63) E(asr_x_1) E(asr_x_63) E(ror_x_13)
    E(lsl_w_5) E(lsr_w_31) E(asr_w_7) E(ror_w_1) E(neg_x) E(neg_w) E(mvn_x) E(mov_w)
};

// ---- flag-setting instructions: result and NZCV ----------------------------
// The NZCV flags are set to `flags_in` (bits 31:28) first: the carry-in of
// ADCS/SBCS/ADC/SBC/NGC comes from there.
typedef uint64_t (*flag_fn)(uint64_t a, uint64_t b, uint64_t flags_in, uint64_t *nzcv);
#define FLAG(name, text)                                                       \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t f, uint64_t *nzcv) { \
        uint64_t r, n;                                                         \
        __asm__ volatile("msr nzcv, %3\n\t" text "\n\tmrs %1, nzcv"            \
                         : "=&r"(r), "=&r"(n) : "r"(a), "r"(f), "r"(b) : "cc"); \
        *nzcv = n;                                                             \
        return r;                                                              \
    }
// operands: %0 result, %2 a, %4 b
FLAG(adds_x, "adds %0, %2, %4")
FLAG(subs_x, "subs %0, %2, %4")
FLAG(adds_w, "adds %w0, %w2, %w4")
FLAG(subs_w, "subs %w0, %w2, %w4")
FLAG(adcs_x, "adcs %0, %2, %4")
FLAG(sbcs_x, "sbcs %0, %2, %4")
FLAG(adcs_w, "adcs %w0, %w2, %w4")
FLAG(sbcs_w, "sbcs %w0, %w2, %w4")
FLAG(adc_x, "adc %0, %2, %4")
FLAG(sbc_x, "sbc %0, %2, %4")
FLAG(adc_w, "adc %w0, %w2, %w4")
FLAG(sbc_w, "sbc %w0, %w2, %w4")
FLAG(ngc_x, "ngc %0, %4")
FLAG(ngcs_x, "ngcs %0, %4")
FLAG(ands_x, "ands %0, %2, %4")
FLAG(bics_x, "bics %0, %2, %4")
FLAG(ands_w, "ands %w0, %w2, %w4")
FLAG(bics_w, "bics %w0, %w2, %w4")
FLAG(adds_imm_x, "adds %0, %2, #4095")
FLAG(subs_imm_x, "subs %0, %2, #1, lsl #12")
FLAG(adds_imm_w, "adds %w0, %w2, #1")
FLAG(subs_imm_w, "subs %w0, %w2, #4095")
FLAG(ands_imm_x, "ands %0, %2, #0xff00ff00ff00ff00")
FLAG(ands_imm_w, "ands %w0, %w2, #0x80000001")
FLAG(adds_lsl_x, "adds %0, %2, %4, lsl #3")
FLAG(subs_asr_x, "subs %0, %2, %4, asr #60")
FLAG(adds_lsr_w, "adds %w0, %w2, %w4, lsr #17")
FLAG(ands_ror_x, "ands %0, %2, %4, ror #7")
FLAG(adds_sxtw_x, "adds %0, %2, %w4, sxtw #2")
FLAG(subs_uxtb_w, "subs %w0, %w2, %w4, uxtb #1")
static const struct {
    const char *name;
    flag_fn fn;
} flags[] = {
    E(adds_x) E(subs_x) E(adds_w) E(subs_w) E(adcs_x) E(sbcs_x) E(adcs_w) E(sbcs_w)
    E(adc_x) E(sbc_x) E(adc_w) E(sbc_w) E(ngc_x) E(ngcs_x) E(ands_x) E(bics_x) E(ands_w)
    E(bics_w) E(adds_imm_x) E(subs_imm_x) E(adds_imm_w) E(subs_imm_w) E(ands_imm_x)
    E(ands_imm_w) E(adds_lsl_x) E(subs_asr_x) E(adds_lsr_w) E(ands_ror_x) E(adds_sxtw_x)
    E(subs_uxtb_w)
};

// ---- conditional select / compare, per condition ---------------------------
// csel family: flags set to f, result = cond ? a : op(b)
// ccmp family: flags set to f, result = NZCV after the instruction
typedef uint64_t (*cond_fn)(uint64_t a, uint64_t b, uint64_t f);
#define COND_SET(c, inv)                                                          \
    static uint64_t csel_##c(uint64_t a, uint64_t b, uint64_t f) {             \
        uint64_t r;                                                            \
        __asm__ volatile("msr nzcv, %3\n\tcsel %0, %1, %2, " #c                \
                         : "=r"(r) : "r"(a), "r"(b), "r"(f) : "cc");           \
        return r;                                                              \
    }                                                                          \
    static uint64_t csinc_##c(uint64_t a, uint64_t b, uint64_t f) {            \
        uint64_t r;                                                            \
        __asm__ volatile("msr nzcv, %3\n\tcsinc %0, %1, %2, " #c               \
                         : "=r"(r) : "r"(a), "r"(b), "r"(f) : "cc");           \
        return r;                                                              \
    }                                                                          \
    static uint64_t csinv_##c(uint64_t a, uint64_t b, uint64_t f) {            \
        uint64_t r;                                                            \
        __asm__ volatile("msr nzcv, %3\n\tcsinv %w0, %w1, %w2, " #c            \
                         : "=r"(r) : "r"(a), "r"(b), "r"(f) : "cc");           \
        return r;                                                              \
    }                                                                          \
    static uint64_t csneg_##c(uint64_t a, uint64_t b, uint64_t f) {            \
        uint64_t r;                                                            \
        __asm__ volatile("msr nzcv, %3\n\tcsneg %0, %1, %2, " #c               \
                         : "=r"(r) : "r"(a), "r"(b), "r"(f) : "cc");           \
        return r;                                                              \
    }                                                                          \
    static uint64_t ccmp_##c(uint64_t a, uint64_t b, uint64_t f) {             \
        uint64_t r;                                                            \
        __asm__ volatile("msr nzcv, %3\n\tccmp %1, %2, #0xa, " #c "\n\tmrs %0, nzcv" \
                         : "=r"(r) : "r"(a), "r"(b), "r"(f) : "cc");           \
        return r;                                                              \
    }                                                                          \
    static uint64_t ccmn_##c(uint64_t a, uint64_t b, uint64_t f) {             \
        uint64_t r;                                                            \
        __asm__ volatile("msr nzcv, %3\n\tccmn %w1, %w2, #0x5, " #c "\n\tmrs %0, nzcv" \
                         : "=r"(r) : "r"(a), "r"(b), "r"(f) : "cc");           \
        return r;                                                              \
    }                                                                          \
    static uint64_t ccmpi_##c(uint64_t a, uint64_t b, uint64_t f) {            \
        uint64_t r;                                                            \
        (void)b;                                                               \
        __asm__ volatile("msr nzcv, %2\n\tccmp %1, #3, #0x6, " #c "\n\tmrs %0, nzcv" \
                         : "=r"(r) : "r"(a), "r"(f) : "cc");                   \
        return r;                                                              \
    }                                                                          \
    /* cset Wd, c is csinc Wd, wzr, wzr, !c; written out so that AL works */  \
    static uint64_t cset_##c(uint64_t a, uint64_t b, uint64_t f) {             \
        uint64_t r;                                                            \
        (void)a;                                                               \
        (void)b;                                                               \
        __asm__ volatile("msr nzcv, %1\n\tcsinc %w0, wzr, wzr, " #inv          \
                         : "=r"(r) : "r"(f) : "cc");                           \
        return r;                                                              \
    }                                                                          \
    static const cond_fn cond_##c[8] = {csel_##c, csinc_##c, csinv_##c, csneg_##c, \
                                        ccmp_##c, ccmn_##c, ccmpi_##c, cset_##c};
COND_SET(eq, ne) COND_SET(ne, eq) COND_SET(cs, cc) COND_SET(cc, cs) COND_SET(mi, pl)
COND_SET(pl, mi) COND_SET(vs, vc) COND_SET(vc, vs) COND_SET(hi, ls) COND_SET(ls, hi)
COND_SET(ge, lt) COND_SET(lt, ge) COND_SET(gt, le) COND_SET(le, gt) COND_SET(al, nv)
static const char *const cond_names[15] = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
                                           "hi", "ls", "ge", "lt", "gt", "le", "al"};
static const cond_fn *const conds[15] = {cond_eq, cond_ne, cond_cs, cond_cc, cond_mi,
                                         cond_pl, cond_vs, cond_vc, cond_hi, cond_ls,
                                         cond_ge, cond_lt, cond_gt, cond_le, cond_al};
static const char *const cond_op_names[8] = {"csel", "csinc", "csinv_w", "csneg",
                                             "ccmp", "ccmn_w", "ccmp_imm", "cset_w"};

// ---- multi-word arithmetic --------------------------------------------------
static void add256(const uint64_t *a, const uint64_t *b, uint64_t *r, uint64_t *nzcv) {
    __asm__ volatile("adds %0, %5, %9\n\t"
                     "adcs %1, %6, %10\n\t"
                     "adcs %2, %7, %11\n\t"
                     "adcs %3, %8, %12\n\t"
                     "mrs %4, nzcv"
                     : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=&r"(*nzcv)
                     : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]),
                       "r"(b[0]), "r"(b[1]), "r"(b[2]), "r"(b[3])
                     : "cc");
}
static void sub256(const uint64_t *a, const uint64_t *b, uint64_t *r, uint64_t *nzcv) {
    __asm__ volatile("subs %0, %5, %9\n\t"
                     "sbcs %1, %6, %10\n\t"
                     "sbcs %2, %7, %11\n\t"
                     "sbcs %3, %8, %12\n\t"
                     "mrs %4, nzcv"
                     : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=&r"(*nzcv)
                     : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]),
                       "r"(b[0]), "r"(b[1]), "r"(b[2]), "r"(b[3])
                     : "cc");
}
// 64x64 -> 128 via MUL/UMULH, accumulated into 192 bits with ADDS/ADCS/ADC
static void mac128(uint64_t a, uint64_t b, uint64_t *acc) {
    __asm__ volatile("mul x9, %3, %4\n\t"
                     "umulh x10, %3, %4\n\t"
                     "adds %0, %0, x9\n\t"
                     "adcs %1, %1, x10\n\t"
                     "adc %2, %2, xzr"
                     : "+r"(acc[0]), "+r"(acc[1]), "+r"(acc[2])
                     : "r"(a), "r"(b)
                     : "x9", "x10", "cc");
}

static void edge(const char *text, uint64_t v) {
    put_str(text);
    put_str(" = ");
    put_hex(v);
    put_nl();
}

int main(void) {
    uart_init();
    put_line("muldiv: begin");

    edge("sdiv_x 0x8000000000000000 / -1", sdiv_x(0x8000000000000000ull, ~0ull));
    edge("sdiv_x 7 / 0", sdiv_x(7, 0));
    edge("udiv_x 7 / 0", udiv_x(7, 0));
    edge("sdiv_x -7 / 2", sdiv_x((uint64_t)-7, 2));
    edge("sdiv_x 7 / -2", sdiv_x(7, (uint64_t)-2));
    edge("udiv_x -1 / 3", udiv_x(~0ull, 3));
    edge("sdiv_w 0x80000000 / -1", sdiv_w(0xdead000080000000ull, 0xbeefffffffffffffull));
    edge("sdiv_w 5 / 0", sdiv_w(5, 0xffffffff00000000ull));
    edge("udiv_w 0xffffffff / 2", udiv_w(0x12345678ffffffffull, 2));
    edge("smulh_x -1 * -1", smulh_x(~0ull, ~0ull));
    edge("umulh_x -1 * -1", umulh_x(~0ull, ~0ull));
    edge("smulh_x min * min", smulh_x(0x8000000000000000ull, 0x8000000000000000ull));
    edge("smulh_x min * -1", smulh_x(0x8000000000000000ull, ~0ull));
    edge("mul_w upper bits ignored", mul_w(0xffffffff00010001ull, 0xaaaaaaaa00010001ull));
    edge("smull_x -2 * 0x7fffffff", smull_x(0x00000000fffffffeull, 0xffffffff7fffffffull));
    edge("umaddl_x 0xffffffff^2 + 1", umaddl_x(0xffffffffull, 0xffffffffull, 1));
    edge("clz_x 0", clz_x(0));
    edge("clz_w 0", clz_w(0xffffffff00000000ull));
    edge("cls_x 0", cls_x(0));
    edge("cls_x -1", cls_x(~0ull));
    edge("cls_w 0x00000001", cls_w(1));
    edge("rbit_x 1", rbit_x(1));
    edge("rev_x 0x0123456789abcdef", rev_x(0x0123456789abcdefull));
    edge("rev16_x 0x0123456789abcdef", rev16_x(0x0123456789abcdefull));
    edge("rev32_x 0x0123456789abcdef", rev32_x(0x0123456789abcdefull));
    edge("rev_w 0x0123456789abcdef", rev_w(0x0123456789abcdefull));
    edge("lslv_x 1 << 65", lslv_x(1, 65));
    edge("asrv_w 0x80000000 >> 33", asrv_w(0x80000000ull, 33));

    for (unsigned k = 0; k < sizeof bins / sizeof bins[0]; k++) {
        dstart();
        for (int i = 0; i < NV; i++)
            for (int j = 0; j < NV; j++) dadd(bins[k].fn(V[i], V[j]));
        dprint(bins[k].name);
    }
    for (unsigned k = 0; k < sizeof ters / sizeof ters[0]; k++) {
        dstart();
        for (int i = 0; i < NV; i++)
            for (int j = 0; j < NV; j++) dadd(ters[k].fn(V[i], V[j], V[(i + 3 * j + 1) % NV]));
        dprint(ters[k].name);
    }
    for (unsigned k = 0; k < sizeof uns / sizeof uns[0]; k++) {
        dstart();
        for (int i = 0; i < NV; i++) dadd(uns[k].fn(V[i]));
        dprint(uns[k].name);
    }
    for (unsigned k = 0; k < sizeof flags / sizeof flags[0]; k++) {
        dstart();
        for (uint64_t cin = 0; cin < 2; cin++)
            for (int i = 0; i < NV; i++)
                for (int j = 0; j < NV; j++) {
                    uint64_t nzcv;
                    // flags in: carry = cin, and N/Z/V set too when cin = 1
                    dadd(flags[k].fn(V[i], V[j], cin ? 0xf0000000u : 0x10000000u, &nzcv));
                    dadd(nzcv);
                }
        dprint(flags[k].name);
    }
    for (int op = 0; op < 8; op++) {
        for (int c = 0; c < 15; c++) {
            dstart();
            for (uint64_t f = 0; f < 16; f++)
                for (int i = 0; i < NV; i += 3)
                    for (int j = 1; j < NV; j += 2) dadd(conds[c][op](V[i], V[j], f << 28));
            put_str(cond_op_names[op]);
            put_char('_');
            put_str(cond_names[c]);
            put_char(' ');
            put_hex(digest);
            put_nl();
        }
    }

    uint64_t nzcv, r[4];
    dstart();
    for (int i = 0; i < NV; i++)
        for (int j = 0; j < NV; j++) {
            uint64_t a[4] = {V[i], V[j], V[i] ^ V[j], ~V[i]};
            uint64_t b[4] = {V[j], V[i], ~V[j], V[(i + j) % NV]};
            add256(a, b, r, &nzcv);
            for (int k = 0; k < 4; k++) dadd(r[k]);
            dadd(nzcv);
            sub256(a, b, r, &nzcv);
            for (int k = 0; k < 4; k++) dadd(r[k]);
            dadd(nzcv);
        }
    dprint("add256/sub256 (adds/adcs, subs/sbcs chains)");

    uint64_t acc[3] = {0, 0, 0};
    for (int i = 0; i < NV; i++)
        for (int j = 0; j < NV; j++) mac128(V[i], V[j], acc);
    put_str("sum of all 128-bit products (mul/umulh/adds/adcs/adc) ");
    put_hex(acc[2]);
    put_char(' ');
    put_hex(acc[1]);
    put_char(' ');
    put_hex(acc[0]);
    put_nl();

    put_line("muldiv: end");
    return 0;
}
