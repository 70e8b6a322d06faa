// The Arm ARM's floating-point pseudocode (shared/functions/float), on exact integer
// mantissas: every finite value is mant * 2^exp, results are computed exactly (or with a
// sticky bit standing for the bits below) and rounded once by round(), which is FPRound.
#include "cpu/fp/arm_fp.h"

#include <algorithm>
#include <cmath>

namespace bramble::fp {

namespace {
using u128 = unsigned __int128;

enum class Kind : uint8_t { Zero, Finite, Inf, QNaN, SNaN };

struct Value {
  Kind kind;
  bool sign;
  int exp;        // Finite: value = mant * 2^exp
  uint64_t mant;  // Finite: non-zero
  bool is_nan() const { return kind == Kind::QNaN || kind == Kind::SNaN; }
};

uint64_t exp_mask(Format f) { return (1ull << f.exp_bits) - 1; }
uint64_t frac_mask(Format f) { return (1ull << f.frac_bits) - 1; }
int bias(Format f) { return (1 << (f.exp_bits - 1)) - 1; }
uint64_t quiet_bit(Format f) { return 1ull << (f.frac_bits - 1); }

uint64_t zero(Format f, bool sign) { return sign ? sign_bit(f) : 0; }
uint64_t infinity(Format f, bool sign) { return zero(f, sign) | (exp_mask(f) << f.frac_bits); }
uint64_t max_normal(Format f, bool sign) {
  return zero(f, sign) | ((exp_mask(f) - 1) << f.frac_bits) | frac_mask(f);
}

bool ahp_half(Format f, const Env& env) { return f.bits == 16 && (env.fpcr & kFpcrAHP); }

// FPUnpack (FPUnpackCV for conversions): a denormal input is flushed to zero when FPCR.FZ
// is set, raising Input Denormal; FZ does not apply to half precision (ARMv8.0), and with
// FPCR.AHP the half-precision exponent 31 is an ordinary one (when ahp is passed).
Value unpack(Format f, uint64_t bits, Env& env, bool ahp = false) {
  Value v{};
  v.sign = (bits >> (f.bits - 1)) & 1;
  const uint64_t e = (bits >> f.frac_bits) & exp_mask(f), frac = bits & frac_mask(f);
  if (e == 0) {
    if (frac == 0) {
      v.kind = Kind::Zero;
    } else if (f.bits != 16 && (env.fpcr & kFpcrFZ)) {
      v.kind = Kind::Zero;
      env.flags |= kIDC;
    } else {
      v.kind = Kind::Finite;
      v.mant = frac;
      v.exp = 1 - bias(f) - int(f.frac_bits);
    }
  } else if (e == exp_mask(f) && !ahp) {
    v.kind = frac == 0 ? Kind::Inf : (frac & quiet_bit(f)) ? Kind::QNaN : Kind::SNaN;
  } else {
    v.kind = Kind::Finite;
    v.mant = frac | (1ull << f.frac_bits);
    v.exp = int(e) - bias(f) - int(f.frac_bits);
  }
  return v;
}

int msb128(u128 v) {
  const uint64_t hi = uint64_t(v >> 64);
  return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll(uint64_t(v));
}

// How far a rounded-away fraction is from the integer below: FPRound's `error`.
enum class Error { None, BelowHalf, Half, AboveHalf };

// floor(mant * 2^-shift) and the fraction's category; sticky says bits below mant were
// non-zero.
u128 shift_right_classify(u128 mant, int shift, bool sticky, Error* err) {
  if (shift <= 0) {
    *err = sticky ? Error::BelowHalf : Error::None;
    return mant << -shift;
  }
  if (shift > msb128(mant) + 1) {  // the whole value is below one half
    *err = Error::BelowHalf;
    return 0;
  }
  const u128 rem = shift >= 128 ? mant : mant & ((u128(1) << shift) - 1);
  const u128 half = u128(1) << (shift - 1);
  const u128 q = shift >= 128 ? 0 : mant >> shift;
  if (rem == 0) *err = sticky ? Error::BelowHalf : Error::None;
  else if (rem < half) *err = Error::BelowHalf;
  else if (rem == half) *err = sticky ? Error::AboveHalf : Error::Half;
  else *err = Error::AboveHalf;
  return q;
}

// Whether rounding a magnitude with fraction err goes up (FPRound, FPRoundInt, FPToFixed):
// the rounding mode applied to |value|, with sign saying which way is towards +inf.
bool magnitude_rounds_up(Rounding rm, bool sign, Error err, bool odd) {
  switch (rm) {
    case Rounding::TieEven: return err == Error::AboveHalf || (err == Error::Half && odd);
    case Rounding::TieAway: return err == Error::AboveHalf || err == Error::Half;
    case Rounding::PosInf: return err != Error::None && !sign;
    case Rounding::NegInf: return err != Error::None && sign;
    default: return false;
  }
}

// FPRound: sign * (mant + sticky) * 2^exp to format f, mant != 0. Tininess is detected
// before rounding; FZ flushes a tiny result to zero with Underflow and no Inexact.
uint64_t round(Format f, bool sign, int exp, u128 mant, bool sticky, Rounding rm, Env& env) {
  const int F = int(f.frac_bits);
  const int minimum_exp = 1 - bias(f);
  const int exponent = exp + msb128(mant);  // value = 1.xxx * 2^exponent
  if (f.bits != 16 && (env.fpcr & kFpcrFZ) && exponent < minimum_exp) {
    env.flags |= kUFC;
    return zero(f, sign);
  }
  int biased_exp = std::max(exponent - minimum_exp + 1, 0);
  const int e_used = std::max(exponent, minimum_exp);
  Error err;
  u128 int_mant = shift_right_classify(mant, e_used - F - exp, sticky, &err);
  if (biased_exp == 0 && err != Error::None) env.flags |= kUFC;
  // Overflow goes to infinity when rounding could go that way, else to the largest normal.
  const bool overflow_to_inf = rm == Rounding::TieEven || rm == Rounding::TieAway ||
                               (rm == Rounding::PosInf && !sign) || (rm == Rounding::NegInf && sign);
  if (magnitude_rounds_up(rm, sign, err, int_mant & 1)) {
    ++int_mant;
    if (int_mant == (u128(1) << F)) biased_exp = 1;  // a denormal rounded up to the smallest normal
    if (int_mant == (u128(1) << (F + 1))) {
      ++biased_exp;
      int_mant >>= 1;
    }
  }
  if (rm == Rounding::Odd && err != Error::None) int_mant |= 1;
  bool inexact = err != Error::None;
  uint64_t result;
  if (!ahp_half(f, env)) {
    if (biased_exp >= int(exp_mask(f))) {
      result = overflow_to_inf ? infinity(f, sign) : max_normal(f, sign);
      env.flags |= kOFC;
      inexact = true;
    } else {
      result = zero(f, sign) | (uint64_t(biased_exp) << F) | (uint64_t(int_mant) & frac_mask(f));
    }
  } else {
    // Alternative half precision has no infinity: too large is Invalid Operation.
    if (biased_exp >= int(exp_mask(f)) + 1) {
      result = zero(f, sign) | 0x7fff;
      env.flags |= kIOC;
      inexact = false;
    } else {
      result = zero(f, sign) | (uint64_t(biased_exp) << F) | (uint64_t(int_mant) & frac_mask(f));
    }
  }
  if (inexact) env.flags |= kIXC;
  return result;
}

// FPProcessNaN: a signalling NaN raises Invalid Operation and is quietened; with
// FPCR.DN the result is the default NaN.
uint64_t process_nan(Format f, const Value& v, uint64_t bits, Env& env) {
  if (v.kind == Kind::SNaN) env.flags |= kIOC;
  if (env.fpcr & kFpcrDN) return default_nan(f);
  return bits | quiet_bit(f);
}

// FPProcessNaNs / FPProcessNaNs3: signalling NaNs first, in operand order, then quiet
// ones. True when the result is a NaN (in *out).
bool process_nans(Format f, const Value* v, const uint64_t* bits, int n, Env& env, uint64_t* out) {
  for (int i = 0; i < n; ++i)
    if (v[i].kind == Kind::SNaN) return *out = process_nan(f, v[i], bits[i], env), true;
  for (int i = 0; i < n; ++i)
    if (v[i].kind == Kind::QNaN) return *out = process_nan(f, v[i], bits[i], env), true;
  return false;
}

// FPUnpack of two operands and FPProcessNaNs on them: true when the result is a NaN (in
// *nan) and the operation is done.
bool unpack_operands(Format f, uint64_t a, uint64_t b, Env& env, Value v[2], uint64_t* nan) {
  v[0] = unpack(f, a, env);
  v[1] = unpack(f, b, env);
  const uint64_t bits[2] = {a, b};
  return process_nans(f, v, bits, 2, env, nan);
}

uint64_t invalid(Format f, Env& env) {
  env.flags |= kIOC;
  return default_nan(f);
}

// An exact sum of two finite values (each mant < 2^106), as a mantissa of up to 127 bits
// with a sticky bit. Returns false when the sum is exactly zero.
bool exact_sum(bool s1, int e1, u128 m1, bool s2, int e2, u128 m2, bool* sign, int* exp, u128* mant, bool* sticky) {
  // Normalise both so that their top bits are at position 124: headroom for the carry.
  const int n1 = 124 - msb128(m1), n2 = 124 - msb128(m2);
  m1 <<= n1;
  e1 -= n1;
  m2 <<= n2;
  e2 -= n2;
  if (e1 < e2 || (e1 == e2 && m1 < m2)) {
    std::swap(s1, s2);
    std::swap(e1, e2);
    std::swap(m1, m2);
  }
  // Now |1| >= |2|. Within two bits of each other, shift the larger left (exact);
  // otherwise shift the smaller right, keeping what falls off as the sticky bit.
  const int d = e1 - e2;
  *sticky = false;
  if (d <= 2) {
    m1 <<= d;
    e1 = e2;
  } else if (d >= 127) {
    *sticky = true;
    m2 = 0;
  } else {
    *sticky = (m2 & ((u128(1) << d) - 1)) != 0;
    m2 >>= d;
  }
  *sign = s1;
  *exp = e1;
  if (s1 == s2) {
    *mant = m1 + m2;
  } else {
    *mant = m1 - m2;
    if (*sticky) *mant -= 1;  // m1 - m2 - (a fraction): the floor is one lower
    if (*mant == 0 && !*sticky) return false;
  }
  return true;
}

// Rounds the exact sum of two non-zero finite values, scaled by 2^-halve; an exact zero
// is +0, or -0 when rounding towards minus infinity (FPAdd, FPMulAdd).
uint64_t round_sum(Format f, bool s1, int e1, u128 m1, bool s2, int e2, u128 m2, int halve, Env& env) {
  const Rounding rm = env.rounding();
  bool sign, sticky;
  int exp;
  u128 mant;
  if (!exact_sum(s1, e1, m1, s2, e2, m2, &sign, &exp, &mant, &sticky)) return zero(f, rm == Rounding::NegInf);
  return round(f, sign, exp - halve, mant, sticky, rm, env);
}

uint64_t add_values(Format f, const Value& a, const Value& b, Env& env) {
  const bool inf1 = a.kind == Kind::Inf, inf2 = b.kind == Kind::Inf;
  const bool zero1 = a.kind == Kind::Zero, zero2 = b.kind == Kind::Zero;
  if (inf1 && inf2 && a.sign != b.sign) return invalid(f, env);
  if ((inf1 && !a.sign) || (inf2 && !b.sign)) return infinity(f, false);
  if ((inf1 && a.sign) || (inf2 && b.sign)) return infinity(f, true);
  if (zero1 && zero2 && a.sign == b.sign) return zero(f, a.sign);
  const Rounding rm = env.rounding();
  if (zero1 && zero2) return zero(f, rm == Rounding::NegInf);
  if (zero1) return round(f, b.sign, b.exp, b.mant, false, rm, env);
  if (zero2) return round(f, a.sign, a.exp, a.mant, false, rm, env);
  return round_sum(f, a.sign, a.exp, a.mant, b.sign, b.exp, b.mant, 0, env);
}

uint64_t mul_impl(Format f, uint64_t a, uint64_t b, bool is_mulx, Env& env) {
  Value v[2];
  if (uint64_t r; unpack_operands(f, a, b, env, v, &r)) return r;
  const bool inf1 = v[0].kind == Kind::Inf, inf2 = v[1].kind == Kind::Inf;
  const bool zero1 = v[0].kind == Kind::Zero, zero2 = v[1].kind == Kind::Zero;
  const bool sign = v[0].sign != v[1].sign;
  if ((inf1 && zero2) || (zero1 && inf2)) {
    if (!is_mulx) return invalid(f, env);
    return zero(f, sign) | (uint64_t(bias(f)) + 1) << f.frac_bits;  // FPTwo(sign)
  }
  if (inf1 || inf2) return infinity(f, sign);
  if (zero1 || zero2) return zero(f, sign);
  return round(f, sign, v[0].exp + v[1].exp, u128(v[0].mant) * v[1].mant, false, env.rounding(), env);
}

// Compares the magnitudes of two non-NaN values: -1, 0 or 1.
int compare_magnitude(const Value& a, const Value& b) {
  auto rank = [](const Value& v) { return v.kind == Kind::Zero ? 0 : v.kind == Kind::Finite ? 1 : 2; };
  const int ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra != 1) return 0;  // both zero or both infinite
  const int ea = a.exp + msb128(a.mant), eb = b.exp + msb128(b.mant);
  if (ea != eb) return ea < eb ? -1 : 1;
  // Same leading exponent: align the mantissas (both < 2^64, so exponents differ by < 64).
  const int lo = std::min(a.exp, b.exp);
  const u128 xa = u128(a.mant) << (a.exp - lo), xb = u128(b.mant) << (b.exp - lo);
  return xa == xb ? 0 : xa < xb ? -1 : 1;
}

// Orders two non-NaN values; the zeros are equal.
bool less_than(const Value& a, const Value& b) {
  const bool neg_a = a.sign && a.kind != Kind::Zero, neg_b = b.sign && b.kind != Kind::Zero;
  if (neg_a != neg_b) return neg_a;
  const int c = compare_magnitude(a, b);
  return neg_a ? c > 0 : c < 0;
}

bool equal(const Value& a, const Value& b) { return !less_than(a, b) && !less_than(b, a); }

uint64_t minmax(Format f, uint64_t a, uint64_t b, bool is_max, Env& env) {
  Value v[2];
  if (uint64_t r; unpack_operands(f, a, b, env, v, &r)) return r;
  if (v[0].kind == Kind::Zero && v[1].kind == Kind::Zero)
    return zero(f, is_max ? (v[0].sign && v[1].sign) : (v[0].sign || v[1].sign));
  const bool first = is_max ? less_than(v[1], v[0]) : less_than(v[0], v[1]);
  const int i = first ? 0 : 1;
  // A denormal flushed by FZ is a zero here; every other value is returned as it is.
  if (v[i].kind == Kind::Zero) return zero(f, v[i].sign);
  return first ? a : b;
}

// FPMaxNum/FPMinNum: a quiet NaN against a number loses (becomes -inf for max, +inf for min).
uint64_t minmax_num(Format f, uint64_t a, uint64_t b, bool is_max, Env& env) {
  Env probe{env.fpcr};
  const Value va = unpack(f, a, probe), vb = unpack(f, b, probe);
  if (va.kind == Kind::QNaN && !vb.is_nan()) a = infinity(f, is_max);
  else if (!va.is_nan() && vb.kind == Kind::QNaN) b = infinity(f, is_max);
  return minmax(f, a, b, is_max, env);
}

// The integer part of a finite value's magnitude and the fraction's category.
u128 integer_part(const Value& v, int fbits, Error* err) {
  return shift_right_classify(v.mant, -(v.exp + fbits), false, err);
}

}  // namespace

