// C4.1.90 scalar floating-point instructions (C7.2): data processing with 1, 2 and 3
// sources, compares, conditional compare and select, FMOV in all forms, and conversions
// between precisions, to and from integers and fixed point. The arithmetic is
// cpu/fp/arm_fp's, bit-exact with the Arm ARM pseudocode.
//
// Every one of them first meets the SIMD&FP access traps (CPACR_EL1.FPEN, CPTR_ELx.TFP).
// A scalar write zeroes the rest of the 128-bit register.
#include "cpu/alu.h"
#include "cpu/fp/arm_fp.h"
#include "cpu/interp/handlers.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"
#include "cpu/vregs.h"

namespace bramble::interp {

namespace {
using fp::Env;
using fp::Format;
using fp::Rounding;

inline Format ftype_format(uint32_t w) { return fp::format_of_ftype(bits(w, 23, 22)); }

// Runs op(env) after the trap check, merges the exception flags into FPSR and moves on.
template <typename Op>
inline void fp_instruction(Cpu& c, Op&& op) {
  if (fp_access_trapped(c)) return;
  Env env{c.s.fpcr};
  op(env);
  c.s.fpsr |= env.flags;
  c.s.pc += 4;
}

// Rd = op(Rn, Rm) in the instruction's precision.
template <uint64_t (*kOp)(Format, uint64_t, uint64_t, Env&), bool kNegate = false>
inline void binary(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    const Format f = ftype_format(w);
    uint64_t r = kOp(f, vlow(c, rn(w), f.bits), vlow(c, rm(w), f.bits), env);
    if (kNegate) r = fp::neg(f, r);  // FNMUL negates the product, NaN included
    set_vscalar(c, rd(w), r, f.bits);
  });
}

// FMADD family: Ra + Rn * Rm with the operands negated as the instruction says.
template <bool kNegateAddend, bool kNegateProduct>
inline void fused(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    const Format f = ftype_format(w);
    uint64_t a = vlow(c, ra(w), f.bits), n = vlow(c, rn(w), f.bits);
    if (kNegateAddend) a = fp::neg(f, a);
    if (kNegateProduct) n = fp::neg(f, n);
    set_vscalar(c, rd(w), fp::muladd(f, a, n, vlow(c, rm(w), f.bits), env), f.bits);
  });
}

// FRINT<mode>; kExact raises Inexact (FRINTX); kFromFpcr uses FPCR.RMode (FRINTX, FRINTI).
template <Rounding kRounding, bool kFromFpcr, bool kExact>
inline void round_to_integral(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    const Format f = ftype_format(w);
    const Rounding r = kFromFpcr ? env.rounding() : kRounding;
    set_vscalar(c, rd(w), fp::round_int(f, vlow(c, rn(w), f.bits), r, kExact, env), f.bits);
  });
}

template <bool kSignalNans, bool kWithZero>
inline void compare(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    const Format f = ftype_format(w);
    const uint64_t b = kWithZero ? 0 : vlow(c, rm(w), f.bits);
    c.s.nzcv = fp::compare(f, vlow(c, rn(w), f.bits), b, kSignalNans, env);
  });
}

template <bool kSignalNans>
inline void conditional_compare(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    if (!alu::condition_holds(bits(w, 15, 12), c.s.nzcv)) {
      c.s.nzcv = bits(w, 3, 0) << 28;
      return;
    }
    const Format f = ftype_format(w);
    c.s.nzcv = fp::compare(f, vlow(c, rn(w), f.bits), vlow(c, rm(w), f.bits), kSignalNans, env);
  });
}

// FCVT<r><S|U> (scalar, integer): Rd (W or X) from the FP value in Rn.
template <Rounding kRounding, bool kUnsigned>
inline void to_integer(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    const Format f = ftype_format(w);
    const unsigned int_bits = sf(w) ? 64 : 32;
    set_reg(c, sf(w), rd(w), fp::to_fixed(f, vlow(c, rn(w), f.bits), 0, kUnsigned, int_bits, kRounding, env));
  });
}

// FCVTZ<S|U> (scalar, fixed-point): fbits = 64 - scale.
template <bool kUnsigned>
inline void to_fixed_point(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    const Format f = ftype_format(w);
    const unsigned int_bits = sf(w) ? 64 : 32, fbits = 64 - bits(w, 15, 10);
    set_reg(c, sf(w), rd(w),
            fp::to_fixed(f, vlow(c, rn(w), f.bits), fbits, kUnsigned, int_bits, Rounding::Zero, env));
  });
}

