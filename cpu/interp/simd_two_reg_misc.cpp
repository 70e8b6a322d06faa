// Advanced SIMD two-register miscellaneous, vector and scalar (C4.1.90, C7.2): one source
// register, element-wise integer operations (some saturating, setting FPSR.QC), the
// narrowing and widening moves, and the floating-point conversions, roundings, compares
// with zero and estimates (through cpu/fp/arm_fp, flags into FPSR). The scalar forms
// differ only in bit 28, which the Shape helpers read: they work on element 0 alone.
#include <bit>

#include "cpu/fp/arm_fp.h"
#include "cpu/interp/handlers.h"
#include "cpu/interp/simd_common.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"
#include "cpu/vregs.h"

namespace bramble::interp {

namespace {
using fp::Rounding;

// Runs body(env, &sat) after the trap check, then merges the FP exception flags and QC.
template <typename Body>
inline void simd_instruction(Cpu& c, Body&& body) {
  if (fp_access_trapped(c)) return;
  fp::Env env{c.s.fpcr};
  bool sat = false;
  body(env, &sat);
  c.s.fpsr |= env.flags | (sat ? fp::kQC : 0);
  c.s.pc += 4;
}

// Rd = op(element of Rn, element of Rd) for each element of shape sh; all of Rn and Rd are
// read before Rd is written.
template <typename Op>
inline void map_elements(Cpu& c, uint32_t w, const Shape& sh, Op&& op) {
  const Lanes n = Lanes::of(c, rn(w)), d = Lanes::of(c, rd(w));
  Lanes r{};
  for (unsigned e = 0; e < sh.elements; ++e)
    r.set(sh.ebytes, e, op(n.get(sh.ebytes, e), d.get(sh.ebytes, e)) & mask_of(sh.esize));
  set_vector(c, rd(w), r, sh.q);
}

// Integer element-wise: op(a, d, esize, sat).
template <typename Op>
inline void integer_unary(Cpu& c, uint32_t w, Op&& op) {
  simd_instruction(c, [&](fp::Env&, bool* sat) {
    const Shape sh = int_shape(w);
    map_elements(c, w, sh, [&](uint64_t a, uint64_t d) { return op(a, d, sh.esize, sat); });
  });
}

// NOT and RBIT work on bytes whatever the size field says (it is part of the opcode).
template <typename Op>
inline void bytewise(Cpu& c, uint32_t w, Op&& op) {
  simd_instruction(c, [&](fp::Env&, bool*) {
    const uint64_t lo = op(c.s.v[rn(w)][0]), hi = op(c.s.v[rn(w)][1]);
    set_v128(c, rd(w), lo, bits(w, 30, 30) ? hi : 0);
  });
}

uint64_t reverse_bits_in_bytes(uint64_t x) {
  x = ((x >> 1) & 0x5555555555555555ull) | ((x & 0x5555555555555555ull) << 1);
  x = ((x >> 2) & 0x3333333333333333ull) | ((x & 0x3333333333333333ull) << 2);
  return ((x >> 4) & 0x0f0f0f0f0f0f0f0full) | ((x & 0x0f0f0f0f0f0f0f0full) << 4);
}

unsigned count_leading_zeros(uint64_t a, unsigned esize) {
  return a == 0 ? esize : unsigned(std::countl_zero(a)) - (64 - esize);
}
// CountLeadingSignBits: the leading zeros of x<N-1:1> EOR x<N-2:0>.
unsigned count_leading_sign_bits(uint64_t a, unsigned esize) {
  return count_leading_zeros((a ^ (a >> 1)) & mask_of(esize - 1), esize - 1);
}

// REV16/REV32/REV64: element e of each container of cbytes moves to the mirrored slot.
inline void reverse_in_containers(Cpu& c, uint32_t w, unsigned cbytes) {
  simd_instruction(c, [&](fp::Env&, bool*) {
    const Shape sh = int_shape(w);
    const unsigned flip = cbytes / sh.ebytes - 1;
    const Lanes n = Lanes::of(c, rn(w));
    Lanes r{};
    for (unsigned e = 0; e < sh.elements; ++e) r.set(sh.ebytes, e, n.get(sh.ebytes, e ^ flip));
    set_vector(c, rd(w), r, sh.q);
  });
}

// SADDLP/UADDLP and the accumulating SADALP/UADALP: adjacent pairs added into elements
// of twice the size.
template <bool kUnsigned, bool kAccumulate>
inline void add_long_pairwise(Cpu& c, uint32_t w) {
  simd_instruction(c, [&](fp::Env&, bool*) {
    const Shape sh = int_shape(w);
    const unsigned wide = 2 * sh.ebytes;
    auto extend = [&](uint64_t v) { return kUnsigned ? v : uint64_t(sx(v, sh.esize)); };
    const Lanes n = Lanes::of(c, rn(w)), d = Lanes::of(c, rd(w));
    Lanes r{};
    for (unsigned e = 0; e < sh.elements / 2; ++e) {
      const uint64_t sum = extend(n.get(sh.ebytes, 2 * e)) + extend(n.get(sh.ebytes, 2 * e + 1));
      r.set(wide, e, sum + (kAccumulate ? d.get(wide, e) : 0));
    }
    set_vector(c, rd(w), r, sh.q);
  });
}

// The narrowing forms (XTN, SQXTN, FCVTN, ...): elements of twice the destination size,
// from all of Rn, go to Vpart[d, Q]. The "2" form (Q = 1) writes the upper half and keeps
// the lower; the scalar forms write element 0 alone and zero the rest.
template <typename Op>
inline void narrow(Cpu& c, uint32_t w, unsigned dest_bytes, Op&& op) {
  const bool scalar = is_scalar_form(w);
  const unsigned count = scalar ? 1 : 8 / dest_bytes;
  const Lanes n = Lanes::of(c, rn(w));
  Lanes part{};
  for (unsigned e = 0; e < count; ++e) part.set(dest_bytes, e, op(n.get(2 * dest_bytes, e)));
  const uint64_t lo = part.get(8, 0);
  if (!scalar && bits(w, 30, 30)) c.s.v[rd(w)][1] = lo;
  else set_v128(c, rd(w), lo, 0);
}

// XTN and its saturating forms: the destination size is the size field's.
template <bool kSrcUnsigned, bool kDestUnsigned, bool kSaturate>
inline void extract_narrow(Cpu& c, uint32_t w) {
  simd_instruction(c, [&](fp::Env&, bool* sat) {
    const unsigned dest_bytes = 1u << bits(w, 23, 22), esize = 8 * dest_bytes;
    narrow(c, w, dest_bytes, [&](uint64_t a) -> uint64_t {
      if (!kSaturate) return a;
      const i128 v = kSrcUnsigned ? i128(a) : i128(sx(a, 2 * esize));
      return saturate(v, esize, kDestUnsigned, sat);
    });
  });
}

// The widening forms (SHLL, FCVTL): the elements of Vpart[n, Q] become elements of twice
// the size filling all of Rd.
template <typename Op>
inline void widen(Cpu& c, uint32_t w, unsigned src_bytes, Op&& op) {
  Lanes part{};
  part.set(8, 0, c.s.v[rn(w)][bits(w, 30, 30)]);
  Lanes r{};
  for (unsigned e = 0; e < 8 / src_bytes; ++e) r.set(2 * src_bytes, e, op(part.get(src_bytes, e)));
  set_vector(c, rd(w), r, true);
}

// ---- Floating point ----
// op(f, a, env) on each element of the FP shape (sz = bit 22).
template <typename Op>
inline void fp_unary(Cpu& c, uint32_t w, Op&& op) {
  simd_instruction(c, [&](fp::Env& env, bool*) {
    const Shape sh = fp_shape(w);
    const fp::Format f = fp_format(sh);
    map_elements(c, w, sh, [&](uint64_t a, uint64_t) { return op(f, a, env); });
  });
}

template <uint64_t (*kOp)(fp::Format, uint64_t, fp::Env&)>
inline void fp_apply(Cpu& c, uint32_t w) {
  fp_unary(c, w, [](fp::Format f, uint64_t a, fp::Env& env) { return kOp(f, a, env); });
}

// FRINT<mode>; kFromFpcr: FPCR.RMode (FRINTX, FRINTI); kExact raises Inexact (FRINTX).
template <Rounding kRounding, bool kFromFpcr = false, bool kExact = false>
inline void fp_round_int(Cpu& c, uint32_t w) {
  fp_unary(c, w, [](fp::Format f, uint64_t a, fp::Env& env) {
    return fp::round_int(f, a, kFromFpcr ? env.rounding() : kRounding, kExact, env);
  });
}

// FCVT<mode><S|U> (vector, integer): to an integer of the element's size.
template <Rounding kRounding, bool kUnsigned>
inline void fp_to_int(Cpu& c, uint32_t w) {
  fp_unary(c, w, [](fp::Format f, uint64_t a, fp::Env& env) {
    return fp::to_fixed(f, a, 0, kUnsigned, f.bits, kRounding, env);
  });
}

// SCVTF/UCVTF (vector, integer), rounded as FPCR says.
template <bool kUnsigned>
inline void int_to_fp(Cpu& c, uint32_t w) {
  fp_unary(c, w, [](fp::Format f, uint64_t a, fp::Env& env) {
    return fp::from_fixed(f, a, f.bits, 0, kUnsigned, env.rounding(), env);
  });
}

// Compares with zero give all ones or zeros. LT and LE swap the operands (the pseudocode
// tests 0 > x and 0 >= x); all but EQ raise Invalid Operation for a quiet NaN too.
enum class ZeroCmp { Gt, Ge, Eq, Lt, Le };
template <ZeroCmp kCmp>
inline void fp_compare_zero(Cpu& c, uint32_t w) {
  fp_unary(c, w, [](fp::Format f, uint64_t a, fp::Env& env) -> uint64_t {
    const bool swapped = kCmp == ZeroCmp::Lt || kCmp == ZeroCmp::Le, signal = kCmp != ZeroCmp::Eq;
    const uint32_t nzcv = (swapped ? fp::compare(f, 0, a, signal, env) : fp::compare(f, a, 0, signal, env)) >> 28;
    const bool eq = nzcv == 0x6, gt = nzcv == 0x2;
    const bool holds = kCmp == ZeroCmp::Eq ? eq : (kCmp == ZeroCmp::Gt || kCmp == ZeroCmp::Lt) ? gt : eq || gt;
    return holds ? mask_of(f.bits) : 0;
  });
}

// FCVTN (single to half, double to single) and FCVTXN (double to single, rounding to
// odd so that a later rounding to half cannot round twice).
template <bool kToOdd>
inline void fp_convert_narrow(Cpu& c, uint32_t w) {
  simd_instruction(c, [&](fp::Env& env, bool*) {
    const bool from_double = bits(w, 22, 22);
    const fp::Format from = from_double ? fp::kDouble : fp::kSingle, to = from_double ? fp::kSingle : fp::kHalf;
    const Rounding r = kToOdd ? Rounding::Odd : env.rounding();
    narrow(c, w, to.bits / 8, [&](uint64_t a) { return fp::convert(from, to, a, r, env); });
  });
}
}  // namespace

// ---- Integer ----
void exec_REV16_vector(Cpu& c, uint32_t w) { reverse_in_containers(c, w, 2); }
void exec_REV32_vector(Cpu& c, uint32_t w) { reverse_in_containers(c, w, 4); }
void exec_REV64_vector(Cpu& c, uint32_t w) { reverse_in_containers(c, w, 8); }
void exec_SADDLP_vector(Cpu& c, uint32_t w) { add_long_pairwise<false, false>(c, w); }
void exec_UADDLP_vector(Cpu& c, uint32_t w) { add_long_pairwise<true, false>(c, w); }
void exec_SADALP_vector(Cpu& c, uint32_t w) { add_long_pairwise<false, true>(c, w); }
void exec_UADALP_vector(Cpu& c, uint32_t w) { add_long_pairwise<true, true>(c, w); }
void exec_NOT_vector(Cpu& c, uint32_t w) { bytewise(c, w, [](uint64_t x) { return ~x; }); }
void exec_RBIT_vector(Cpu& c, uint32_t w) { bytewise(c, w, reverse_bits_in_bytes); }

#define BRAMBLE_UNARY_OP(name, expr)                                                                 \
  void exec_##name(Cpu& c, uint32_t w) {                                                             \
    integer_unary(c, w, [](uint64_t a, uint64_t d, unsigned esize, bool* sat) -> uint64_t {          \
      (void)d;                                                                                       \
      (void)sat;                                                                                     \
      const int64_t sa = sx(a, esize);                                                               \
      (void)sa;                                                                                      \
      return expr;                                                                                   \
    });                                                                                              \
  }
