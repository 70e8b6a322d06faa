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

}  // namespace bramble::interp
