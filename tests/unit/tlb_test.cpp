// The architectural TLB's invalidation rules (Arm ARM C5.5, TLBI): which entries each
// operation removes, by regime, ASID, global bit and VA, for pages and blocks alike.
#include <gtest/gtest.h>

#include "cpu/mmu.h"

using namespace bramble;

namespace {
Translation entry(uint64_t va, unsigned size_log2, bool global, uint16_t asid) {
  Translation t;
  t.va_base = va & ~((1ull << size_log2) - 1);
  t.pa_base = 0x1000000;
  t.size_log2 = uint8_t(size_log2);
  t.global = global;
  t.asid = asid;
  return t;
}
}  // namespace

TEST(Tlb, ANonGlobalEntryMatchesOnlyItsAsidAndAGlobalOneEvery) {
  Tlb tlb;
  tlb.insert(1, entry(0x400000, 12, false, 5));
  tlb.insert(1, entry(0xffff000000200000ull, 21, true, 0));
  EXPECT_NE(tlb.lookup(1, 5, 0x400123), nullptr);
  EXPECT_EQ(tlb.lookup(1, 6, 0x400123), nullptr);
  EXPECT_NE(tlb.lookup(1, 6, 0xffff0000003fffffull), nullptr);  // inside the 2 MiB block
  EXPECT_EQ(tlb.lookup(2, 6, 0xffff000000200000ull), nullptr);  // another regime
}

TEST(Tlb, InvalidateByVaRemovesTheWholeBlockContainingIt) {
  Tlb tlb;
  tlb.insert(1, entry(0x40000000, 21, true, 0));  // 2 MiB block
  tlb.insert(1, entry(0x40200000, 12, true, 0));  // the next page
  tlb.invalidate_va(1, 0x401ff000, false, 0);     // the block's last page
  EXPECT_EQ(tlb.lookup(1, 0, 0x40000000), nullptr);
  EXPECT_NE(tlb.lookup(1, 0, 0x40200000), nullptr);
}

TEST(Tlb, InvalidateByVaAndAsidKeepsOtherAsidsAndAllAsidsDoesNot) {
  Tlb tlb;
  tlb.insert(1, entry(0x400000, 12, false, 1));
  tlb.insert(1, entry(0x400000, 12, false, 2));
  tlb.invalidate_va(1, 0x400000, false, 1);  // TLBI VAE1, ASID 1
  EXPECT_EQ(tlb.lookup(1, 1, 0x400000), nullptr);
  EXPECT_NE(tlb.lookup(1, 2, 0x400000), nullptr);
  tlb.insert(1, entry(0x400000, 12, false, 1));
  tlb.invalidate_va(1, 0x400000, true, 0);  // TLBI VAAE1: every ASID
  EXPECT_EQ(tlb.lookup(1, 1, 0x400000), nullptr);
  EXPECT_EQ(tlb.lookup(1, 2, 0x400000), nullptr);
}

TEST(Tlb, InvalidateByAsidSparesGlobalEntriesAndOtherRegimes) {
  Tlb tlb;
  tlb.insert(1, entry(0x400000, 12, false, 3));
  tlb.insert(1, entry(0x800000, 12, true, 0));
  tlb.insert(2, entry(0x400000, 12, true, 0));
  tlb.invalidate_asid(1, 3);  // TLBI ASIDE1
  EXPECT_EQ(tlb.lookup(1, 3, 0x400000), nullptr);
  EXPECT_NE(tlb.lookup(1, 3, 0x800000), nullptr);
  EXPECT_NE(tlb.lookup(2, 0, 0x400000), nullptr);
  tlb.invalidate_regime(1);  // TLBI VMALLE1
  EXPECT_EQ(tlb.lookup(1, 3, 0x800000), nullptr);
  EXPECT_NE(tlb.lookup(2, 0, 0x400000), nullptr);
}

TEST(Tlb, TheTopByteNeverTakesPartInAMatch) {
  // With TBI the top byte is ignored; without it the walk faults such an address before
  // the TLB is consulted (Cpu::tlb_fill), so the key may drop it.
  Tlb tlb;
  tlb.insert(1, entry(0x400000, 12, true, 0));
  EXPECT_NE(tlb.lookup(1, 0, 0x5a00000000400010ull), nullptr);
  tlb.invalidate_va(1, 0x400000, true, 0);
  EXPECT_EQ(tlb.lookup(1, 0, 0x400000), nullptr);
}