BRAMBLE_UNARY_OP(CLS_vector, count_leading_sign_bits(a, esize))
BRAMBLE_UNARY_OP(CLZ_vector, count_leading_zeros(a, esize))
BRAMBLE_UNARY_OP(CNT_vector, uint64_t(std::popcount(a)))
BRAMBLE_UNARY_OP(ABS_vector, sa < 0 ? uint64_t(0) - a : a)
BRAMBLE_UNARY_OP(NEG_vector, uint64_t(0) - a)
BRAMBLE_UNARY_OP(SQABS_vector, saturate(sa < 0 ? -i128(sa) : i128(sa), esize, false, sat))
BRAMBLE_UNARY_OP(SQNEG_vector, saturate(-i128(sa), esize, false, sat))
// SUQADD: the unsigned Rn added to the signed Rd; USQADD the other way round.
BRAMBLE_UNARY_OP(SUQADD_vector, saturate(i128(a) + sx(d, esize), esize, false, sat))
BRAMBLE_UNARY_OP(USQADD_vector, saturate(i128(sa) + d, esize, true, sat))
BRAMBLE_UNARY_OP(CMGT_zero_vector, sa > 0 ? ~0ull : 0)
BRAMBLE_UNARY_OP(CMGE_zero_vector, sa >= 0 ? ~0ull : 0)
BRAMBLE_UNARY_OP(CMEQ_zero_vector, a == 0 ? ~0ull : 0)
BRAMBLE_UNARY_OP(CMLE_zero_vector, sa <= 0 ? ~0ull : 0)
BRAMBLE_UNARY_OP(CMLT_zero_vector, sa < 0 ? ~0ull : 0)
BRAMBLE_UNARY_OP(URECPE_vector, fp::unsigned_recip_estimate(uint32_t(a)))
BRAMBLE_UNARY_OP(URSQRTE_vector, fp::unsigned_rsqrt_estimate(uint32_t(a)))
#undef BRAMBLE_UNARY_OP