// SCVTF/UCVTF (scalar, integer or fixed-point): FPCR's rounding.
template <bool kUnsigned, bool kFixed>
inline void from_integer(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    const Format f = ftype_format(w);
    const unsigned int_bits = sf(w) ? 64 : 32, fbits = kFixed ? 64 - bits(w, 15, 10) : 0;
    set_vscalar(c, rd(w), fp::from_fixed(f, xr(c, rn(w)), int_bits, fbits, kUnsigned, env.rounding(), env), f.bits);
  });
}

// FMOV (general) and the register moves: no arithmetic, no flags.
template <typename Move>
inline void move(Cpu& c, Move&& m) {
  fp_instruction(c, [&](Env&) { m(); });
}
}  // namespace

void exec_FADD_scalar(Cpu& c, uint32_t w) { binary<fp::add>(c, w); }
void exec_FSUB_scalar(Cpu& c, uint32_t w) { binary<fp::sub>(c, w); }
void exec_FMUL_scalar(Cpu& c, uint32_t w) { binary<fp::mul>(c, w); }
void exec_FNMUL_scalar(Cpu& c, uint32_t w) { binary<fp::mul, true>(c, w); }
void exec_FDIV_scalar(Cpu& c, uint32_t w) { binary<fp::div>(c, w); }
void exec_FMAX_scalar(Cpu& c, uint32_t w) { binary<fp::max>(c, w); }
void exec_FMIN_scalar(Cpu& c, uint32_t w) { binary<fp::min>(c, w); }
void exec_FMAXNM_scalar(Cpu& c, uint32_t w) { binary<fp::maxnum>(c, w); }
void exec_FMINNM_scalar(Cpu& c, uint32_t w) { binary<fp::minnum>(c, w); }

void exec_FMADD(Cpu& c, uint32_t w) { fused<false, false>(c, w); }
void exec_FMSUB(Cpu& c, uint32_t w) { fused<false, true>(c, w); }
void exec_FNMADD(Cpu& c, uint32_t w) { fused<true, true>(c, w); }
void exec_FNMSUB(Cpu& c, uint32_t w) { fused<true, false>(c, w); }

void exec_FMOV_reg(Cpu& c, uint32_t w) {
  move(c, [&] {
    const Format f = ftype_format(w);
    set_vscalar(c, rd(w), vlow(c, rn(w), f.bits), f.bits);
  });
}
void exec_FABS_scalar(Cpu& c, uint32_t w) {
  move(c, [&] {
    const Format f = ftype_format(w);
    set_vscalar(c, rd(w), fp::abs(f, vlow(c, rn(w), f.bits)), f.bits);
  });
}
void exec_FNEG_scalar(Cpu& c, uint32_t w) {
  move(c, [&] {
    const Format f = ftype_format(w);
    set_vscalar(c, rd(w), fp::neg(f, vlow(c, rn(w), f.bits)), f.bits);
  });
}
void exec_FSQRT_scalar(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    const Format f = ftype_format(w);
    set_vscalar(c, rd(w), fp::sqrt(f, vlow(c, rn(w), f.bits), env), f.bits);
  });
}

void exec_FRINTN_scalar(Cpu& c, uint32_t w) { round_to_integral<Rounding::TieEven, false, false>(c, w); }
void exec_FRINTP_scalar(Cpu& c, uint32_t w) { round_to_integral<Rounding::PosInf, false, false>(c, w); }
void exec_FRINTM_scalar(Cpu& c, uint32_t w) { round_to_integral<Rounding::NegInf, false, false>(c, w); }
void exec_FRINTZ_scalar(Cpu& c, uint32_t w) { round_to_integral<Rounding::Zero, false, false>(c, w); }
void exec_FRINTA_scalar(Cpu& c, uint32_t w) { round_to_integral<Rounding::TieAway, false, false>(c, w); }
void exec_FRINTX_scalar(Cpu& c, uint32_t w) { round_to_integral<Rounding::TieEven, true, true>(c, w); }
void exec_FRINTI_scalar(Cpu& c, uint32_t w) { round_to_integral<Rounding::TieEven, true, false>(c, w); }

