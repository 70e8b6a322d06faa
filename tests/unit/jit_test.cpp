// Translated code computes what the architecture says, in loops and around tier-0
// helpers; and when LLVM fails, the block stays in tier 0: a message, never a wrong result.
#include <gtest/gtest.h>

#include <nmmintrin.h>

#include <cstring>
#include <vector>

#include "cpu/cpu.h"
#include "cpu/memory_access.h"
#include "jit/jit_engine.h"
#include "tests/support/flat_memory.h"

using namespace bramble;
using test::FlatMemory;
using test::StopOnHlt;

namespace {

// x0 = 100 + 99 + ... + 1, then HLT (assembled with aarch64-linux-gnu-as):
//   mov x0, #0; mov x1, #100; 1: add x0, x0, x1; subs x1, x1, #1; b.ne 1b; hlt #0xb0b
const uint32_t kSumProgram[] = {0xd2800000, 0xd2800c81, 0x8b010000, 0xf1000421, 0x54ffffc1, 0xd4416160};

// A self-loop whose body calls a tier-0 handler (CRC32CX has no inline IR) and writes a
// register after it, so the loop must write back and reload around the call:
//   movn w0, #0; mov x1, #0x1234; mov x2, #1000
//   1: crc32cx w0, w0, x1; add x1, x1, #7; subs x2, x2, #1; b.ne 1b; hlt #0xb0b
const uint32_t kCrcLoop[] = {0x12800000, 0xd2824681, 0xd2807d02, 0x9ac15c00,
                             0x91001c21, 0xf1000442, 0x54ffffa1, 0xd4416160};

// A loop of three blocks (an odd/even split inside the body), one of which calls a
// tier-0 handler; translated as one region with internal edges in mode On:
//   movn w0, #0; mov x1, #0x1234; mov x2, #1000
//   1: tbz x2, #0, 2f; crc32cx w0, w0, x1; 2: add x1, x1, #7; subs x2, x2, #1; b.ne 1b
//   hlt #0xb0b
const uint32_t kCrcBranchyLoop[] = {0x12800000, 0xd2824681, 0xd2807d02, 0x36000042, 0x9ac15c00,
                                    0x91001c21, 0xf1000442, 0x54ffff81, 0xd4416160};

template <size_t N>
uint64_t run_program(const uint32_t (&prog)[N], jit::JitOptions::Mode mode, bool inject, Cpu::Stats* stats,
                     uint64_t* failures, uint64_t threshold = 1, uint64_t* loop_regions = nullptr) {
  FlatMemory mem;
  std::memcpy(mem.ram + 0x1000, prog, sizeof prog);
  StopOnHlt hook;
  jit::JitOptions o;
  o.mode = mode;
  o.threshold = threshold;
  o.inject_failure = inject;
  std::string err;
  auto engine = jit::JitEngine::create(o, &err);
  EXPECT_TRUE(engine) << err;
  Cpu cpu(mem, 0, &hook);
  cpu.translator = engine.get();
  cpu.reset(0x1000, 1);
  for (int i = 0; i < 10000 && cpu.stop_reason() == StopReason::None; ++i) {
    cpu.run(7);  // short slices, so that background translations get installed midway
    if (mode == jit::JitOptions::Mode::On) engine->drain(cpu);
  }
  EXPECT_EQ(cpu.stop_reason(), StopReason::Halt);
  *stats = cpu.stats;
  *failures = engine->stats().failures;
  if (loop_regions) *loop_regions = engine->stats().loop_regions;
  cpu.translator = nullptr;
  return cpu.s.x[0];
}

uint64_t run_sum(jit::JitOptions::Mode mode, bool inject, Cpu::Stats* stats, uint64_t* failures) {
  return run_program(kSumProgram, mode, inject, stats, failures);
}

}  // namespace

TEST(JitFallback, TranslatedCodeComputesTheSum) {
  Cpu::Stats st;
  uint64_t failures;
  EXPECT_EQ(run_sum(jit::JitOptions::Mode::Eager, false, &st, &failures), 5050u);
  EXPECT_EQ(failures, 0u);
  EXPECT_GT(st.insns_tier1, 0u);
  EXPECT_EQ(run_sum(jit::JitOptions::Mode::On, false, &st, &failures), 5050u);
  EXPECT_GT(st.insns_tier0, 0u);  // both tiers ran
  EXPECT_GT(st.insns_tier1, 0u);
}

TEST(JitFallback, FailedCompilesLeaveTheBlockInTierZero) {
  for (auto mode : {jit::JitOptions::Mode::Eager, jit::JitOptions::Mode::On}) {
    Cpu::Stats st;
    uint64_t failures;
    testing::internal::CaptureStderr();
    const uint64_t sum = run_sum(mode, true, &st, &failures);
    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_EQ(sum, 5050u);
    EXPECT_GT(failures, 0u);
    EXPECT_EQ(st.insns_tier1, 0u);
    EXPECT_NE(err.find("stays in tier 0"), std::string::npos) << err;
  }
}