void exec_XTN_vector(Cpu& c, uint32_t w) { extract_narrow<true, true, false>(c, w); }
void exec_SQXTN_vector(Cpu& c, uint32_t w) { extract_narrow<false, false, true>(c, w); }
void exec_UQXTN_vector(Cpu& c, uint32_t w) { extract_narrow<true, true, true>(c, w); }
void exec_SQXTUN_vector(Cpu& c, uint32_t w) { extract_narrow<false, true, true>(c, w); }

void exec_SHLL_vector(Cpu& c, uint32_t w) {
  simd_instruction(c, [&](fp::Env&, bool*) {
    const unsigned src_bytes = 1u << bits(w, 23, 22);
    widen(c, w, src_bytes, [&](uint64_t a) { return a << (8 * src_bytes); });
  });
}

// ---- Floating point ----
void exec_FCVTN_vector(Cpu& c, uint32_t w) { fp_convert_narrow<false>(c, w); }
void exec_FCVTXN_vector(Cpu& c, uint32_t w) { fp_convert_narrow<true>(c, w); }
// FCVTL: half to single, single to double (exact; only NaNs and denormals raise flags).
void exec_FCVTL_vector(Cpu& c, uint32_t w) {
  simd_instruction(c, [&](fp::Env& env, bool*) {
    const bool to_double = bits(w, 22, 22);
    const fp::Format from = to_double ? fp::kSingle : fp::kHalf, to = to_double ? fp::kDouble : fp::kSingle;
    widen(c, w, from.bits / 8, [&](uint64_t a) { return fp::convert(from, to, a, env.rounding(), env); });
  });
}

