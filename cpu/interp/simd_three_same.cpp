// Advanced SIMD "three same" (C7.2): element-wise and pairwise operations on two vectors
// of equal element size, integer (with the saturating forms setting FPSR.QC) and
// floating point (through cpu/fp/arm_fp, flags into FPSR).
#include <cstring>

#include "cpu/fp/arm_fp.h"
#include "cpu/interp/handlers.h"
#include "cpu/interp/simd_common.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"
#include "cpu/vregs.h"

namespace bramble::interp {

namespace {
// Runs op(n, m, d, shape, sat) on each element; sets FPSR.QC when any saturated.
template <typename Op>
inline void integer_op(Cpu& c, uint32_t w, Op&& op) {
  if (fp_access_trapped(c)) return;
  const Shape sh = int_shape(w);
  const Lanes n = Lanes::of(c, rn(w)), m = Lanes::of(c, rm(w)), d = Lanes::of(c, rd(w));
  Lanes r{};
  bool sat = false;
  for (unsigned e = 0; e < sh.elements; ++e)
    r.set(sh.ebytes, e, op(n.get(sh.ebytes, e), m.get(sh.ebytes, e), d.get(sh.ebytes, e), sh.esize, &sat) & mask_of(sh.esize));
  if (sat) c.s.fpsr |= fp::kQC;
  set_vector(c, rd(w), r, sh.q);
  c.s.pc += 4;
}

// Pairwise: element e of the result combines elements 2e and 2e+1 of the concatenation
// m:n (n first).
template <typename Op>
inline void pairwise_op(Cpu& c, uint32_t w, const Shape& sh, Op&& op) {
  const Lanes n = Lanes::of(c, rn(w)), m = Lanes::of(c, rm(w));
  auto concat = [&](unsigned i) { return i < sh.elements ? n.get(sh.ebytes, i) : m.get(sh.ebytes, i - sh.elements); };
  Lanes r{};
  for (unsigned e = 0; e < sh.elements; ++e) r.set(sh.ebytes, e, op(concat(2 * e), concat(2 * e + 1)));
  set_vector(c, rd(w), r, sh.q);
  c.s.pc += 4;
}

template <typename Op>
inline void integer_pairwise(Cpu& c, uint32_t w, Op&& op) {
  if (fp_access_trapped(c)) return;
  const Shape sh = int_shape(w);
  pairwise_op(c, w, sh, [&](uint64_t a, uint64_t b) { return op(a, b, sh.esize) & mask_of(sh.esize); });
}

// Bitwise operations on the whole register.
template <typename Op>
inline void bitwise(Cpu& c, uint32_t w, Op&& op) {
  if (fp_access_trapped(c)) return;
  const bool q = bits(w, 30, 30);
  const uint64_t lo = op(c.s.v[rn(w)][0], c.s.v[rm(w)][0], c.s.v[rd(w)][0]);
  const uint64_t hi = op(c.s.v[rn(w)][1], c.s.v[rm(w)][1], c.s.v[rd(w)][1]);
  set_v128(c, rd(w), lo, q ? hi : 0);
  c.s.pc += 4;
}

// Shift by a signed register amount (the low byte of each m element): SSHL, USHL and
// their rounding and saturating forms, with unbounded-integer semantics (C7.2).
inline uint64_t shift_by_register(uint64_t a, uint64_t m, unsigned esize, bool is_unsigned, bool rounding,
                                  bool saturating, bool* sat) {
  const int shift = int8_t(m & 0xff);
  const i128 val = is_unsigned ? i128(a) : i128(sx(a, esize));
  i128 res;
  if (shift >= 0) {
    if (shift >= int(esize)) {
      if (!saturating) return 0;
      if (val == 0) return 0;
      return saturate(val > 0 ? (i128(1) << 100) : -(i128(1) << 100), esize, is_unsigned, sat);
    }
    res = val << shift;
  } else {
    const int s = -shift;
    if (s > int(esize)) res = rounding ? 0 : (val < 0 ? -1 : 0);
    else res = (val + (rounding ? i128(1) << (s - 1) : 0)) >> s;
  }
  if (saturating) return saturate(res, esize, is_unsigned, sat);
  return uint64_t(res);
}

// Polynomial multiplication of two bytes, keeping the low 8 bits.
inline uint64_t pmul8(uint64_t a, uint64_t b) {
  uint64_t r = 0;
  for (unsigned i = 0; i < 8; ++i)
    if ((b >> i) & 1) r ^= a << i;
  return r & 0xff;
}

// ---- Floating point ----

template <typename Op>
inline void fp_elementwise(Cpu& c, uint32_t w, Op&& op) {
  if (fp_access_trapped(c)) return;
  const Shape sh = fp_shape(w);
  const fp::Format f = fp_format(sh);
  fp::Env env{c.s.fpcr};
  const Lanes n = Lanes::of(c, rn(w)), m = Lanes::of(c, rm(w)), d = Lanes::of(c, rd(w));
  Lanes r{};
  for (unsigned e = 0; e < sh.elements; ++e)
    r.set(sh.ebytes, e, op(f, n.get(sh.ebytes, e), m.get(sh.ebytes, e), d.get(sh.ebytes, e), env));
  c.s.fpsr |= env.flags;
  set_vector(c, rd(w), r, sh.q);
  c.s.pc += 4;
}

template <FpBinary kOp>
inline void fp_binary(Cpu& c, uint32_t w) {
  fp_elementwise(c, w, [](fp::Format f, uint64_t a, uint64_t b, uint64_t, fp::Env& env) { return kOp(f, a, b, env); });
}

template <FpBinary kOp>
inline void fp_pairwise(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const Shape sh = fp_shape(w);
  const fp::Format f = fp_format(sh);
  fp::Env env{c.s.fpcr};
  pairwise_op(c, w, sh, [&](uint64_t a, uint64_t b) { return kOp(f, a, b, env); });
  c.s.fpsr |= env.flags;
}

// The scalar pairwise forms (ADDP, FADDP ... Vd, Vn.2x): the two lowest elements of Vn
// (64-bit ones for ADDP, single or double by sz for FP) combined into a scalar.
template <typename Op>
inline void scalar_pairwise(Cpu& c, uint32_t w, unsigned ebytes, Op&& op) {
  if (fp_access_trapped(c)) return;
  const Lanes n = Lanes::of(c, rn(w));
  set_vscalar(c, rd(w), op(n.get(ebytes, 0), n.get(ebytes, 1)), 8 * ebytes);
  c.s.pc += 4;
}
template <FpBinary kOp>
inline void fp_pairwise_scalar(Cpu& c, uint32_t w) {
  const Shape sh = fp_shape(w);  // a scalar shape: the element size is what matters
  fp::Env env{c.s.fpcr};
  scalar_pairwise(c, w, sh.ebytes, [&](uint64_t a, uint64_t b) { return kOp(fp_format(sh), a, b, env); });
  c.s.fpsr |= env.flags;
}

// FP compares give all ones or zeros. kSignal: GE/GT, which raise Invalid Operation for
// any NaN; EQ only for signalling ones. kAbsolute: FACGE/FACGT.
enum class FpCmp { Eq, Ge, Gt };
template <FpCmp kCmp, bool kAbsolute>
inline void fp_compare(Cpu& c, uint32_t w) {
  fp_elementwise(c, w, [](fp::Format f, uint64_t a, uint64_t b, uint64_t, fp::Env& env) -> uint64_t {
    if (kAbsolute) {
      a = fp::abs(f, a);
      b = fp::abs(f, b);
    }
    const uint32_t nzcv = fp::compare(f, a, b, kCmp != FpCmp::Eq, env) >> 28;
    const bool holds = kCmp == FpCmp::Eq ? nzcv == 0x6 : kCmp == FpCmp::Ge ? (nzcv == 0x6 || nzcv == 0x2) : nzcv == 0x2;
    return holds ? mask_of(f.bits) : 0;
  });
}
}  // namespace

// ---- Bitwise ----
void exec_AND_vector(Cpu& c, uint32_t w) { bitwise(c, w, [](uint64_t n, uint64_t m, uint64_t) { return n & m; }); }
void exec_BIC_vector(Cpu& c, uint32_t w) { bitwise(c, w, [](uint64_t n, uint64_t m, uint64_t) { return n & ~m; }); }
void exec_ORR_vector(Cpu& c, uint32_t w) { bitwise(c, w, [](uint64_t n, uint64_t m, uint64_t) { return n | m; }); }
void exec_ORN_vector(Cpu& c, uint32_t w) { bitwise(c, w, [](uint64_t n, uint64_t m, uint64_t) { return n | ~m; }); }
void exec_EOR_vector(Cpu& c, uint32_t w) { bitwise(c, w, [](uint64_t n, uint64_t m, uint64_t) { return n ^ m; }); }
void exec_BSL_vector(Cpu& c, uint32_t w) {
  bitwise(c, w, [](uint64_t n, uint64_t m, uint64_t d) { return (d & n) | (~d & m); });
}
void exec_BIT_vector(Cpu& c, uint32_t w) {
  bitwise(c, w, [](uint64_t n, uint64_t m, uint64_t d) { return (n & m) | (d & ~m); });
}
void exec_BIF_vector(Cpu& c, uint32_t w) {
  bitwise(c, w, [](uint64_t n, uint64_t m, uint64_t d) { return (d & m) | (n & ~m); });
}

// ---- Integer arithmetic ----
#define BRAMBLE_INT_OP(name, expr)                                                                \
  void exec_##name(Cpu& c, uint32_t w) {                                                          \
    integer_op(c, w, [](uint64_t a, uint64_t b, uint64_t d, unsigned esize, bool* sat) -> uint64_t { \
      (void)d;                                                                                    \
      (void)sat;                                                                                  \
      const int64_t sa = sx(a, esize), sb = sx(b, esize);                                         \
      (void)sa;                                                                                   \
      (void)sb;                                                                                   \
      return expr;                                                                                \
    });                                                                                           \
  }
