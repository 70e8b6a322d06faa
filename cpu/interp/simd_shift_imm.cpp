// Advanced SIMD shift by immediate, vector and scalar (C4.1.90; C7.2 SSHR ... UCVTF):
// plain, accumulating, rounding, inserting and saturating shifts, the narrowing and
// lengthening forms, and the fixed-point conversions.
//
// immh:immb holds both the element size and the shift: esize = 8 << HighestSetBit(immh);
// a right shift is 2 * esize - immh:immb (1..esize), a left shift immh:immb - esize
// (0..esize - 1). The narrowing forms count esize as the narrow (destination) element and
// the lengthening ones as the narrow source. The arithmetic is on unbounded integers as in
// the pseudocode; i128 holds every intermediate (a 64-bit element plus a rounding bit).
#include <bit>

#include "cpu/fp/arm_fp.h"
#include "cpu/interp/handlers.h"
#include "cpu/interp/simd_common.h"
#include "cpu/sysregs.h"

namespace bramble::interp {

namespace {

struct ShiftImm {
  unsigned esize;     // 8, 16, 32 or 64
  unsigned immhb;     // immh:immb
  unsigned right() const { return 2 * esize - immhb; }
  unsigned left() const { return immhb - esize; }
};
inline ShiftImm shift_imm(uint32_t w) {
  const unsigned immh = bits(w, 22, 19);
  return {8u << (std::bit_width(immh) - 1), bits(w, 22, 16)};
}
// The shape for an element of esize bits: Q picks 64 or 128 bits, a scalar one element.
inline Shape shape_for(uint32_t w, unsigned esize) { return shape_of(w, esize / 8); }

// The element as an unbounded integer.
inline i128 widen(uint64_t v, unsigned esize, bool is_unsigned) {
  return is_unsigned ? i128(v) : i128(sx(v, esize));
}
// x >> shift, rounded to nearest with ties up when `rounding` (the "R" forms add
// 1 << (shift - 1) before shifting).
inline i128 shift_right(i128 x, unsigned shift, bool rounding) {
  return (x + (rounding ? i128(1) << (shift - 1) : 0)) >> shift;
}

// Same-size shifts: r[e] = op(n[e], d[e], sat) over the instruction's shape.
template <typename Op>
inline void same_size(Cpu& c, uint32_t w, Op&& op) {
  if (fp_access_trapped(c)) return;
  const ShiftImm si = shift_imm(w);
  const Shape sh = shape_for(w, si.esize);
  const Lanes n = Lanes::of(c, rn(w)), d = Lanes::of(c, rd(w));
  Lanes r{};
  bool sat = false;
  for (unsigned e = 0; e < sh.elements; ++e)
    r.set(sh.ebytes, e, op(n.get(sh.ebytes, e), d.get(sh.ebytes, e), si, &sat) & mask_of(si.esize));
  if (sat) c.s.fpsr |= fp::kQC;
  set_vector(c, rd(w), r, sh.q);
  c.s.pc += 4;
}

// Right shift, optionally rounding and accumulating into d.
template <bool kUnsigned, bool kRounding, bool kAccumulate>
inline void shift_right_op(Cpu& c, uint32_t w) {
  same_size(c, w, [](uint64_t n, uint64_t d, ShiftImm si, bool*) {
    const uint64_t r = uint64_t(shift_right(widen(n, si.esize, kUnsigned), si.right(), kRounding));
    return kAccumulate ? d + r : r;
  });
}

// Saturating left shift: the source is signed or unsigned, the result range signed or
// unsigned (SQSHLU: signed source, unsigned result).
template <bool kSrcUnsigned, bool kDstUnsigned>
inline void saturating_shift_left(Cpu& c, uint32_t w) {
  same_size(c, w, [](uint64_t n, uint64_t, ShiftImm si, bool* sat) {
    return saturate(widen(n, si.esize, kSrcUnsigned) << si.left(), si.esize, kDstUnsigned, sat);
  });
}

// Narrowing right shifts: 2 * esize-bit sources from Vn, esize-bit results into the
// lower (Q = 0) or upper (Q = 1, the "2" form, keeping the lower half) half of Vd. A
// scalar narrows its one element and zeroes the rest.
template <bool kSrcUnsigned, bool kRounding, bool kSaturate, bool kDstUnsigned>
inline void narrowing_shift(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const ShiftImm si = shift_imm(w);
  const unsigned nbytes = si.esize / 8;
  const bool scalar = is_scalar_form(w), upper = !scalar && bits(w, 30, 30);
  const unsigned elements = scalar ? 1 : 8 / nbytes;
  const Lanes n = Lanes::of(c, rn(w));
  Lanes r = upper ? Lanes::of(c, rd(w)) : Lanes{};
  bool sat = false;
  for (unsigned e = 0; e < elements; ++e) {
    const i128 x = shift_right(widen(n.get(2 * nbytes, e), 2 * si.esize, kSrcUnsigned), si.right(), kRounding);
    const uint64_t v = kSaturate ? saturate(x, si.esize, kDstUnsigned, &sat) : uint64_t(x) & mask_of(si.esize);
    r.set(nbytes, (upper ? elements : 0) + e, v);
  }
  if (sat) c.s.fpsr |= fp::kQC;
  set_vector(c, rd(w), r, upper);
  c.s.pc += 4;
}

// SSHLL/USHLL (and SXTL/UXTL with a zero shift): esize-bit elements from the lower or
// upper half of Vn, widened and shifted left into 2 * esize-bit elements.
template <bool kUnsigned>
inline void lengthening_shift(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const ShiftImm si = shift_imm(w);
  const unsigned nbytes = si.esize / 8, elements = 8 / nbytes;
  const unsigned first = bits(w, 30, 30) ? elements : 0;
  const Lanes n = Lanes::of(c, rn(w));
  Lanes r{};
  for (unsigned e = 0; e < elements; ++e)
    r.set(2 * nbytes, e, uint64_t(widen(n.get(nbytes, first + e), si.esize, kUnsigned) << si.left()));
  set_vector(c, rd(w), r, true);
  c.s.pc += 4;
}

// SCVTF/UCVTF and FCVTZS/FCVTZU (fixed point): fbits = the right-shift amount; the
// element is 32 (immh = 01xx) or 64 bits (1xxx). To-fixed rounds toward zero; from-fixed
// uses FPCR.RMode.
template <bool kToFixed, bool kUnsigned>
inline void fixed_point_convert(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const ShiftImm si = shift_imm(w);
  const Shape sh = shape_for(w, si.esize);
  const fp::Format f = fp_format(sh);
  fp::Env env{c.s.fpcr};
  const Lanes n = Lanes::of(c, rn(w));
  Lanes r{};
  for (unsigned e = 0; e < sh.elements; ++e) {
    const uint64_t v = n.get(sh.ebytes, e);
    r.set(sh.ebytes, e,
          kToFixed ? fp::to_fixed(f, v, si.right(), kUnsigned, si.esize, fp::Rounding::Zero, env)
                   : fp::from_fixed(f, v, si.esize, si.right(), kUnsigned, env.rounding(), env));
  }
  c.s.fpsr |= env.flags;
  set_vector(c, rd(w), r, sh.q);
  c.s.pc += 4;
}

}  // namespace

void exec_SSHR_vector(Cpu& c, uint32_t w) { shift_right_op<false, false, false>(c, w); }
void exec_USHR_vector(Cpu& c, uint32_t w) { shift_right_op<true, false, false>(c, w); }
void exec_SRSHR_vector(Cpu& c, uint32_t w) { shift_right_op<false, true, false>(c, w); }
void exec_URSHR_vector(Cpu& c, uint32_t w) { shift_right_op<true, true, false>(c, w); }
void exec_SSRA_vector(Cpu& c, uint32_t w) { shift_right_op<false, false, true>(c, w); }
void exec_USRA_vector(Cpu& c, uint32_t w) { shift_right_op<true, false, true>(c, w); }
void exec_SRSRA_vector(Cpu& c, uint32_t w) { shift_right_op<false, true, true>(c, w); }
void exec_URSRA_vector(Cpu& c, uint32_t w) { shift_right_op<true, true, true>(c, w); }

void exec_SHL_vector(Cpu& c, uint32_t w) {
  same_size(c, w, [](uint64_t n, uint64_t, ShiftImm si, bool*) { return n << si.left(); });
}
// SRI/SLI keep the bits of Vd that the shifted Vn does not cover (a right shift by
// esize inserts nothing).
void exec_SRI_vector(Cpu& c, uint32_t w) {
  same_size(c, w, [](uint64_t n, uint64_t d, ShiftImm si, bool*) {
    const unsigned s = si.right();
    const uint64_t mask = s == 64 ? 0 : mask_of(si.esize) >> s;
    return (d & ~mask) | (s == 64 ? 0 : n >> s);
  });
}
void exec_SLI_vector(Cpu& c, uint32_t w) {
  same_size(c, w, [](uint64_t n, uint64_t d, ShiftImm si, bool*) {
    const uint64_t mask = mask_of(si.esize) << si.left();
    return (d & ~mask) | (n << si.left());
  });
}
void exec_SQSHL_imm_vector(Cpu& c, uint32_t w) { saturating_shift_left<false, false>(c, w); }
void exec_UQSHL_imm_vector(Cpu& c, uint32_t w) { saturating_shift_left<true, true>(c, w); }
void exec_SQSHLU_vector(Cpu& c, uint32_t w) { saturating_shift_left<false, true>(c, w); }

void exec_SHRN_vector(Cpu& c, uint32_t w) { narrowing_shift<true, false, false, true>(c, w); }
void exec_RSHRN_vector(Cpu& c, uint32_t w) { narrowing_shift<true, true, false, true>(c, w); }
void exec_SQSHRN_vector(Cpu& c, uint32_t w) { narrowing_shift<false, false, true, false>(c, w); }
void exec_SQRSHRN_vector(Cpu& c, uint32_t w) { narrowing_shift<false, true, true, false>(c, w); }
void exec_SQSHRUN_vector(Cpu& c, uint32_t w) { narrowing_shift<false, false, true, true>(c, w); }
void exec_SQRSHRUN_vector(Cpu& c, uint32_t w) { narrowing_shift<false, true, true, true>(c, w); }
void exec_UQSHRN_vector(Cpu& c, uint32_t w) { narrowing_shift<true, false, true, true>(c, w); }
void exec_UQRSHRN_vector(Cpu& c, uint32_t w) { narrowing_shift<true, true, true, true>(c, w); }

void exec_SSHLL_vector(Cpu& c, uint32_t w) { lengthening_shift<false>(c, w); }
void exec_USHLL_vector(Cpu& c, uint32_t w) { lengthening_shift<true>(c, w); }

void exec_SCVTF_fix_vector(Cpu& c, uint32_t w) { fixed_point_convert<false, false>(c, w); }
void exec_UCVTF_fix_vector(Cpu& c, uint32_t w) { fixed_point_convert<false, true>(c, w); }
void exec_FCVTZS_fix_vector(Cpu& c, uint32_t w) { fixed_point_convert<true, false>(c, w); }
void exec_FCVTZU_fix_vector(Cpu& c, uint32_t w) { fixed_point_convert<true, true>(c, w); }

// ---- The scalar forms: the same operation on element 0 (the helpers read bit 28) ----
void exec_SSHR_scalar(Cpu& c, uint32_t w) { exec_SSHR_vector(c, w); }
void exec_USHR_scalar(Cpu& c, uint32_t w) { exec_USHR_vector(c, w); }
void exec_SRSHR_scalar(Cpu& c, uint32_t w) { exec_SRSHR_vector(c, w); }
void exec_URSHR_scalar(Cpu& c, uint32_t w) { exec_URSHR_vector(c, w); }
void exec_SSRA_scalar(Cpu& c, uint32_t w) { exec_SSRA_vector(c, w); }
void exec_USRA_scalar(Cpu& c, uint32_t w) { exec_USRA_vector(c, w); }
void exec_SRSRA_scalar(Cpu& c, uint32_t w) { exec_SRSRA_vector(c, w); }
void exec_URSRA_scalar(Cpu& c, uint32_t w) { exec_URSRA_vector(c, w); }
void exec_SHL_scalar(Cpu& c, uint32_t w) { exec_SHL_vector(c, w); }
void exec_SRI_scalar(Cpu& c, uint32_t w) { exec_SRI_vector(c, w); }
void exec_SLI_scalar(Cpu& c, uint32_t w) { exec_SLI_vector(c, w); }
void exec_SQSHL_imm_scalar(Cpu& c, uint32_t w) { exec_SQSHL_imm_vector(c, w); }
void exec_UQSHL_imm_scalar(Cpu& c, uint32_t w) { exec_UQSHL_imm_vector(c, w); }
void exec_SQSHLU_scalar(Cpu& c, uint32_t w) { exec_SQSHLU_vector(c, w); }
void exec_SQSHRN_scalar(Cpu& c, uint32_t w) { exec_SQSHRN_vector(c, w); }
void exec_SQRSHRN_scalar(Cpu& c, uint32_t w) { exec_SQRSHRN_vector(c, w); }
void exec_SQSHRUN_scalar(Cpu& c, uint32_t w) { exec_SQSHRUN_vector(c, w); }
void exec_SQRSHRUN_scalar(Cpu& c, uint32_t w) { exec_SQRSHRUN_vector(c, w); }
void exec_UQSHRN_scalar(Cpu& c, uint32_t w) { exec_UQSHRN_vector(c, w); }
void exec_UQRSHRN_scalar(Cpu& c, uint32_t w) { exec_UQRSHRN_vector(c, w); }
void exec_SCVTF_fix_scalar(Cpu& c, uint32_t w) { exec_SCVTF_fix_vector(c, w); }
void exec_UCVTF_fix_scalar(Cpu& c, uint32_t w) { exec_UCVTF_fix_vector(c, w); }
void exec_FCVTZS_fix_scalar(Cpu& c, uint32_t w) { exec_FCVTZS_fix_vector(c, w); }
void exec_FCVTZU_fix_scalar(Cpu& c, uint32_t w) { exec_FCVTZU_fix_vector(c, w); }

}  // namespace bramble::interp