uint64_t default_nan(Format f) { return infinity(f, false) | quiet_bit(f); }

uint64_t add(Format f, uint64_t a, uint64_t b, Env& env) {
  Value v[2];
  if (uint64_t r; unpack_operands(f, a, b, env, v, &r)) return r;
  return add_values(f, v[0], v[1], env);
}

uint64_t sub(Format f, uint64_t a, uint64_t b, Env& env) {
  // FPSub negates the second operand's value, not a NaN's sign: process NaNs on the
  // original bits first.
  Value v[2];
  if (uint64_t r; unpack_operands(f, a, b, env, v, &r)) return r;
  v[1].sign = !v[1].sign;
  return add_values(f, v[0], v[1], env);
}

uint64_t mul(Format f, uint64_t a, uint64_t b, Env& env) { return mul_impl(f, a, b, false, env); }
uint64_t mulx(Format f, uint64_t a, uint64_t b, Env& env) { return mul_impl(f, a, b, true, env); }

uint64_t div(Format f, uint64_t a, uint64_t b, Env& env) {
  Value v[2];
  if (uint64_t r; unpack_operands(f, a, b, env, v, &r)) return r;
  const bool inf1 = v[0].kind == Kind::Inf, inf2 = v[1].kind == Kind::Inf;
  const bool zero1 = v[0].kind == Kind::Zero, zero2 = v[1].kind == Kind::Zero;
  const bool sign = v[0].sign != v[1].sign;
  if ((inf1 && inf2) || (zero1 && zero2)) return invalid(f, env);
  if (inf1 || zero2) {
    if (!inf1) env.flags |= kDZC;
    return infinity(f, sign);
  }
  if (zero1 || inf2) return zero(f, sign);
  // Both mantissas normalised to bit 63: the quotient of (m1 << 64) / m2 has 64 or 65 bits.
  const int n1 = 63 - msb128(v[0].mant), n2 = 63 - msb128(v[1].mant);
  const u128 m1 = u128(v[0].mant) << n1, m2 = u128(v[1].mant) << n2;
  const u128 q = (m1 << 64) / m2, r = (m1 << 64) % m2;
  return round(f, sign, (v[0].exp - n1) - (v[1].exp - n2) - 64, q, r != 0, env.rounding(), env);
}

