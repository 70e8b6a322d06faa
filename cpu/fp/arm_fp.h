// Floating-point arithmetic exactly as the Arm ARM pseudocode defines it (shared/functions/
// float: FPUnpack, FPRound, FPProcessNaNs, FPAdd, FPMulAdd, FPToFixed, ...), on raw bit
// patterns of half, single and double precision. This is the exact path both tiers fall
// back to; host FP is used only where it is known to give the same bits.
//
// FPCR controls what happens (rounding mode, FZ, DN, AHP); the cumulative exception flags
// an operation raises are ORed into Env::flags, which the caller merges into FPSR. The
// Cortex-A53 does not trap FP exceptions (FPCR.xxE are RAZ), so no trap path exists.
#pragma once

#include <cstdint>

namespace bramble::fp {

inline constexpr uint32_t kFpcrAHP = 1u << 26, kFpcrDN = 1u << 25, kFpcrFZ = 1u << 24;
// FPSR cumulative flags (C5.2.8).
inline constexpr uint32_t kIOC = 1u << 0, kDZC = 1u << 1, kOFC = 1u << 2, kUFC = 1u << 3, kIXC = 1u << 4,
                          kIDC = 1u << 7, kQC = 1u << 27;

// FPCR.RMode order for the first four; TieAway (FCVTA*, FRINTA) and Odd (FCVTXN) only
// by instruction.
enum class Rounding : uint8_t { TieEven, PosInf, NegInf, Zero, TieAway, Odd };
inline Rounding fpcr_rounding(uint32_t fpcr) { return Rounding((fpcr >> 22) & 3); }

struct Format {
  unsigned bits, exp_bits, frac_bits;
};
inline constexpr Format kHalf{16, 5, 10}, kSingle{32, 8, 23}, kDouble{64, 11, 52};
// The format of a scalar FP instruction's ftype field (00 single, 01 double, 11 half).
inline Format format_of_ftype(unsigned ftype) { return ftype == 1 ? kDouble : ftype == 3 ? kHalf : kSingle; }

struct Env {
  uint32_t fpcr;
  uint32_t flags = 0;
  Rounding rounding() const { return fpcr_rounding(fpcr); }
};

// Arithmetic (FPAdd, FPSub, FPMul, FPMulX, FPDiv, FPSqrt).
uint64_t add(Format f, uint64_t a, uint64_t b, Env& env);
uint64_t sub(Format f, uint64_t a, uint64_t b, Env& env);
uint64_t mul(Format f, uint64_t a, uint64_t b, Env& env);
uint64_t mulx(Format f, uint64_t a, uint64_t b, Env& env);
uint64_t div(Format f, uint64_t a, uint64_t b, Env& env);
uint64_t sqrt(Format f, uint64_t a, Env& env);
// FPMulAdd: addend + a * b with a single rounding. The instruction negates its operands
// (FMSUB, FNMADD, FNMSUB) before calling this, as the pseudocode does.
uint64_t muladd(Format f, uint64_t addend, uint64_t a, uint64_t b, Env& env);

// FPRecipStepFused (FRECPS: 2 - a * b) and FPRSqrtStepFused (FRSQRTS: (3 - a * b) / 2),
// each with one rounding; inf * 0 gives 2.0 and 1.5.
uint64_t recip_step(Format f, uint64_t a, uint64_t b, Env& env);
uint64_t rsqrt_step(Format f, uint64_t a, uint64_t b, Env& env);

// FPMax, FPMin, FPMaxNum, FPMinNum.
uint64_t max(Format f, uint64_t a, uint64_t b, Env& env);
uint64_t min(Format f, uint64_t a, uint64_t b, Env& env);
uint64_t maxnum(Format f, uint64_t a, uint64_t b, Env& env);
uint64_t minnum(Format f, uint64_t a, uint64_t b, Env& env);

// FPCompare: the NZCV value (in bits 31:28) FCMP sets. signal_nans: FCMPE, which raises
// Invalid Operation for quiet NaNs too.
uint32_t compare(Format f, uint64_t a, uint64_t b, bool signal_nans, Env& env);

// FPConvert between precisions (FCVT, FCVTN, FCVTL, FCVTXN with Rounding::Odd). AHP
// applies to the half-precision side.
uint64_t convert(Format from, Format to, uint64_t v, Rounding rounding, Env& env);

// FPToFixed: to a signed or unsigned integer of int_bits (32 or 64) with fbits fraction
// bits, saturating (Invalid Operation on NaN or overflow).
uint64_t to_fixed(Format f, uint64_t v, unsigned fbits, bool is_unsigned, unsigned int_bits, Rounding rounding,
                  Env& env);
// FixedToFP: the int_bits-wide integer v (signed or unsigned) divided by 2^fbits.
uint64_t from_fixed(Format f, uint64_t v, unsigned int_bits, unsigned fbits, bool is_unsigned, Rounding rounding,
                    Env& env);

// FPRoundInt (FRINT*): exact = FRINTX, which raises Inexact.
uint64_t round_int(Format f, uint64_t v, Rounding rounding, bool exact, Env& env);

// Bit-level helpers.
inline uint64_t sign_bit(Format f) { return 1ull << (f.bits - 1); }
inline uint64_t neg(Format f, uint64_t v) { return v ^ sign_bit(f); }
inline uint64_t abs(Format f, uint64_t v) { return v & ~sign_bit(f); }
uint64_t default_nan(Format f);
// VFPExpandImm: the FMOV (immediate) constant of imm8.
uint64_t expand_imm(Format f, uint8_t imm8);

// Estimates (arm_fp_estimate.cpp), as ARMv8.0 without FEAT_RPRES: FPRecipEstimate
// (FRECPE), FPRSqrtEstimate (FRSQRTE), FPRecpX (FRECPX), and the unsigned fixed-point
// UnsignedRecipEstimate (URECPE) and UnsignedRSqrtEstimate (URSQRTE) of a 32-bit element.
uint64_t recip_estimate(Format f, uint64_t v, Env& env);
uint64_t rsqrt_estimate(Format f, uint64_t v, Env& env);
uint64_t recpx(Format f, uint64_t v, Env& env);
uint32_t unsigned_recip_estimate(uint32_t v);
uint32_t unsigned_rsqrt_estimate(uint32_t v);

}  // namespace bramble::fp
