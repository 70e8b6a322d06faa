// When LLVM fails, the block stays in tier 0: a message, never a wrong result.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "cpu/cpu.h"
#include "jit/jit_engine.h"

using namespace bramble;

namespace {

class FlatMemory final : public PhysicalMemory {
 public:
  FlatMemory() : storage_(1 << 20, 0) {
    ram = storage_.data();
    ram_size = storage_.size();
  }
  uint64_t read(uint64_t, unsigned) override { return 0; }
  void write(uint64_t, unsigned, uint64_t) override {}

 private:
  std::vector<uint8_t> storage_;
};

class StopOnHlt final : public CpuHooks {
 public:
  bool on_hlt(Cpu& c, uint16_t) override {
    c.stop(StopReason::Halt);
    return true;
  }
};

// x0 = 100 + 99 + ... + 1, then HLT (assembled with aarch64-linux-gnu-as):
//   mov x0, #0; mov x1, #100; 1: add x0, x0, x1; subs x1, x1, #1; b.ne 1b; hlt #0xb0b
const uint32_t kSumProgram[] = {0xd2800000, 0xd2800c81, 0x8b010000, 0xf1000421, 0x54ffffc1, 0xd4416160};

uint64_t run_sum(jit::JitOptions::Mode mode, bool inject, Cpu::Stats* stats, uint64_t* failures) {
  FlatMemory mem;
  std::memcpy(mem.ram + 0x1000, kSumProgram, sizeof kSumProgram);
  StopOnHlt hook;
  jit::JitOptions o;
  o.mode = mode;
  o.threshold = 1;
  o.inject_failure = inject;
  std::string err;
  auto engine = jit::JitEngine::create(o, &err);
  EXPECT_TRUE(engine) << err;
  Cpu cpu(mem, 0, &hook);
  cpu.translator = engine.get();
  cpu.reset(0x1000, 1);
  for (int i = 0; i < 100 && cpu.stop_reason() == StopReason::None; ++i) {
    cpu.run(7);  // short slices, so that background translations get installed midway
    if (mode == jit::JitOptions::Mode::On) engine->drain(cpu);
  }
  EXPECT_EQ(cpu.stop_reason(), StopReason::Halt);
  *stats = cpu.stats;
  *failures = engine->stats().failures;
  cpu.translator = nullptr;
  return cpu.s.x[0];
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
