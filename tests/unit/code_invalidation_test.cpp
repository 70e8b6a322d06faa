// Stores into a page that holds decoded code drop exactly the blocks they overwrite.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "cpu/cpu.h"
#include "cpu/memory_access.h"
#include "tests/support/flat_memory.h"

using namespace bramble;
using test::FlatMemory;
using test::StopOnHlt;

namespace {
// At 0x2000: movz x0, #1; hlt #0xb0b (assembled with aarch64-linux-gnu-as).
constexpr uint32_t kMovz1 = 0xd2800020, kMovz7 = 0xd28000e0, kHlt = 0xd4416160;
}  // namespace

TEST(CodeInvalidation, DataStoresBesideCodeKeepItAndStoresOverCodeDropIt) {
  FlatMemory mem;
  StopOnHlt hook;
  Cpu cpu(mem, 0, &hook);
  std::memcpy(mem.ram + 0x2000, &kMovz1, 4);
  std::memcpy(mem.ram + 0x2004, &kHlt, 4);
  cpu.reset(0x2000, 1);
  test::normal_memory_with_mmu_off(cpu);
  cpu.run(10);
  EXPECT_EQ(cpu.s.x[0], 1u);
  EXPECT_EQ(cpu.stats.blocks_decoded, 1u);

  // Data in the same page, after the code: nothing is dropped.
  store<uint64_t>(cpu, 0x2100, 42);
  store<uint32_t>(cpu, 0x2008, 7);  // the word right after the HLT
  EXPECT_EQ(cpu.stats.invalidations, 0u);
  cpu.clear_stop();
  cpu.s.pc = 0x2000;
  cpu.run(10);
  EXPECT_EQ(cpu.stats.blocks_decoded, 1u);

  // Over the first instruction: the block goes and the new instruction runs.
  store<uint32_t>(cpu, 0x2000, kMovz7);
  EXPECT_EQ(cpu.stats.invalidations, 1u);
  cpu.clear_stop();
  cpu.s.pc = 0x2000;
  cpu.run(10);
  EXPECT_EQ(cpu.s.x[0], 7u);
  EXPECT_EQ(cpu.stats.blocks_decoded, 2u);

  // A store straddling the end of the code (one byte of the HLT) drops it too.
  store<uint16_t>(cpu, 0x2007, 0xd4d4);
  EXPECT_EQ(cpu.stats.invalidations, 2u);
}