uint64_t sqrt(Format f, uint64_t a, Env& env) {
  const Value v = unpack(f, a, env);
  if (v.is_nan()) return process_nan(f, v, a, env);
  if (v.kind == Kind::Zero) return zero(f, v.sign);
  if (v.sign) return invalid(f, env);
  if (v.kind == Kind::Inf) return infinity(f, false);
  // mant * 2^exp with exp even and mant shifted up to ~120 bits: the integer square root
  // then has ~60 bits.
  int exp = v.exp;
  u128 m = v.mant;
  int shift = 120 - msb128(m);
  if ((exp - shift) & 1) ++shift;
  m <<= shift;
  exp -= shift;
  u128 r = u128(std::sqrt(static_cast<long double>(m)));
  while (r * r > m) --r;
  while ((r + 1) * (r + 1) <= m) ++r;
  return round(f, false, exp / 2, r, r * r != m, env.rounding(), env);
}

uint64_t muladd(Format f, uint64_t addend, uint64_t a, uint64_t b, Env& env) {
  const Value v[3] = {unpack(f, addend, env), unpack(f, a, env), unpack(f, b, env)};
  const uint64_t bits[3] = {addend, a, b};
  const bool inf1 = v[1].kind == Kind::Inf, inf2 = v[2].kind == Kind::Inf;
  const bool zero1 = v[1].kind == Kind::Zero, zero2 = v[2].kind == Kind::Zero;
  uint64_t nan;
  const bool done = process_nans(f, v, bits, 3, env, &nan);
  // A quiet NaN addend does not hide the invalid product inf * 0 (FPMulAdd).
  if (v[0].kind == Kind::QNaN && ((inf1 && zero2) || (zero1 && inf2))) return invalid(f, env);
  if (done) return nan;
  const Value& c = v[0];
  const bool inf_a = c.kind == Kind::Inf, zero_a = c.kind == Kind::Zero;
  const bool sign_p = v[1].sign != v[2].sign, inf_p = inf1 || inf2, zero_p = zero1 || zero2;
  if ((inf1 && zero2) || (zero1 && inf2) || (inf_a && inf_p && c.sign != sign_p)) return invalid(f, env);
  if ((inf_a && !c.sign) || (inf_p && !sign_p)) return infinity(f, false);
  if ((inf_a && c.sign) || (inf_p && sign_p)) return infinity(f, true);
  if (zero_a && zero_p && c.sign == sign_p) return zero(f, c.sign);
  const Rounding rm = env.rounding();
  if (zero_p) {
    if (zero_a) return zero(f, rm == Rounding::NegInf);
    return round(f, c.sign, c.exp, c.mant, false, rm, env);
  }
  const u128 pm = u128(v[1].mant) * v[2].mant;
  const int pe = v[1].exp + v[2].exp;
  if (zero_a) return round(f, sign_p, pe, pm, false, rm, env);
  return round_sum(f, c.sign, c.exp, c.mant, sign_p, pe, pm, 0, env);
}