void exec_FRINTN_vector(Cpu& c, uint32_t w) { fp_round_int<Rounding::TieEven>(c, w); }
void exec_FRINTM_vector(Cpu& c, uint32_t w) { fp_round_int<Rounding::NegInf>(c, w); }
void exec_FRINTP_vector(Cpu& c, uint32_t w) { fp_round_int<Rounding::PosInf>(c, w); }
void exec_FRINTZ_vector(Cpu& c, uint32_t w) { fp_round_int<Rounding::Zero>(c, w); }
void exec_FRINTA_vector(Cpu& c, uint32_t w) { fp_round_int<Rounding::TieAway>(c, w); }
void exec_FRINTX_vector(Cpu& c, uint32_t w) { fp_round_int<Rounding::TieEven, true, true>(c, w); }
void exec_FRINTI_vector(Cpu& c, uint32_t w) { fp_round_int<Rounding::TieEven, true, false>(c, w); }

void exec_FCVTNS_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::TieEven, false>(c, w); }
void exec_FCVTNU_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::TieEven, true>(c, w); }
void exec_FCVTMS_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::NegInf, false>(c, w); }
void exec_FCVTMU_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::NegInf, true>(c, w); }
void exec_FCVTPS_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::PosInf, false>(c, w); }
void exec_FCVTPU_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::PosInf, true>(c, w); }
void exec_FCVTZS_int_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::Zero, false>(c, w); }
void exec_FCVTZU_int_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::Zero, true>(c, w); }
void exec_FCVTAS_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::TieAway, false>(c, w); }
void exec_FCVTAU_vector(Cpu& c, uint32_t w) { fp_to_int<Rounding::TieAway, true>(c, w); }
void exec_SCVTF_int_vector(Cpu& c, uint32_t w) { int_to_fp<false>(c, w); }
void exec_UCVTF_int_vector(Cpu& c, uint32_t w) { int_to_fp<true>(c, w); }

