// The JIT's host-FP path at the edges where x86 and Arm differ, with results and FPSR
// worked out by hand from the Arm ARM's FPRound (shared/functions/float): tininess is
// detected before rounding (A1.5.7 / FPRound: "exponent < minimum_exp"), so a product
// that rounds up to the smallest normal still underflows, as does one that rounds to
// zero. Each case runs in tier 0 and translated (--jit eager); both must give these bits.
#include <gtest/gtest.h>

#include <cstring>

#include "cpu/cpu.h"
#include "cpu/stored_sysregs.h"
#include "jit/jit_engine.h"
#include "tests/support/flat_memory.h"

using namespace bramble;
using test::FlatMemory;
using test::StopOnHlt;

namespace {

// fmul s0, s1, s2; hlt #0xb0b (aarch64-linux-gnu-as)
const uint32_t kFmul[] = {0x1e220820, 0xd4416160};

struct Outcome {
  uint32_t s0, fpsr;
};

Outcome run_fmul(uint32_t a, uint32_t b, uint32_t fpsr, bool eager) {
  FlatMemory mem;
  std::memcpy(mem.ram + 0x1000, kFmul, sizeof kFmul);
  StopOnHlt hook;
  jit::JitOptions o;
  o.mode = eager ? jit::JitOptions::Mode::Eager : jit::JitOptions::Mode::Off;
  std::string err;
  auto engine = eager ? jit::JitEngine::create(o, &err) : nullptr;
  Cpu cpu(mem, 0, &hook);
  cpu.translator = engine.get();
  cpu.reset(0x1000, 1);
  stored<reg::CPACR_EL1>(cpu.s) = 3ull << 20;  // FPEN: no trap at EL1
  cpu.s.v[1][0] = a;
  cpu.s.v[2][0] = b;
  cpu.s.fpcr = 0;  // round to nearest, no flush: the state where the JIT uses host FP
  cpu.s.fpsr = fpsr;
  for (int i = 0; i < 100 && cpu.stop_reason() == StopReason::None; ++i) cpu.run(16);
  EXPECT_EQ(cpu.stop_reason(), StopReason::Halt);
  if (eager) {
    EXPECT_GT(cpu.stats.insns_tier1, 0u);
  }
  cpu.translator = nullptr;
  return {uint32_t(cpu.s.v[0][0]), cpu.s.fpsr};
}

constexpr uint32_t kIXC = 1u << 4, kUFC = 1u << 3;

void expect_fmul(uint32_t a, uint32_t b, uint32_t fpsr_in, uint32_t result, uint32_t fpsr_out) {
  for (bool eager : {false, true}) {
    const Outcome o = run_fmul(a, b, fpsr_in, eager);
    EXPECT_EQ(o.s0, result) << (eager ? "jit eager" : "tier 0");
    EXPECT_EQ(o.fpsr, fpsr_out) << (eager ? "jit eager" : "tier 0");
  }
}

}  // namespace

// (1 - 2^-24) * 2^-126 = 2^-126 - 2^-150: below the smallest normal before rounding, and
// halfway between 2^-126 - 2^-149 and 2^-126, so it rounds (to even) up to 2^-126. Tiny
// and inexact: UFC and IXC, although the result is normal (x86 would say no underflow).
TEST(JitHostFp, ProductRoundingUpToTheSmallestNormalUnderflows) {
  expect_fmul(0x3f7fffff, 0x00800000, kIXC, 0x00800000, kIXC | kUFC);
  expect_fmul(0x3f7fffff, 0x00800000, 0, 0x00800000, kIXC | kUFC);
}

// 2^-126 * 2^-126 = 2^-252 rounds to +0: underflow and inexact even with IXC already set.
TEST(JitHostFp, ProductRoundingToZeroUnderflows) {
  expect_fmul(0x00800000, 0x00800000, kIXC, 0x00000000, kIXC | kUFC);
}

// (1 + 2^-23)^2 = 1 + 2^-22 + 2^-46 rounds to 1 + 2^-22: Inexact alone, from a clear FPSR
// (the JIT then learns it from MXCSR); 2 * 3 = 6 is exact and raises nothing.
TEST(JitHostFp, InexactOnlyWhenTheProductIsInexact) {
  expect_fmul(0x3f800001, 0x3f800001, 0, 0x3f800002, kIXC);
  expect_fmul(0x40000000, 0x40400000, 0, 0x40c00000, 0);
}