BRAMBLE_INT_OP(ADD_vector, a + b)
BRAMBLE_INT_OP(SUB_vector, a - b)
BRAMBLE_INT_OP(MUL_vector, a * b)
BRAMBLE_INT_OP(MLA_vector, d + a * b)
BRAMBLE_INT_OP(MLS_vector, d - a * b)
BRAMBLE_INT_OP(PMUL_vector, pmul8(a, b))
BRAMBLE_INT_OP(CMEQ_reg_vector, a == b ? ~0ull : 0)
BRAMBLE_INT_OP(CMTST_vector, (a & b) ? ~0ull : 0)
BRAMBLE_INT_OP(CMGT_reg_vector, sa > sb ? ~0ull : 0)
BRAMBLE_INT_OP(CMGE_reg_vector, sa >= sb ? ~0ull : 0)
BRAMBLE_INT_OP(CMHI_vector, a > b ? ~0ull : 0)
BRAMBLE_INT_OP(CMHS_vector, a >= b ? ~0ull : 0)
BRAMBLE_INT_OP(SMAX_vector, uint64_t(sa > sb ? sa : sb))
BRAMBLE_INT_OP(SMIN_vector, uint64_t(sa < sb ? sa : sb))
BRAMBLE_INT_OP(UMAX_vector, a > b ? a : b)
BRAMBLE_INT_OP(UMIN_vector, a < b ? a : b)
BRAMBLE_INT_OP(SABD_vector, uint64_t(sa > sb ? sa - sb : sb - sa))
BRAMBLE_INT_OP(UABD_vector, a > b ? a - b : b - a)
BRAMBLE_INT_OP(SABA_vector, d + uint64_t(sa > sb ? sa - sb : sb - sa))
BRAMBLE_INT_OP(UABA_vector, d + (a > b ? a - b : b - a))
BRAMBLE_INT_OP(SHADD_vector, uint64_t((i128(sa) + sb) >> 1))
BRAMBLE_INT_OP(UHADD_vector, uint64_t((i128(a) + b) >> 1))
BRAMBLE_INT_OP(SRHADD_vector, uint64_t((i128(sa) + sb + 1) >> 1))
BRAMBLE_INT_OP(URHADD_vector, uint64_t((i128(a) + b + 1) >> 1))
BRAMBLE_INT_OP(SHSUB_vector, uint64_t((i128(sa) - sb) >> 1))
BRAMBLE_INT_OP(UHSUB_vector, uint64_t((i128(a) - b) >> 1))
BRAMBLE_INT_OP(SQADD_vector, saturate(i128(sa) + sb, esize, false, sat))
BRAMBLE_INT_OP(UQADD_vector, saturate(i128(a) + b, esize, true, sat))
BRAMBLE_INT_OP(SQSUB_vector, saturate(i128(sa) - sb, esize, false, sat))
BRAMBLE_INT_OP(UQSUB_vector, saturate(i128(a) - b, esize, true, sat))
BRAMBLE_INT_OP(SSHL_vector, shift_by_register(a, b, esize, false, false, false, sat))
BRAMBLE_INT_OP(USHL_vector, shift_by_register(a, b, esize, true, false, false, sat))
BRAMBLE_INT_OP(SRSHL_vector, shift_by_register(a, b, esize, false, true, false, sat))
BRAMBLE_INT_OP(URSHL_vector, shift_by_register(a, b, esize, true, true, false, sat))
BRAMBLE_INT_OP(SQSHL_reg_vector, shift_by_register(a, b, esize, false, false, true, sat))
BRAMBLE_INT_OP(UQSHL_reg_vector, shift_by_register(a, b, esize, true, false, true, sat))
BRAMBLE_INT_OP(SQRSHL_vector, shift_by_register(a, b, esize, false, true, true, sat))
BRAMBLE_INT_OP(UQRSHL_vector, shift_by_register(a, b, esize, true, true, true, sat))
BRAMBLE_INT_OP(SQDMULH_vector, sqdmulh(a, b, esize, false, sat))
BRAMBLE_INT_OP(SQRDMULH_vector, sqdmulh(a, b, esize, true, sat))
#undef BRAMBLE_INT_OP