void exec_FCVT(Cpu& c, uint32_t w) {
  fp_instruction(c, [&](Env& env) {
    const Format from = ftype_format(w), to = fp::format_of_ftype(bits(w, 16, 15));
    set_vscalar(c, rd(w), fp::convert(from, to, vlow(c, rn(w), from.bits), env.rounding(), env), to.bits);
  });
}

void exec_FCMP_reg(Cpu& c, uint32_t w) { compare<false, false>(c, w); }
void exec_FCMP_zero(Cpu& c, uint32_t w) { compare<false, true>(c, w); }
void exec_FCMPE_reg(Cpu& c, uint32_t w) { compare<true, false>(c, w); }
void exec_FCMPE_zero(Cpu& c, uint32_t w) { compare<true, true>(c, w); }
void exec_FCCMP(Cpu& c, uint32_t w) { conditional_compare<false>(c, w); }
void exec_FCCMPE(Cpu& c, uint32_t w) { conditional_compare<true>(c, w); }

void exec_FCSEL(Cpu& c, uint32_t w) {
  move(c, [&] {
    const Format f = ftype_format(w);
    const unsigned src = alu::condition_holds(bits(w, 15, 12), c.s.nzcv) ? rn(w) : rm(w);
    set_vscalar(c, rd(w), vlow(c, src, f.bits), f.bits);
  });
}

void exec_FMOV_imm(Cpu& c, uint32_t w) {
  move(c, [&] {
    const Format f = ftype_format(w);
    set_vscalar(c, rd(w), fp::expand_imm(f, uint8_t(bits(w, 20, 13))), f.bits);
  });
}

void exec_FCVTNS_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::TieEven, false>(c, w); }
void exec_FCVTNU_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::TieEven, true>(c, w); }
void exec_FCVTAS_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::TieAway, false>(c, w); }
void exec_FCVTAU_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::TieAway, true>(c, w); }
void exec_FCVTPS_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::PosInf, false>(c, w); }
void exec_FCVTPU_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::PosInf, true>(c, w); }
void exec_FCVTMS_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::NegInf, false>(c, w); }
void exec_FCVTMU_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::NegInf, true>(c, w); }
void exec_FCVTZS_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::Zero, false>(c, w); }
void exec_FCVTZU_float_int(Cpu& c, uint32_t w) { to_integer<Rounding::Zero, true>(c, w); }
void exec_FCVTZS_float_fix(Cpu& c, uint32_t w) { to_fixed_point<false>(c, w); }
void exec_FCVTZU_float_fix(Cpu& c, uint32_t w) { to_fixed_point<true>(c, w); }
void exec_SCVTF_float_int(Cpu& c, uint32_t w) { from_integer<false, false>(c, w); }
void exec_UCVTF_float_int(Cpu& c, uint32_t w) { from_integer<true, false>(c, w); }
void exec_SCVTF_float_fix(Cpu& c, uint32_t w) { from_integer<false, true>(c, w); }
void exec_UCVTF_float_fix(Cpu& c, uint32_t w) { from_integer<true, true>(c, w); }

void exec_FMOV_32S_gen(Cpu& c, uint32_t w) { move(c, [&] { set_wr(c, rd(w), uint32_t(vlow(c, rn(w), 32))); }); }
void exec_FMOV_S32_gen(Cpu& c, uint32_t w) { move(c, [&] { set_vscalar(c, rd(w), uint32_t(xr(c, rn(w))), 32); }); }
void exec_FMOV_64D_gen(Cpu& c, uint32_t w) { move(c, [&] { set_xr(c, rd(w), vlow(c, rn(w), 64)); }); }
void exec_FMOV_D64_gen(Cpu& c, uint32_t w) { move(c, [&] { set_vscalar(c, rd(w), xr(c, rn(w)), 64); }); }
void exec_FMOV_64VX_gen(Cpu& c, uint32_t w) { move(c, [&] { set_xr(c, rd(w), c.s.v[rn(w)][1]); }); }
// Vd.D[1] = Xn: an element write, which leaves the low half alone.
void exec_FMOV_V64I_gen(Cpu& c, uint32_t w) { move(c, [&] { c.s.v[rd(w)][1] = xr(c, rn(w)); }); }

}  // namespace bramble::interp