namespace {
// The fused step of Newton-Raphson iterations: (k - a * b) / 2^halve, a negated first as
// the pseudocode does (so a NaN a comes out with its sign flipped).
uint64_t newton_step(Format f, uint64_t a, uint64_t b, unsigned k, int halve, Env& env) {
  a = neg(f, a);
  Value v[2];
  if (uint64_t r; unpack_operands(f, a, b, env, v, &r)) return r;
  const bool inf1 = v[0].kind == Kind::Inf, inf2 = v[1].kind == Kind::Inf;
  const bool zero1 = v[0].kind == Kind::Zero, zero2 = v[1].kind == Kind::Zero;
  const Rounding rm = env.rounding();
  if ((inf1 && zero2) || (zero1 && inf2) || zero1 || zero2)  // 2.0 or 1.5
    return round(f, false, -halve, k, false, rm, env);
  if (inf1 || inf2) return infinity(f, v[0].sign != v[1].sign);
  return round_sum(f, false, 0, k, v[0].sign != v[1].sign, v[0].exp + v[1].exp, u128(v[0].mant) * v[1].mant, halve,
                   env);
}
}  // namespace

uint64_t recip_step(Format f, uint64_t a, uint64_t b, Env& env) { return newton_step(f, a, b, 2, 0, env); }
uint64_t rsqrt_step(Format f, uint64_t a, uint64_t b, Env& env) { return newton_step(f, a, b, 3, 1, env); }