void exec_ADDP_vector(Cpu& c, uint32_t w) { integer_pairwise(c, w, [](uint64_t a, uint64_t b, unsigned) { return a + b; }); }
void exec_SMAXP_vector(Cpu& c, uint32_t w) {
  integer_pairwise(c, w, [](uint64_t a, uint64_t b, unsigned e) { return sx(a, e) > sx(b, e) ? a : b; });
}
void exec_SMINP_vector(Cpu& c, uint32_t w) {
  integer_pairwise(c, w, [](uint64_t a, uint64_t b, unsigned e) { return sx(a, e) < sx(b, e) ? a : b; });
}
void exec_UMAXP_vector(Cpu& c, uint32_t w) { integer_pairwise(c, w, [](uint64_t a, uint64_t b, unsigned) { return a > b ? a : b; }); }
void exec_UMINP_vector(Cpu& c, uint32_t w) { integer_pairwise(c, w, [](uint64_t a, uint64_t b, unsigned) { return a < b ? a : b; }); }

// ---- Floating point ----
void exec_FADD_vector(Cpu& c, uint32_t w) { fp_binary<fp::add>(c, w); }
void exec_FSUB_vector(Cpu& c, uint32_t w) { fp_binary<fp::sub>(c, w); }
void exec_FMUL_vector(Cpu& c, uint32_t w) { fp_binary<fp::mul>(c, w); }
void exec_FMULX_vector(Cpu& c, uint32_t w) { fp_binary<fp::mulx>(c, w); }
void exec_FDIV_vector(Cpu& c, uint32_t w) { fp_binary<fp::div>(c, w); }
void exec_FMAX_vector(Cpu& c, uint32_t w) { fp_binary<fp::max>(c, w); }
void exec_FMIN_vector(Cpu& c, uint32_t w) { fp_binary<fp::min>(c, w); }
void exec_FMAXNM_vector(Cpu& c, uint32_t w) { fp_binary<fp::maxnum>(c, w); }
void exec_FMINNM_vector(Cpu& c, uint32_t w) { fp_binary<fp::minnum>(c, w); }
void exec_FRECPS_vector(Cpu& c, uint32_t w) { fp_binary<fp::recip_step>(c, w); }
void exec_FRSQRTS_vector(Cpu& c, uint32_t w) { fp_binary<fp::rsqrt_step>(c, w); }
void exec_FABD_vector(Cpu& c, uint32_t w) {
  fp_elementwise(c, w, [](fp::Format f, uint64_t a, uint64_t b, uint64_t, fp::Env& env) {
    return fp::abs(f, fp::sub(f, a, b, env));
  });
}
void exec_FMLA_vector(Cpu& c, uint32_t w) {
  fp_elementwise(c, w, [](fp::Format f, uint64_t a, uint64_t b, uint64_t d, fp::Env& env) {
    return fp::muladd(f, d, a, b, env);
  });
}
void exec_FMLS_vector(Cpu& c, uint32_t w) {
  fp_elementwise(c, w, [](fp::Format f, uint64_t a, uint64_t b, uint64_t d, fp::Env& env) {
    return fp::muladd(f, d, fp::neg(f, a), b, env);
  });
}
void exec_FCMEQ_reg_vector(Cpu& c, uint32_t w) { fp_compare<FpCmp::Eq, false>(c, w); }
void exec_FCMGE_reg_vector(Cpu& c, uint32_t w) { fp_compare<FpCmp::Ge, false>(c, w); }
void exec_FCMGT_reg_vector(Cpu& c, uint32_t w) { fp_compare<FpCmp::Gt, false>(c, w); }
void exec_FACGE_vector(Cpu& c, uint32_t w) { fp_compare<FpCmp::Ge, true>(c, w); }
void exec_FACGT_vector(Cpu& c, uint32_t w) { fp_compare<FpCmp::Gt, true>(c, w); }
void exec_FADDP_vector(Cpu& c, uint32_t w) { fp_pairwise<fp::add>(c, w); }
void exec_FMAXP_vector(Cpu& c, uint32_t w) { fp_pairwise<fp::max>(c, w); }
void exec_FMINP_vector(Cpu& c, uint32_t w) { fp_pairwise<fp::min>(c, w); }
void exec_FMAXNMP_vector(Cpu& c, uint32_t w) { fp_pairwise<fp::maxnum>(c, w); }
void exec_FMINNMP_vector(Cpu& c, uint32_t w) { fp_pairwise<fp::minnum>(c, w); }
void exec_ADDP_scalar(Cpu& c, uint32_t w) { scalar_pairwise(c, w, 8, [](uint64_t a, uint64_t b) { return a + b; }); }
void exec_FADDP_scalar(Cpu& c, uint32_t w) { fp_pairwise_scalar<fp::add>(c, w); }
void exec_FMAXP_scalar(Cpu& c, uint32_t w) { fp_pairwise_scalar<fp::max>(c, w); }
void exec_FMINP_scalar(Cpu& c, uint32_t w) { fp_pairwise_scalar<fp::min>(c, w); }
void exec_FMAXNMP_scalar(Cpu& c, uint32_t w) { fp_pairwise_scalar<fp::maxnum>(c, w); }
void exec_FMINNMP_scalar(Cpu& c, uint32_t w) { fp_pairwise_scalar<fp::minnum>(c, w); }

