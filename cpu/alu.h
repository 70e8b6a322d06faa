// Integer semantics shared by both tiers: the Arm ARM's shared pseudocode (J1) as C++.
#pragma once

#include <array>
#include <cstdint>

namespace bramble::alu {

// AddWithCarry (J1.1.3 shared/functions/integer), for 32- or 64-bit operands. The flags
// come back packed as NZCV in bits 31..28.
inline uint64_t add_with_carry(uint64_t x, uint64_t y, bool carry_in, bool is64, uint32_t* nzcv) {
  uint64_t r;
  uint32_t n, z, c, v;
  if (is64) {
    const unsigned __int128 u = (unsigned __int128)x + y + carry_in;
    r = uint64_t(u);
    c = uint32_t(u >> 64);
    v = uint32_t(((~(x ^ y) & (x ^ r)) >> 63) & 1);
    n = uint32_t(r >> 63);
    z = r == 0;
  } else {
    const uint64_t u = uint64_t(uint32_t(x)) + uint32_t(y) + carry_in;
    const uint32_t r32 = uint32_t(u);
    r = r32;
    c = uint32_t(u >> 32);
    v = ((~(uint32_t(x) ^ uint32_t(y)) & (uint32_t(x) ^ r32)) >> 31) & 1;
    n = r32 >> 31;
    z = r32 == 0;
  }
  *nzcv = (n << 31) | (z << 30) | (c << 29) | (v << 28);
  return r;
}

// NZ from a logical result, C = V = 0.
inline uint32_t logic_flags(uint64_t r, bool is64) {
  const uint64_t v = is64 ? r : uint32_t(r);
  const uint32_t n = is64 ? uint32_t(v >> 63) : uint32_t(v >> 31);
  return (n << 31) | (uint32_t(v == 0) << 30);
}

// ConditionHolds (J1.2.3 shared/functions/system).
constexpr bool condition_holds_slow(unsigned cond, uint32_t nzcv) {
  const bool n = nzcv >> 31, z = (nzcv >> 30) & 1, c = (nzcv >> 29) & 1, v = (nzcv >> 28) & 1;
  bool r;
  switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = n == v && !z; break;
    default: r = true; break;
  }
  return ((cond & 1) && cond != 15) ? !r : r;
}

// The same as a table: bit f of kConditionTable[cond] says whether cond holds when the
// flags NZCV (as a 4-bit number) are f. One load and a shift instead of a switch.
inline constexpr std::array<uint16_t, 16> kConditionTable = [] {
  std::array<uint16_t, 16> t{};
  for (unsigned cond = 0; cond < 16; ++cond)
    for (unsigned f = 0; f < 16; ++f)
      if (condition_holds_slow(cond, f << 28)) t[cond] |= uint16_t(1u << f);
  return t;
}();

inline bool condition_holds(unsigned cond, uint32_t nzcv) { return (kConditionTable[cond & 15] >> (nzcv >> 28)) & 1; }

inline uint64_t ror(uint64_t x, unsigned amount, unsigned width) {
  amount &= width - 1;  // width is 32 or 64
  if (amount == 0) return x;
  if (width == 64) return (x >> amount) | (x << (64 - amount));
  const uint32_t x32 = uint32_t(x);
  return uint32_t((x32 >> amount) | (x32 << (32 - amount)));
}

// ShiftReg (C6.2 "shifted register" operands): type 0 LSL, 1 LSR, 2 ASR, 3 ROR.
inline uint64_t shift_reg(uint64_t x, unsigned type, unsigned amount, bool is64) {
  if (!is64) {
    const uint32_t v = uint32_t(x);
    switch (type) {
      case 0: return uint32_t(v << amount);
      case 1: return v >> amount;
      case 2: return uint32_t(int32_t(v) >> amount);
      default: return ror(v, amount, 32);
    }
  }
  switch (type) {
    case 0: return x << amount;
    case 1: return x >> amount;
    case 2: return uint64_t(int64_t(x) >> amount);
    default: return ror(x, amount, 64);
  }
}

// ExtendReg (C6.2 "extended register" operands): option selects UXTB..SXTX, then LSL.
inline uint64_t extend_reg(uint64_t x, unsigned option, unsigned shift) {
  uint64_t v;
  switch (option) {
    case 0: v = uint8_t(x); break;
    case 1: v = uint16_t(x); break;
    case 2: v = uint32_t(x); break;
    case 3: v = x; break;
    case 4: v = uint64_t(int64_t(int8_t(x))); break;
    case 5: v = uint64_t(int64_t(int16_t(x))); break;
    case 6: v = uint64_t(int64_t(int32_t(x))); break;
    default: v = x; break;
  }
  return v << shift;
}

