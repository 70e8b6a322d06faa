// Asynchronous exceptions at instruction boundaries (Arm ARM D1.10.x, D1.13.x): routing
// by SCR_EL3 and HCR_EL2, PSTATE masking only at the target level, and priority when
// several are pending. The board never raises SError, so this is where its path is
// tested. Expected values worked out from the Arm ARM: vector = VBAR_ELx + base (0x200
// current EL with SP_ELx, 0x400 lower EL) + 0x080 IRQ / 0x100 FIQ / 0x180 SError.
#include <gtest/gtest.h>

#include <cstring>

#include "cpu/cpu.h"
#include "tests/support/flat_memory.h"

namespace bramble {
namespace {

constexpr uint32_t kNop = 0xd503201f;
constexpr uint64_t kStart = 0x1000, kVbar1 = 0x10000, kVbar2 = 0x20000, kVbar3 = 0x30000;
constexpr uint64_t kScrIrq = 1u << 1, kScrEa = 1u << 3, kHcrImo = 1u << 4, kHcrAmo = 1u << 5;

class Interrupts : public ::testing::Test {
 protected:
  Interrupts() : cpu(mem, 0, nullptr) {
    for (uint64_t a = 0; a < mem.ram_size; a += 4) std::memcpy(mem.ram + a, &kNop, 4);
  }
  void start(unsigned el, uint32_t daif) {
    cpu.reset(kStart, el);
    cpu.s.vbar_el[1] = kVbar1;
    cpu.s.vbar_el[2] = kVbar2;
    cpu.s.vbar_el[3] = kVbar3;
    cpu.s.daif = daif;
  }
  // Runs one instruction: a NOP at kStart, or the first NOP of the vector taken first.
  void step() {
    cpu.interrupts_may_change();
    cpu.run(1);
  }
  test::FlatMemory mem;
  Cpu cpu;
};

TEST_F(Interrupts, SErrorMaskedByPstateAAtItsOwnLevel) {
  start(1, kDaifA);
  cpu.set_serror(true);
  step();
  EXPECT_EQ(cpu.s.el, 1u);
  EXPECT_EQ(cpu.s.pc, kStart + 4);  // not taken
  cpu.s.daif = 0;
  step();
  EXPECT_EQ(cpu.s.pc, kVbar1 + 0x200 + 0x180 + 4);
  EXPECT_EQ(cpu.s.esr_el[1], 0xbe000000u);  // EC 0x2F, IL, uncategorized
  EXPECT_EQ(cpu.s.elr_el[1], kStart + 4);
  EXPECT_EQ(cpu.s.daif, kDaifD | kDaifA | kDaifI | kDaifF);
  step();  // SError is an edge: taken once
  EXPECT_EQ(cpu.s.pc, kVbar1 + 0x200 + 0x180 + 8);
}

TEST_F(Interrupts, SErrorBeforeFiqBeforeIrq) {
  start(1, 0);
  cpu.set_irq(true);
  cpu.set_fiq(true);
  cpu.set_serror(true);
  step();
  EXPECT_EQ(cpu.s.pc, kVbar1 + 0x200 + 0x180 + 4);
  cpu.s.daif = kDaifA;  // back in the handler's code: only A kept
  step();
  EXPECT_EQ(cpu.s.pc, kVbar1 + 0x200 + 0x100 + 4);  // FIQ next
  EXPECT_EQ(cpu.s.spsr_el[1] & 0x3c0u, kDaifA);
  cpu.s.daif = kDaifF;
  step();
  EXPECT_EQ(cpu.s.pc, kVbar1 + 0x200 + 0x080 + 4);  // then IRQ
}

TEST_F(Interrupts, RoutedToAHigherLevelIgnoresTheMask) {
  start(1, kDaifA | kDaifI);
  cpu.s.hcr_el2 |= kHcrAmo;  // SError to EL2
  cpu.set_serror(true);
  step();
  EXPECT_EQ(cpu.s.el, 2u);
  EXPECT_EQ(cpu.s.pc, kVbar2 + 0x400 + 0x180 + 4);
  EXPECT_EQ(cpu.s.spsr_el[2], uint64_t(kDaifA | kDaifI | 0x5));  // from EL1h with A and I set
}

TEST_F(Interrupts, NotTakenToALowerLevel) {
  start(2, 0);  // IRQ routed to EL1 (IMO clear) while running at EL2
  cpu.set_irq(true);
  step();
  EXPECT_EQ(cpu.s.el, 2u);
  EXPECT_EQ(cpu.s.pc, kStart + 4);
  cpu.s.hcr_el2 |= kHcrImo;  // now routed to EL2, unmasked
  step();
  EXPECT_EQ(cpu.s.pc, kVbar2 + 0x200 + 0x080 + 4);
}

TEST_F(Interrupts, ScrRoutesToEl3) {
  start(2, kDaifA | kDaifI | kDaifF);
  cpu.s.scr_el3 |= kScrEa | kScrIrq;
  cpu.set_irq(true);
  cpu.set_serror(true);
  step();
  EXPECT_EQ(cpu.s.el, 3u);
  EXPECT_EQ(cpu.s.pc, kVbar3 + 0x400 + 0x180 + 4);
  EXPECT_EQ(cpu.s.esr_el[3], 0xbe000000u);
  // At EL3 with everything masked, the IRQ routed to EL3 waits.
  step();
  EXPECT_EQ(cpu.s.pc, kVbar3 + 0x400 + 0x180 + 8);
}

TEST_F(Interrupts, WfiWakesOnAMaskedInterrupt) {
  start(1, kDaifI);
  const uint32_t wfi = 0xd503207f;
  std::memcpy(mem.ram + kStart, &wfi, 4);
  step();
  EXPECT_TRUE(cpu.waiting());
  cpu.set_irq(true);  // masked: wakes the core (D1.17.2) but is not taken
  step();
  EXPECT_FALSE(cpu.waiting());
  EXPECT_EQ(cpu.s.pc, kStart + 8);
}

}  // namespace
}  // namespace bramble
