// Element shapes and integer helpers shared by the Advanced SIMD handler files.
//
// Every AdvSIMD data-processing group has a vector form (0 Q U 0111x ...) and most have a
// scalar form (01 U 1111x ...) that differs only in bit 28 and operates on element 0
// alone; the shape functions here read that bit, so one element loop serves both
// (C4.1.90's encoding tables).
#pragma once

#include <cstdint>

#include "cpu/fp/arm_fp.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"
#include "cpu/vregs.h"

namespace bramble::interp {

using i128 = __int128;

// ebytes/esize: element size; elements: how many the instruction processes (1 for a
// scalar); q: whether the result is 128 bits (a 64-bit or scalar result zeroes the rest).
struct Shape {
  unsigned ebytes, esize, elements;
  bool q;
};
inline bool is_scalar_form(uint32_t w) { return bits(w, 28, 28); }
inline Shape shape_of(uint32_t w, unsigned ebytes) {
  if (is_scalar_form(w)) return {ebytes, 8 * ebytes, 1, false};
  const bool q = bits(w, 30, 30);
  return {ebytes, 8 * ebytes, (q ? 16u : 8u) / ebytes, q};
}
// Integer: element size from size (bits 23:22).
inline Shape int_shape(uint32_t w) { return shape_of(w, 1u << bits(w, 23, 22)); }
// FP: sz (bit 22) selects single or double.
inline Shape fp_shape(uint32_t w) { return shape_of(w, bits(w, 22, 22) ? 8 : 4); }
inline fp::Format fp_format(const Shape& sh) { return sh.ebytes == 8 ? fp::kDouble : sh.ebytes == 2 ? fp::kHalf : fp::kSingle; }

// An arm_fp operation on two operands (fp::add, fp::max, ...).
using FpBinary = uint64_t (*)(fp::Format, uint64_t, uint64_t, fp::Env&);

inline int64_t sx(uint64_t v, unsigned esize) { return sext(v, esize); }
inline uint64_t mask_of(unsigned esize) { return esize == 64 ? ~0ull : (1ull << esize) - 1; }

// Saturates x to the signed or unsigned range of esize bits; sets *sat when it had to.
inline uint64_t saturate(i128 x, unsigned esize, bool is_unsigned, bool* sat) {
  const i128 lo = is_unsigned ? 0 : -(i128(1) << (esize - 1));
  const i128 hi = is_unsigned ? (i128(1) << esize) - 1 : (i128(1) << (esize - 1)) - 1;
  if (x < lo) {
    *sat = true;
    x = lo;
  } else if (x > hi) {
    *sat = true;
    x = hi;
  }
  return uint64_t(x) & mask_of(esize);
}

// SQDMULH/SQRDMULH: the high half of the doubled product, optionally rounded; only
// min * min saturates.
inline uint64_t sqdmulh(uint64_t a, uint64_t b, unsigned esize, bool round, bool* sat) {
  const i128 product = 2 * i128(sx(a, esize)) * sx(b, esize) + (round ? i128(1) << (esize - 1) : 0);
  return saturate(product >> esize, esize, false, sat);
}

// ---- Long (widening) operations ----
// Shared by "three different" (C4.1.90: SMLAL, SQDMULL, SADDW...) and "by element"
// (SMLAL, SQDMULL... with an indexed Rm): element e of the result is 2 * esize bits wide,
// op(n, m, d, esize, sat) on operands already sign- or zero-extended: n is narrow element
// part + e of Rn (wide element e for the "W" forms), m is narrow element part + e of Rm,
// or element m_index of m_reg when m_index >= 0, and d the wide element e of Rd. The "2"
// forms (Q = 1) take the upper halves (part = elements); a scalar (bit 28) works on
// element 0 and zeroes the rest of Rd.
template <typename Op>
inline void long_op(Cpu& c, uint32_t w, unsigned m_reg, int m_index, bool is_unsigned, bool wide_n, Op&& op) {
  if (fp_access_trapped(c)) return;
  const unsigned eb = 1u << bits(w, 23, 22), esize = 8 * eb;
  const bool scalar = is_scalar_form(w);
  const unsigned elements = scalar ? 1 : 8 / eb;
  const unsigned part = !scalar && bits(w, 30, 30) ? elements : 0;
  const Lanes n = Lanes::of(c, rn(w)), m = Lanes::of(c, m_reg), d = Lanes::of(c, rd(w));
  auto ext = [&](uint64_t v, unsigned width) { return is_unsigned ? i128(v) : i128(sx(v, width)); };
  Lanes r{};
  bool sat = false;
  for (unsigned e = 0; e < elements; ++e) {
    const i128 a = wide_n ? ext(n.get(2 * eb, e), 2 * esize) : ext(n.get(eb, part + e), esize);
    const i128 b = ext(m.get(eb, m_index >= 0 ? unsigned(m_index) : part + e), esize);
    r.set(2 * eb, e, uint64_t(op(a, b, ext(d.get(2 * eb, e), 2 * esize), esize, &sat)) & mask_of(2 * esize));
  }
  if (sat) c.s.fpsr |= fp::kQC;
  set_vector(c, rd(w), r, !scalar);
  c.s.pc += 4;
}

// SQDMULL/SQDMLAL/SQDMLSL on signed esize-bit a, b (C7.2 SQDMLAL): the doubled product
// saturates to 2 * esize bits first (only min * min overflows) and that alone sets QC;
// then acc (+1, -1, or 0 for SQDMULL) adds or subtracts it from d, saturating again.
inline i128 sqdmull_acc(i128 a, i128 b, i128 d, unsigned esize, int acc, bool* sat) {
  const i128 product = sx(saturate(2 * a * b, 2 * esize, false, sat), 2 * esize);
  if (acc == 0) return product;
  return sx(saturate(acc > 0 ? d + product : d - product, 2 * esize, false, sat), 2 * esize);
}

}  // namespace bramble::interp
