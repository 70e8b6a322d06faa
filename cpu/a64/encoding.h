// The A64 encoding table's compile-time machinery.
//
// a64.inc is the single source of truth for instruction encodings. Each line is
//     A64(NAME, "capstone mnemonics", Class, "pattern")
// or a carve-out that is UNALLOCATED although a broader line would match it:
//     A64_UNALLOC("pattern", "why")
// A pattern lists the 32 bits from bit 31 down to bit 0 as space-separated tokens:
// a run of literal bits '0'/'1'/'x' ('x' = either value) or a named field NAME:WIDTH.
// A word matching an A64_UNALLOC line is UNALLOCATED, whatever named line it also
// matches: a carve-out is an explicit exception. Otherwise the word decodes to the
// matching named line with the most fixed bits; the table test proves that whenever two
// named lines match one word, one line's fixed bits are a strict superset of the other's
// (it is explicitly more specific), so the choice is unique.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace bramble::a64 {

// Arm ARM section C4.1 groups, refined where the tests need to tell operands apart.
enum class InsnClass : uint8_t {
  Unallocated,
  // C4.1.86 Data processing -- immediate
  PcRel, AddSubImm, LogicalImm, MoveWide, Bitfield, Extract,
  // C4.1.87 Branches, exception generating and system instructions
  CondBranch, ExceptionGen, Hint, Barrier, PState, SysInstr, SysReg,
  BranchReg, BranchImm, CompareBranch, TestBranch,
  // C4.1.88 Loads and stores (general registers)
  LdStExclusive, LdStOrdered, LdStLiteral, LdStPair, LdStUnscaled, LdStImmPost, LdStImmPre,
  LdStUnpriv, LdStRegOffset, LdStUnsignedImm,
  // C4.1.89 Data processing -- register
  LogicalReg, AddSubShifted, AddSubExtended, AddSubCarry, CondCompareReg, CondCompareImm,
  CondSelect, DataProc1, DataProc2, DataProc3,
  // SIMD&FP: loads/stores of V registers, and C4.1.90 data processing
  SimdLdSt, SimdLdStStruct, FpSimd, Crypto,
};

struct Field {
  std::string_view name;
  uint8_t lsb = 0;
  uint8_t width = 0;
  constexpr uint32_t extract(uint32_t word) const {
    return (word >> lsb) & ((width == 32) ? 0xffffffffu : ((1u << width) - 1u));
  }
};

inline constexpr int kMaxFields = 12;

struct Pattern {
  uint32_t mask = 0;   // 1 where the bit is fixed
  uint32_t value = 0;  // the fixed bits' values
  int nfields = 0;
  std::array<Field, kMaxFields> fields{};
  bool valid = false;  // false when the text does not add up to 32 bits

  constexpr bool matches(uint32_t word) const { return (word & mask) == value; }
  constexpr const Field* field(std::string_view name) const {
    for (int i = 0; i < nfields; ++i)
      if (fields[i].name == name) return &fields[i];
    return nullptr;
  }
};

// Parses a pattern at compile time. A malformed pattern yields valid == false, which
// the static_assert in decoder.cpp turns into a build error naming the entry.
constexpr Pattern parse_pattern(std::string_view text) {
  Pattern p;
  int bit = 32;  // next bit to fill is bit-1
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') { ++i; continue; }
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    std::string_view tok = text.substr(i, j - i);
    i = j;
    size_t colon = tok.find(':');
    if (colon == std::string_view::npos) {
      for (char c : tok) {
        if (--bit < 0) return Pattern{};
        if (c == '0' || c == '1') {
          p.mask |= 1u << bit;
          if (c == '1') p.value |= 1u << bit;
        } else if (c != 'x') {
          return Pattern{};
        }
      }
    } else {
      int width = 0;
      for (char c : tok.substr(colon + 1)) {
        if (c < '0' || c > '9') return Pattern{};
        width = width * 10 + (c - '0');
      }
      if (width <= 0 || bit - width < 0 || p.nfields == kMaxFields) return Pattern{};
      bit -= width;
      p.fields[p.nfields++] = Field{tok.substr(0, colon), uint8_t(bit), uint8_t(width)};
    }
  }
  p.valid = (bit == 0);
  return p;
}

// One identifier per named table line, in table order.
enum class InsnId : uint16_t {
#define A64(name, mnem, cls, pat) name,
#define A64_UNALLOC(pat, why)
#include "cpu/a64/a64.inc"
#undef A64
#undef A64_UNALLOC
  UNALLOCATED,
};
inline constexpr int kNumInsns = int(InsnId::UNALLOCATED);

struct Entry {
  InsnId id;
  std::string_view name;       // Arm ARM style, e.g. ADD_imm
  std::string_view mnemonics;  // what Capstone may print, '|'-separated (aliases included)
  InsnClass cls;
  std::string_view pattern_text;
  Pattern pattern;
  std::string_view why;        // for UNALLOCATED carve-outs
};

}  // namespace bramble::a64
