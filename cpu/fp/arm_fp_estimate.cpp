// The reciprocal and reciprocal square root estimates of the Arm ARM (shared/functions/
// float: FPRecipEstimate, FPRSqrtEstimate, FPRecpX; shared/functions/vector:
// UnsignedRecipEstimate, UnsignedRSqrtEstimate) as ARMv8.0 defines them, i.e. without
// FEAT_RPRES: every precision gets the same 8-bit estimate from the integer algorithms
// RecipEstimate and RecipSqrtEstimate.
//
// The pseudocode works on bit fields rather than values: it widens every fraction to the
// 52 bits of double precision and rebuilds the result from an exponent and 8 fraction
// bits. So does this file; it needs no exact arithmetic from arm_fp.cpp.
#include <array>

#include "cpu/fp/arm_fp.h"

namespace bramble::fp {

namespace {
constexpr unsigned kWide = 52;
constexpr uint64_t kWideMask = (1ull << kWide) - 1;

enum class Kind : uint8_t { Zero, Denormal, Normal, Inf, QNaN, SNaN };

struct Operand {
  Kind kind;
  bool sign;
  int exp;        // the biased exponent field
  uint64_t frac;  // the fraction field, left-aligned to kWide bits
  bool is_nan() const { return kind == Kind::QNaN || kind == Kind::SNaN; }
};

int bias(Format f) { return (1 << (f.exp_bits - 1)) - 1; }
int max_exp_field(Format f) { return (1 << f.exp_bits) - 1; }

// FPUnpack's classification. FPCR.FZ turns a denormal into a zero and raises Input
// Denormal; in ARMv8.0 it does not apply to half precision (that is FZ16, FEAT_FP16).
Operand unpack(Format f, uint64_t v, Env& env) {
  Operand op{};
  op.sign = (v >> (f.bits - 1)) & 1;
  op.exp = int((v >> f.frac_bits) & uint64_t(max_exp_field(f)));
  const uint64_t frac = v & ((1ull << f.frac_bits) - 1);
  op.frac = frac << (kWide - f.frac_bits);
  if (op.exp == max_exp_field(f)) {
    op.kind = frac == 0 ? Kind::Inf : (op.frac >> (kWide - 1)) ? Kind::QNaN : Kind::SNaN;
  } else if (op.exp != 0) {
    op.kind = Kind::Normal;
  } else if (frac == 0) {
    op.kind = Kind::Zero;
  } else if (f.bits != 16 && (env.fpcr & kFpcrFZ)) {
    op.kind = Kind::Zero;
    env.flags |= kIDC;
  } else {
    op.kind = Kind::Denormal;
  }
  return op;
}

uint64_t pack(Format f, bool sign, uint64_t exp_field, uint64_t wide_frac) {
  return (uint64_t(sign) << (f.bits - 1)) | (exp_field << f.frac_bits) | (wide_frac >> (kWide - f.frac_bits));
}
uint64_t zero(Format f, bool sign) { return pack(f, sign, 0, 0); }
uint64_t infinity(Format f, bool sign) { return pack(f, sign, uint64_t(max_exp_field(f)), 0); }
uint64_t max_normal(Format f, bool sign) { return pack(f, sign, uint64_t(max_exp_field(f) - 1), kWideMask); }

// FPProcessNaN.
uint64_t process_nan(Format f, const Operand& op, uint64_t v, Env& env) {
  if (op.kind == Kind::SNaN) env.flags |= kIOC;
  if (env.fpcr & kFpcrDN) return default_nan(f);
  return v | (1ull << (f.frac_bits - 1));
}

// RecipEstimate: a in [256, 512) stands for a/512 in [0.5, 1); the result, in [256, 512),
// for its reciprocal r/256. Both roundings are to nearest, as the pseudocode spells them.
unsigned recip_estimate_int(unsigned a) {
  a = a * 2 + 1;
  const unsigned b = (1u << 19) / a;
  return (b + 1) / 2;
}

// RecipSqrtEstimate: a in [128, 512) stands for a/512 in [0.25, 1); the result, in
// [256, 512), for 1/sqrt of it as r/256. Tabulated once: the definition is a search.
unsigned rsqrt_estimate_int(unsigned a) {
  static const std::array<uint16_t, 384> table = [] {
    std::array<uint16_t, 384> t{};
    for (unsigned i = 128; i < 512; ++i) {
      // Below 0.5 the input is taken in units of 1/512, above in units of 1/256 (its
      // bottom bit dropped), each rounded to nearest by the added half unit.
      const uint64_t x = i < 256 ? uint64_t(i) * 2 + 1 : (uint64_t(i >> 1) << 1 | 1) * 2;
      uint64_t b = 512;
      while (x * (b + 1) * (b + 1) < (1ull << 28)) ++b;  // the largest b < 2^14 / sqrt(x)
      t[i - 128] = uint16_t((b + 1) / 2);
    }
    return t;
  }();
  return table[a - 128];
}

// The FPRecipEstimate case of an input so small that its reciprocal overflows: infinity
// or the largest normal, by the rounding mode's direction, with Overflow and Inexact.
uint64_t recip_overflow(Format f, bool sign, Env& env) {
  bool to_inf = false;
  switch (env.rounding()) {
    case Rounding::TieEven: to_inf = true; break;
    case Rounding::PosInf: to_inf = !sign; break;
    case Rounding::NegInf: to_inf = sign; break;
    default: to_inf = false; break;
  }
  env.flags |= kOFC | kIXC;
  return to_inf ? infinity(f, sign) : max_normal(f, sign);
}
}  // namespace

uint64_t recip_estimate(Format f, uint64_t v, Env& env) {
  const Operand op = unpack(f, v, env);
  if (op.is_nan()) return process_nan(f, op, v, env);
  if (op.kind == Kind::Inf) return zero(f, op.sign);
  if (op.kind == Kind::Zero) {
    env.flags |= kDZC;
    return infinity(f, op.sign);
  }
  // |value| < 2^(emin - 2) (2^-128 for single): a denormal whose top two fraction bits
  // are clear.
  if (op.kind == Kind::Denormal && (op.frac >> (kWide - 2)) == 0) return recip_overflow(f, op.sign, env);
  // With FZ a reciprocal below the normal range is flushed: |value| >= 2^(emax - 1).
  // Underflow is set directly, without Inexact (FPRecipEstimate).
  if (f.bits != 16 && (env.fpcr & kFpcrFZ) && op.exp >= 2 * bias(f) - 1) {
    env.flags |= kUFC;
    return zero(f, op.sign);
  }
  // Scale to [0.5, 1) in steps of 1/512; a denormal gets exponent 0 or -1.
  int exp = op.exp;
  uint64_t frac = op.frac;
  if (exp == 0) {
    if (!(frac >> (kWide - 1))) --exp, frac <<= 1;
    frac = (frac << 1) & kWideMask;
  }
  int result_exp = 2 * bias(f) - 1 - exp;
  uint64_t result_frac = uint64_t(recip_estimate_int(256 | unsigned(frac >> (kWide - 8))) & 0xff) << (kWide - 8);
  // The estimate is in [1, 2): an exponent of 0 or -1 makes it a denormal.
  if (result_exp <= 0) {
    result_frac = ((1ull << kWide) | result_frac) >> (1 - result_exp);
    result_exp = 0;
  }
  return pack(f, op.sign, uint64_t(result_exp), result_frac);
}

uint64_t rsqrt_estimate(Format f, uint64_t v, Env& env) {
  const Operand op = unpack(f, v, env);
  if (op.is_nan()) return process_nan(f, op, v, env);
  if (op.kind == Kind::Zero) {
    env.flags |= kDZC;
    return infinity(f, op.sign);
  }
  if (op.sign) {
    env.flags |= kIOC;
    return default_nan(f);
  }
  if (op.kind == Kind::Inf) return zero(f, false);
  // Scale to [0.25, 1) in steps of 1/512 keeping the exponent's parity: normalise a
  // denormal first (its exponent going to 0 or below).
  int exp = op.exp;
  uint64_t frac = op.frac;
  if (exp == 0) {
    while (!(frac >> (kWide - 1))) frac <<= 1, --exp;
    frac = (frac << 1) & kWideMask;
  }
  const unsigned top = unsigned(frac >> (kWide - 8));
  const unsigned scaled = (exp & 1) ? 128 | (top >> 1) : 256 | top;
  const int result_exp = (3 * bias(f) - 1 - exp) / 2;  // the numerator is positive
  const uint64_t result_frac = uint64_t(rsqrt_estimate_int(scaled) & 0xff) << (kWide - 8);
  return pack(f, false, uint64_t(result_exp), result_frac);
}

uint64_t recpx(Format f, uint64_t v, Env& env) {
  const Operand op = unpack(f, v, env);
  if (op.is_nan()) return process_nan(f, op, v, env);
  // The exponent field is inverted; zeros and denormals (field 0) get the largest finite
  // exponent. The fraction is always zero.
  const uint64_t max_exp = uint64_t(max_exp_field(f));
  const uint64_t field = (v >> f.frac_bits) & max_exp;
  return pack(f, op.sign, field == 0 ? max_exp - 1 : ~field & max_exp, 0);
}

uint32_t unsigned_recip_estimate(uint32_t v) {
  if (!(v >> 31)) return ~0u;  // below 0.5
  return recip_estimate_int(v >> 23) << 23;
}

uint32_t unsigned_rsqrt_estimate(uint32_t v) {
  if (!(v >> 30)) return ~0u;  // below 0.25
  return rsqrt_estimate_int(v >> 23) << 23;
}

}  // namespace bramble::fp