TEST(JitLoops, SelfLoopAroundAHelperCallMatchesTheHostCrc32c) {
  // The host's SSE4.2 crc32 instruction is CRC-32C with the same (reflected, no
  // inversion) definition as the A64 CRC32C instructions.
  uint64_t expected = 0xffffffff, x = 0x1234;
  for (int i = 0; i < 1000; ++i, x += 7) expected = _mm_crc32_u64(expected, x);
  for (auto mode : {jit::JitOptions::Mode::Eager, jit::JitOptions::Mode::On}) {
    Cpu::Stats st;
    uint64_t failures;
    EXPECT_EQ(run_program(kCrcLoop, mode, false, &st, &failures), expected);
    EXPECT_GT(st.insns_tier1, 0u);
  }
}

TEST(JitLoops, LoopOfSeveralBlocksMatchesTheHostCrc32c) {
  uint64_t expected = 0xffffffff, x = 0x1234;
  for (int i = 1000; i > 0; --i, x += 7)
    if (i & 1) expected = _mm_crc32_u64(expected, x);
  for (auto mode : {jit::JitOptions::Mode::Eager, jit::JitOptions::Mode::On}) {
    Cpu::Stats st;
    uint64_t failures, loop_regions;
    // Threshold 2: a block gets hot once its neighbours in the loop have run, so mode On
    // translates the loop as a region of several blocks.
    EXPECT_EQ(run_program(kCrcBranchyLoop, mode, false, &st, &failures, 2, &loop_regions), expected);
    EXPECT_GT(st.insns_tier1, 0u);
    if (mode == jit::JitOptions::Mode::On) {
      EXPECT_GT(loop_regions, 0u);
    }
  }
}

// A store into a member of a translated loop region (not its head) must drop the region:
//   mov x0, #0; mov x2, #1000; 1: tbz x2, #0, 2f; add x0, x0, #1; 2: subs x2, x2, #1;
//   b.ne 1b; hlt #0xb0b        -- then "add x0, x0, #1" (at +0xc) becomes "add x0, x0, #2"
TEST(JitLoops, PatchingAMemberOfALoopRegionDropsTheRegion) {
  const uint32_t prog[] = {0xd2800000, 0xd2807d02, 0x36000042, 0x91000400, 0xf1000442, 0x54ffffa1, 0xd4416160};
  FlatMemory mem;
  std::memcpy(mem.ram + 0x1000, prog, sizeof prog);
  StopOnHlt hook;
  jit::JitOptions o;
  o.mode = jit::JitOptions::Mode::On;
  o.threshold = 2;
  std::string err;
  auto engine = jit::JitEngine::create(o, &err);
  ASSERT_TRUE(engine) << err;
  Cpu cpu(mem, 0, &hook);
  cpu.translator = engine.get();
  auto run_to_halt = [&] {
    cpu.clear_stop();
    cpu.s.pc = 0x1000;
    for (int i = 0; i < 10000 && cpu.stop_reason() == StopReason::None; ++i) {
      cpu.run(7);
      engine->drain(cpu);
    }
    return cpu.s.x[0];
  };
  cpu.reset(0x1000, 1);
  EXPECT_EQ(run_to_halt(), 500u);  // 500 odd values of x2 in 1000..1
  EXPECT_GT(engine->stats().loop_regions, 0u);
  const uint64_t tier1_before = cpu.stats.insns_tier1;
  EXPECT_GT(tier1_before, 0u);
  store<uint32_t>(cpu, 0x100c, 0x91000800);  // add x0, x0, #2
  EXPECT_EQ(run_to_halt(), 1000u);
  cpu.translator = nullptr;
}

// When LLVM fails on a loop region, its other blocks are not left waiting for it: once
// the failure comes back, none of the loop's blocks may still be marked as waiting (they
// can then be translated on their own), and the loop still runs correctly in tier 0.
TEST(JitLoops, AFailedLoopRegionReleasesItsMembers) {
  uint64_t expected = 0xffffffff, x = 0x1234;
  for (int i = 1000; i > 0; --i, x += 7)
    if (i & 1) expected = _mm_crc32_u64(expected, x);
  FlatMemory mem;
  std::memcpy(mem.ram + 0x1000, kCrcBranchyLoop, sizeof kCrcBranchyLoop);
  StopOnHlt hook;
  jit::JitOptions o;
  o.mode = jit::JitOptions::Mode::On;
  o.threshold = 2;
  o.inject_failure = true;
  std::string err;
  auto engine = jit::JitEngine::create(o, &err);
  ASSERT_TRUE(engine) << err;
  Cpu cpu(mem, 0, &hook);
  cpu.translator = engine.get();
  cpu.reset(0x1000, 1);
  testing::internal::CaptureStderr();
  for (int i = 0; i < 10000 && cpu.stop_reason() == StopReason::None; ++i) {
    cpu.run(7);
    engine->drain(cpu);
  }
  testing::internal::GetCapturedStderr();
  EXPECT_EQ(cpu.s.x[0], expected);
  EXPECT_EQ(cpu.stats.insns_tier1, 0u);
  EXPECT_GT(engine->stats().failures, 0u);
  // The loop's blocks: the TBZ (0x100c), CRC32CX... (0x1010) and ADD... (0x1014).
  for (uint64_t pc : {0x100cull, 0x1010ull, 0x1014ull}) {
    const Block* b = cpu.find_block(pc);
    ASSERT_NE(b, nullptr) << std::hex << pc;
    EXPECT_FALSE(b->awaiting_region) << "block at " << std::hex << pc << " still waits for a failed region";
  }
  cpu.translator = nullptr;
}