uint64_t max(Format f, uint64_t a, uint64_t b, Env& env) { return minmax(f, a, b, true, env); }
uint64_t min(Format f, uint64_t a, uint64_t b, Env& env) { return minmax(f, a, b, false, env); }
uint64_t maxnum(Format f, uint64_t a, uint64_t b, Env& env) { return minmax_num(f, a, b, true, env); }
uint64_t minnum(Format f, uint64_t a, uint64_t b, Env& env) { return minmax_num(f, a, b, false, env); }

uint32_t compare(Format f, uint64_t a, uint64_t b, bool signal_nans, Env& env) {
  const Value va = unpack(f, a, env), vb = unpack(f, b, env);
  if (va.is_nan() || vb.is_nan()) {
    if (signal_nans || va.kind == Kind::SNaN || vb.kind == Kind::SNaN) env.flags |= kIOC;
    return 0x3u << 28;
  }
  if (equal(va, vb)) return 0x6u << 28;
  if (less_than(va, vb)) return 0x8u << 28;
  return 0x2u << 28;
}

uint64_t convert(Format from, Format to, uint64_t v, Rounding rounding, Env& env) {
  const Value u = unpack(from, v, env, ahp_half(from, env));
  const bool alt_half_out = ahp_half(to, env);
  if (u.is_nan()) {
    if (alt_half_out) {
      env.flags |= kIOC;
      return zero(to, u.sign);
    }
    if (u.kind == Kind::SNaN) env.flags |= kIOC;
    if (env.fpcr & kFpcrDN) return default_nan(to);
    // FPConvertNaN: sign and the top fraction bits carried over, quiet bit set.
    const uint64_t frac = v & frac_mask(from);
    const uint64_t moved =
        to.frac_bits >= from.frac_bits ? frac << (to.frac_bits - from.frac_bits) : frac >> (from.frac_bits - to.frac_bits);
    return infinity(to, u.sign) | quiet_bit(to) | moved;
  }
  if (u.kind == Kind::Inf) {
    if (alt_half_out) {
      env.flags |= kIOC;
      return zero(to, u.sign) | 0x7fff;
    }
    return infinity(to, u.sign);
  }
  if (u.kind == Kind::Zero) return zero(to, u.sign);
  return round(to, u.sign, u.exp, u.mant, false, rounding, env);
}

