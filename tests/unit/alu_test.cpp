// The shared integer rules against values from the Arm ARM and from standard references.
#include <gtest/gtest.h>

#include "cpu/alu.h"

using namespace bramble::alu;

TEST(Alu, AddWithCarryFlags) {
  uint32_t f;
  EXPECT_EQ(add_with_carry(0x7fffffff, 1, false, false, &f), 0x80000000u);
  EXPECT_EQ(f, 0x90000000u);  // N and V
  EXPECT_EQ(add_with_carry(0xffffffffffffffffull, 1, false, true, &f), 0u);
  EXPECT_EQ(f, 0x60000000u);  // Z and C
  // SUBS 5 - 5 = NOT(5) + 5 + 1: Z and C (no borrow).
  EXPECT_EQ(add_with_carry(5, ~5ull, true, true, &f), 0u);
  EXPECT_EQ(f, 0x60000000u);
}

TEST(Alu, DecodeBitMasksKnownImmediates) {
  // N=0 immr=0 imms=0b111100 : 0x5555... (2-bit element "01")
  EXPECT_EQ(decode_bit_masks(0, 0x3c, 0, true).wmask, 0x5555555555555555ull);
  // N=1 immr=0 imms=0 : 1
  EXPECT_EQ(decode_bit_masks(1, 0, 0, true).wmask, 1ull);
  // N=1 immr=1 imms=0 : 0x8000000000000000
  EXPECT_EQ(decode_bit_masks(1, 0, 1, true).wmask, 0x8000000000000000ull);
  // 32-bit: N=0 immr=0 imms=0b011110 : 0x7fffffff in each 32-bit half
  EXPECT_EQ(decode_bit_masks(0, 0x1e, 0, true).wmask, 0x7fffffff7fffffffull);
  // 8-bit element 0x0f rotated right by 4 -> 0xf0
  EXPECT_EQ(decode_bit_masks(0, 0x33, 4, true).wmask, 0xf0f0f0f0f0f0f0f0ull);
  EXPECT_FALSE(decode_bit_masks(1, 0x3f, 0, true).valid);
  EXPECT_FALSE(decode_bit_masks(0, 0x3e, 0, true).valid);
}

TEST(Alu, CrcMatchesTheStandardCheckValues) {
  // The published check values of CRC-32 and CRC-32C over "123456789" use initial value
  // and final XOR 0xffffffff, which the instructions leave to software.
  const char* s = "123456789";
  uint32_t a = 0xffffffff, b = 0xffffffff;
  for (int i = 0; i < 9; ++i) {
    a = crc32_update(a, uint8_t(s[i]), 1, false);
    b = crc32_update(b, uint8_t(s[i]), 1, true);
  }
  EXPECT_EQ(a ^ 0xffffffff, 0xCBF43926u);
  EXPECT_EQ(b ^ 0xffffffff, 0xE3069283u);
}

TEST(Alu, ConditionHolds) {
  EXPECT_TRUE(condition_holds(0, 0x40000000));    // EQ with Z
  EXPECT_FALSE(condition_holds(1, 0x40000000));   // NE with Z
  EXPECT_TRUE(condition_holds(14, 0));            // AL
  EXPECT_TRUE(condition_holds(15, 0));            // NV behaves as AL
  EXPECT_TRUE(condition_holds(10, 0x90000000));   // GE: N == V
  EXPECT_FALSE(condition_holds(12, 0xd0000000));  // GT: Z set
}

TEST(Alu, ConditionTableEqualsThePseudocode) {
  for (unsigned cond = 0; cond < 16; ++cond)
    for (unsigned f = 0; f < 16; ++f)
      EXPECT_EQ(condition_holds(cond, f << 28), condition_holds_slow(cond, f << 28)) << cond << " " << f;
}

// The closed forms of the bitfield moves against DecodeBitMasks and the C6.2 pseudocode,
// for every allocated immr/imms of both widths and a spread of operands.
TEST(Alu, BitfieldClosedFormsEqualThePseudocode) {
  const uint64_t values[] = {0, ~0ull, 0x8000000000000000ull, 0x0123456789abcdefull, 0xfedcba9876543210ull, 0x80000000ull, 1};
  for (unsigned width : {32u, 64u}) {
    for (unsigned r = 0; r < width; ++r) {
      for (unsigned s = 0; s < width; ++s) {
        const BitMasks m = decode_bit_masks(width == 64, s, r, false);
        ASSERT_TRUE(m.valid);
        const uint64_t wmask = width == 64 ? m.wmask : uint32_t(m.wmask);
        const uint64_t tmask = width == 64 ? m.tmask : uint32_t(m.tmask);
        const uint64_t all = width == 64 ? ~0ull : 0xffffffffull;
        for (uint64_t v0 : values) {
          const uint64_t src = v0 & all, dst = ~v0 & all;
          const uint64_t rot = ror(src, r, width);
          const uint64_t top = ((src >> s) & 1) ? all : 0;
          EXPECT_EQ(ubfm(src, r, s, width), rot & wmask & tmask) << width << " " << r << " " << s;
          EXPECT_EQ(sbfm(src, r, s, width), ((top & ~tmask) | (rot & wmask & tmask)) & all) << width << " " << r << " " << s;
          const uint64_t bot = (dst & ~wmask) | (rot & wmask);
          EXPECT_EQ(bfm(dst, src, r, s, width), (dst & ~tmask) | (bot & tmask)) << width << " " << r << " " << s;
        }
      }
    }
  }
}