void exec_FCMGT_zero_vector(Cpu& c, uint32_t w) { fp_compare_zero<ZeroCmp::Gt>(c, w); }
void exec_FCMGE_zero_vector(Cpu& c, uint32_t w) { fp_compare_zero<ZeroCmp::Ge>(c, w); }
void exec_FCMEQ_zero_vector(Cpu& c, uint32_t w) { fp_compare_zero<ZeroCmp::Eq>(c, w); }
void exec_FCMLT_zero_vector(Cpu& c, uint32_t w) { fp_compare_zero<ZeroCmp::Lt>(c, w); }
void exec_FCMLE_zero_vector(Cpu& c, uint32_t w) { fp_compare_zero<ZeroCmp::Le>(c, w); }

// FABS/FNEG touch the sign bit only, NaNs included, and raise nothing.
void exec_FABS_vector(Cpu& c, uint32_t w) {
  fp_unary(c, w, [](fp::Format f, uint64_t a, fp::Env&) { return fp::abs(f, a); });
}
void exec_FNEG_vector(Cpu& c, uint32_t w) {
  fp_unary(c, w, [](fp::Format f, uint64_t a, fp::Env&) { return fp::neg(f, a); });
}
void exec_FSQRT_vector(Cpu& c, uint32_t w) { fp_apply<fp::sqrt>(c, w); }
void exec_FRECPE_vector(Cpu& c, uint32_t w) { fp_apply<fp::recip_estimate>(c, w); }
void exec_FRSQRTE_vector(Cpu& c, uint32_t w) { fp_apply<fp::rsqrt_estimate>(c, w); }