inline uint64_t ones(unsigned n) { return n >= 64 ? ~0ull : ((1ull << n) - 1); }

inline uint64_t replicate(uint64_t elem, unsigned esize) {
  if (esize >= 64) return elem;
  uint64_t r = 0;
  for (unsigned i = 0; i < 64; i += esize) r |= elem << i;
  return r;
}

struct BitMasks {
  uint64_t wmask, tmask;
  bool valid;
};

// DecodeBitMasks (J1.1.3 aarch64/instrs/integer/bitmasks). immediate = true for the
// logical-immediate instructions, false for the bitfield moves. Results are 64 bits wide;
// a 32-bit caller uses the low half.
inline BitMasks decode_bit_masks(unsigned n, unsigned imms, unsigned immr, bool immediate) {
  const unsigned combined = (n << 6) | (~imms & 0x3f);
  if (combined == 0) return {0, 0, false};
  const unsigned len = 31 - __builtin_clz(combined);
  if (len < 1) return {0, 0, false};
  const unsigned levels = unsigned(ones(len));
  if (immediate && (imms & levels) == levels) return {0, 0, false};
  const unsigned s = imms & levels, r = immr & levels;
  const unsigned diff = (s - r) & 0x3f;
  const unsigned esize = 1u << len;
  const unsigned d = diff & levels;
  const uint64_t welem = ones(s + 1);
  const uint64_t telem = ones(d + 1);
  // ROR within one element of esize bits.
  const uint64_t wrot =
      r == 0 ? welem : ((welem >> r) | (welem << (esize - r))) & ones(esize);
  return {replicate(wrot, esize), replicate(telem, esize), true};
}

// The bitfield moves in closed form (tier 0's hot path; the JIT evaluates DecodeBitMasks
// at translation time instead). For the encodings the table allows (immr, imms < width)
// these equal the C6.2 pseudocode: with imms >= immr the field src<imms:immr> moves down
// to bit 0 (UBFX/SBFX/BFXIL), otherwise src<imms:0> moves up to bit width - immr
// (UBFIZ/SBFIZ/BFI, LSL).
inline uint64_t ubfm(uint64_t src, unsigned immr, unsigned imms, unsigned width) {
  if (imms >= immr) return (src >> immr) & ones(imms - immr + 1);
  return (src & ones(imms + 1)) << (width - immr);
}

inline uint64_t sbfm(uint64_t src, unsigned immr, unsigned imms, unsigned width) {
  const uint64_t r = imms >= immr
                         ? uint64_t(int64_t(src << (63 - imms)) >> (63 - imms + immr))     // sign-extend the field
                         : uint64_t(int64_t(src << (63 - imms)) >> (63 - imms)) << (width - immr);
  return width == 64 ? r : uint32_t(r);
}

inline uint64_t bfm(uint64_t dst, uint64_t src, unsigned immr, unsigned imms, unsigned width) {
  uint64_t field, mask;
  if (imms >= immr) {
    mask = ones(imms - immr + 1);
    field = (src >> immr) & mask;
  } else {
    mask = ones(imms + 1) << (width - immr);
    field = (src << (width - immr)) & mask;
  }
  return (dst & ~mask) | field;
}

// CRC32 / CRC32C (C6.2.71): reflected polynomials, no initial or final inversion.
struct CrcTable {
  std::array<uint32_t, 256> t{};
  constexpr explicit CrcTable(uint32_t poly_reflected) {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c >> 1) ^ ((c & 1) ? poly_reflected : 0);
      t[i] = c;
    }
  }
};
inline constexpr CrcTable kCrc32Table{0xEDB88320u};
inline constexpr CrcTable kCrc32cTable{0x82F63B78u};

inline uint32_t crc32_update(uint32_t acc, uint64_t value, unsigned bytes, bool castagnoli) {
  const auto& t = castagnoli ? kCrc32cTable.t : kCrc32Table.t;
  for (unsigned i = 0; i < bytes; ++i) acc = (acc >> 8) ^ t[(acc ^ uint8_t(value >> (8 * i))) & 0xff];
  return acc;
}

}  // namespace bramble::alu
