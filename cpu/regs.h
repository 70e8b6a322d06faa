// Register-file access for instruction semantics. Register number 31 means XZR or SP
// depending on the operand (Arm ARM C1.2.5); the accessor names say which.
#pragma once

#include <cstdint>

#include "cpu/cpu.h"

namespace bramble {

inline uint64_t xr(const Cpu& c, unsigned r) { return r == 31 ? 0 : c.s.x[r]; }          // Xn|XZR
inline uint64_t xsp(const Cpu& c, unsigned r) { return c.s.x[r]; }                      // Xn|SP
inline void set_xr(Cpu& c, unsigned r, uint64_t v) { c.s.x[r == 31 ? 32 : r] = v; }     // Xd|XZR
inline void set_xsp(Cpu& c, unsigned r, uint64_t v) { c.s.x[r] = v; }                   // Xd|SP
// Writes of a 32-bit result zero-extend into the X register (B1.2.1).
inline void set_wr(Cpu& c, unsigned r, uint32_t v) { set_xr(c, r, v); }
inline void set_reg(Cpu& c, bool sf, unsigned r, uint64_t v) { set_xr(c, r, sf ? v : uint32_t(v)); }
inline void set_reg_sp(Cpu& c, bool sf, unsigned r, uint64_t v) { set_xsp(c, r, sf ? v : uint32_t(v)); }

// Standard field positions shared by most encodings.
inline constexpr unsigned rd(uint32_t w) { return w & 31; }
inline constexpr unsigned rn(uint32_t w) { return (w >> 5) & 31; }
inline constexpr unsigned rm(uint32_t w) { return (w >> 16) & 31; }
inline constexpr unsigned ra(uint32_t w) { return (w >> 10) & 31; }
inline constexpr unsigned rt2(uint32_t w) { return (w >> 10) & 31; }
inline constexpr unsigned rs(uint32_t w) { return (w >> 16) & 31; }
inline constexpr bool sf(uint32_t w) { return w >> 31; }
inline constexpr uint32_t bits(uint32_t w, unsigned hi, unsigned lo) {
  return (w >> lo) & ((2u << (hi - lo)) - 1u);
}
inline constexpr int64_t sext(uint64_t v, unsigned width) {
  return int64_t(v << (64 - width)) >> (64 - width);
}

}  // namespace bramble