uint64_t to_fixed(Format f, uint64_t v, unsigned fbits, bool is_unsigned, unsigned int_bits, Rounding rounding,
                  Env& env) {
  const Value u = unpack(f, v, env);
  const u128 limit_pos = is_unsigned ? (u128(1) << int_bits) - 1 : (u128(1) << (int_bits - 1)) - 1;
  const u128 limit_neg = is_unsigned ? 0 : u128(1) << (int_bits - 1);  // magnitude of the minimum
  const uint64_t mask = int_bits == 64 ? ~0ull : (1ull << int_bits) - 1;
  auto saturate = [&](bool negative) -> uint64_t {
    env.flags |= kIOC;
    if (negative) return is_unsigned ? 0 : (uint64_t(0) - uint64_t(limit_neg)) & mask;
    return uint64_t(limit_pos) & mask;
  };
  if (u.is_nan()) {
    env.flags |= kIOC;
    return 0;
  }
  if (u.kind == Kind::Inf) return saturate(u.sign);
  if (u.kind == Kind::Zero) return 0;
  // Too large to hold even before rounding: saturate without looking further.
  if (u.exp + int(fbits) + msb128(u.mant) >= int(int_bits) + 1) return saturate(u.sign);
  Error err;
  u128 mag = integer_part(u, int(fbits), &err);
  if (magnitude_rounds_up(rounding, u.sign, err, mag & 1)) ++mag;
  if (u.sign ? mag > limit_neg : mag > limit_pos) return saturate(u.sign);
  if (err != Error::None) env.flags |= kIXC;
  const uint64_t m = uint64_t(mag);
  return (u.sign ? uint64_t(0) - m : m) & mask;
}

