// SIMD&FP register-file access for instruction semantics. A write of a scalar or a
// 64-bit vector zeroes the rest of the 128-bit register (Arm ARM B1.2.2, "V register
// writes"); CpuState::v[r][0] is the low 64 bits.
#pragma once

#include <cstdint>
#include <cstring>

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

// A copy of a 128-bit register with element access: element i of ebytes bytes sits at
// byte i * ebytes (lanes are little-endian, as in the architecture's Elem[]).
struct Lanes {
  uint8_t b[16];
  static Lanes of(const Cpu& c, unsigned r) {
    Lanes l;
    std::memcpy(l.b, c.s.v[r], 16);
    return l;
  }
  uint64_t get(unsigned ebytes, unsigned i) const {
    uint64_t x = 0;
    std::memcpy(&x, b + i * ebytes, ebytes);
    return x;
  }
  void set(unsigned ebytes, unsigned i, uint64_t x) { std::memcpy(b + i * ebytes, &x, ebytes); }
};

// Writes a vector result: a 64-bit one (Q = 0) zeroes the upper half.
inline void set_vector(Cpu& c, unsigned r, const Lanes& v, bool q) {
  std::memcpy(c.s.v[r], v.b, 16);
  if (!q) c.s.v[r][1] = 0;
}

}  // namespace bramble
