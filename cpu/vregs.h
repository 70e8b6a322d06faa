// SIMD&FP register-file access for instruction semantics. A write of a scalar or a
// 64-bit vector zeroes the rest of the 128-bit register (Arm ARM B1.2.2, "V register
// writes"); CpuState::v[r][0] is the low 64 bits.
#pragma once

#include <cstdint>

#include "cpu/cpu.h"

namespace bramble {

inline uint64_t vlow(const Cpu& c, unsigned r, unsigned bits) {
  const uint64_t v = c.s.v[r][0];
  return bits == 64 ? v : v & ((1ull << bits) - 1);
}
inline void set_vscalar(Cpu& c, unsigned r, uint64_t v, unsigned bits) {
  c.s.v[r][0] = bits == 64 ? v : v & ((1ull << bits) - 1);
  c.s.v[r][1] = 0;
}
inline void set_v128(Cpu& c, unsigned r, uint64_t lo, uint64_t hi) {
  c.s.v[r][0] = lo;
  c.s.v[r][1] = hi;
}

}  // namespace bramble