// ---- The scalar forms: the same operation on element 0 (the shapes read bit 28) ----
void exec_SUQADD_scalar(Cpu& c, uint32_t w) { exec_SUQADD_vector(c, w); }
void exec_USQADD_scalar(Cpu& c, uint32_t w) { exec_USQADD_vector(c, w); }
void exec_SQABS_scalar(Cpu& c, uint32_t w) { exec_SQABS_vector(c, w); }
void exec_SQNEG_scalar(Cpu& c, uint32_t w) { exec_SQNEG_vector(c, w); }
void exec_ABS_scalar(Cpu& c, uint32_t w) { exec_ABS_vector(c, w); }
void exec_NEG_scalar(Cpu& c, uint32_t w) { exec_NEG_vector(c, w); }
void exec_CMGT_zero_scalar(Cpu& c, uint32_t w) { exec_CMGT_zero_vector(c, w); }
void exec_CMGE_zero_scalar(Cpu& c, uint32_t w) { exec_CMGE_zero_vector(c, w); }
void exec_CMEQ_zero_scalar(Cpu& c, uint32_t w) { exec_CMEQ_zero_vector(c, w); }
void exec_CMLE_zero_scalar(Cpu& c, uint32_t w) { exec_CMLE_zero_vector(c, w); }
void exec_CMLT_zero_scalar(Cpu& c, uint32_t w) { exec_CMLT_zero_vector(c, w); }
void exec_SQXTN_scalar(Cpu& c, uint32_t w) { exec_SQXTN_vector(c, w); }
void exec_UQXTN_scalar(Cpu& c, uint32_t w) { exec_UQXTN_vector(c, w); }
void exec_SQXTUN_scalar(Cpu& c, uint32_t w) { exec_SQXTUN_vector(c, w); }
void exec_FCVTXN_scalar(Cpu& c, uint32_t w) { exec_FCVTXN_vector(c, w); }
void exec_FCVTNS_scalar(Cpu& c, uint32_t w) { exec_FCVTNS_vector(c, w); }
void exec_FCVTNU_scalar(Cpu& c, uint32_t w) { exec_FCVTNU_vector(c, w); }
void exec_FCVTMS_scalar(Cpu& c, uint32_t w) { exec_FCVTMS_vector(c, w); }
void exec_FCVTMU_scalar(Cpu& c, uint32_t w) { exec_FCVTMU_vector(c, w); }
void exec_FCVTPS_scalar(Cpu& c, uint32_t w) { exec_FCVTPS_vector(c, w); }
void exec_FCVTPU_scalar(Cpu& c, uint32_t w) { exec_FCVTPU_vector(c, w); }
void exec_FCVTZS_int_scalar(Cpu& c, uint32_t w) { exec_FCVTZS_int_vector(c, w); }
void exec_FCVTZU_int_scalar(Cpu& c, uint32_t w) { exec_FCVTZU_int_vector(c, w); }
void exec_FCVTAS_scalar(Cpu& c, uint32_t w) { exec_FCVTAS_vector(c, w); }
void exec_FCVTAU_scalar(Cpu& c, uint32_t w) { exec_FCVTAU_vector(c, w); }
void exec_SCVTF_int_scalar(Cpu& c, uint32_t w) { exec_SCVTF_int_vector(c, w); }
void exec_UCVTF_int_scalar(Cpu& c, uint32_t w) { exec_UCVTF_int_vector(c, w); }
void exec_FCMGT_zero_scalar(Cpu& c, uint32_t w) { exec_FCMGT_zero_vector(c, w); }
void exec_FCMGE_zero_scalar(Cpu& c, uint32_t w) { exec_FCMGE_zero_vector(c, w); }
void exec_FCMEQ_zero_scalar(Cpu& c, uint32_t w) { exec_FCMEQ_zero_vector(c, w); }
void exec_FCMLT_zero_scalar(Cpu& c, uint32_t w) { exec_FCMLT_zero_vector(c, w); }
void exec_FCMLE_zero_scalar(Cpu& c, uint32_t w) { exec_FCMLE_zero_vector(c, w); }
void exec_FRECPE_scalar(Cpu& c, uint32_t w) { exec_FRECPE_vector(c, w); }
void exec_FRSQRTE_scalar(Cpu& c, uint32_t w) { exec_FRSQRTE_vector(c, w); }
void exec_FRECPX_scalar(Cpu& c, uint32_t w) { fp_apply<fp::recpx>(c, w); }

}  // namespace bramble::interp