uint64_t from_fixed(Format f, uint64_t v, unsigned int_bits, unsigned fbits, bool is_unsigned, Rounding rounding,
                    Env& env) {
  if (int_bits == 32) v = is_unsigned ? uint64_t(uint32_t(v)) : uint64_t(int64_t(int32_t(uint32_t(v))));
  const bool sign = !is_unsigned && int64_t(v) < 0;
  const uint64_t mag = sign ? uint64_t(0) - v : v;
  if (mag == 0) return zero(f, false);
  return round(f, sign, -int(fbits), mag, false, rounding, env);
}

uint64_t round_int(Format f, uint64_t v, Rounding rounding, bool exact, Env& env) {
  const Value u = unpack(f, v, env);
  if (u.is_nan()) return process_nan(f, u, v, env);
  if (u.kind == Kind::Inf) return infinity(f, u.sign);
  if (u.kind == Kind::Zero) return zero(f, u.sign);
  if (u.exp >= 0) return v;  // already an integer
  Error err;
  u128 mag = integer_part(u, 0, &err);
  if (magnitude_rounds_up(rounding, u.sign, err, mag & 1)) ++mag;
  if (exact && err != Error::None) env.flags |= kIXC;
  if (mag == 0) return zero(f, u.sign);
  Env quiet{env.fpcr & ~kFpcrFZ};  // an integer is exactly representable: no flags
  return round(f, u.sign, 0, mag, false, Rounding::Zero, quiet);
}

uint64_t expand_imm(Format f, uint8_t imm8) {
  // VFPExpandImm: sign = imm8<7>, exp = NOT(imm8<6>):Replicate(imm8<6>, E-3):imm8<5:4>,
  // frac = imm8<3:0>:Zeros(F-4).
  const uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1;
  const unsigned E = f.exp_bits, F = f.frac_bits;
  uint64_t exp = ((b6 ^ 1) << (E - 1)) | ((b6 ? (1ull << (E - 3)) - 1 : 0) << 2) | ((imm8 >> 4) & 3);
  return (sign << (f.bits - 1)) | (exp << F) | (uint64_t(imm8 & 15) << (F - 4));
}

}  // namespace bramble::fp