// ---- The scalar forms: the same operation on element 0 (shape_of reads bit 28) ----
void exec_SQADD_scalar(Cpu& c, uint32_t w) { exec_SQADD_vector(c, w); }
void exec_SQSUB_scalar(Cpu& c, uint32_t w) { exec_SQSUB_vector(c, w); }
void exec_CMGT_reg_scalar(Cpu& c, uint32_t w) { exec_CMGT_reg_vector(c, w); }
void exec_CMGE_reg_scalar(Cpu& c, uint32_t w) { exec_CMGE_reg_vector(c, w); }
void exec_SSHL_scalar(Cpu& c, uint32_t w) { exec_SSHL_vector(c, w); }
void exec_SQSHL_reg_scalar(Cpu& c, uint32_t w) { exec_SQSHL_reg_vector(c, w); }
void exec_SRSHL_scalar(Cpu& c, uint32_t w) { exec_SRSHL_vector(c, w); }
void exec_SQRSHL_scalar(Cpu& c, uint32_t w) { exec_SQRSHL_vector(c, w); }
void exec_ADD_scalar(Cpu& c, uint32_t w) { exec_ADD_vector(c, w); }
void exec_CMTST_scalar(Cpu& c, uint32_t w) { exec_CMTST_vector(c, w); }
void exec_SQDMULH_scalar(Cpu& c, uint32_t w) { exec_SQDMULH_vector(c, w); }
void exec_FMULX_scalar(Cpu& c, uint32_t w) { exec_FMULX_vector(c, w); }
void exec_FCMEQ_reg_scalar(Cpu& c, uint32_t w) { exec_FCMEQ_reg_vector(c, w); }
void exec_FRECPS_scalar(Cpu& c, uint32_t w) { exec_FRECPS_vector(c, w); }
void exec_FRSQRTS_scalar(Cpu& c, uint32_t w) { exec_FRSQRTS_vector(c, w); }
void exec_UQADD_scalar(Cpu& c, uint32_t w) { exec_UQADD_vector(c, w); }
void exec_UQSUB_scalar(Cpu& c, uint32_t w) { exec_UQSUB_vector(c, w); }
void exec_CMHI_scalar(Cpu& c, uint32_t w) { exec_CMHI_vector(c, w); }
void exec_CMHS_scalar(Cpu& c, uint32_t w) { exec_CMHS_vector(c, w); }
void exec_USHL_scalar(Cpu& c, uint32_t w) { exec_USHL_vector(c, w); }
void exec_UQSHL_reg_scalar(Cpu& c, uint32_t w) { exec_UQSHL_reg_vector(c, w); }
void exec_URSHL_scalar(Cpu& c, uint32_t w) { exec_URSHL_vector(c, w); }
void exec_UQRSHL_scalar(Cpu& c, uint32_t w) { exec_UQRSHL_vector(c, w); }
void exec_SUB_scalar(Cpu& c, uint32_t w) { exec_SUB_vector(c, w); }
void exec_CMEQ_reg_scalar(Cpu& c, uint32_t w) { exec_CMEQ_reg_vector(c, w); }
void exec_SQRDMULH_scalar(Cpu& c, uint32_t w) { exec_SQRDMULH_vector(c, w); }
void exec_FCMGE_reg_scalar(Cpu& c, uint32_t w) { exec_FCMGE_reg_vector(c, w); }
void exec_FACGE_scalar(Cpu& c, uint32_t w) { exec_FACGE_vector(c, w); }
void exec_FABD_scalar(Cpu& c, uint32_t w) { exec_FABD_vector(c, w); }
void exec_FCMGT_reg_scalar(Cpu& c, uint32_t w) { exec_FCMGT_reg_vector(c, w); }
void exec_FACGT_scalar(Cpu& c, uint32_t w) { exec_FACGT_vector(c, w); }

}  // namespace bramble::interp
