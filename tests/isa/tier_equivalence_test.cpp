// Tier 0 and the JIT against each other over the whole A64 encoding space: random 32-bit
// words (system instructions, exception generation, UNALLOCATED words, branches and
// accesses to wild addresses included), each run from the same random state in both
// tiers. The complete CpuState and all of RAM must come out identical, and nothing may
// crash. (The differential suite checks the integer classes against Unicorn; this checks
// everything Unicorn cannot, and the hostile-guest promise.) A mismatch prints the seed;
// BRAMBLE_TIER_SEED=n replays one word.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <random>

#include "cpu/cpu.h"
#include "cpu/disasm.h"
#include "jit/jit_engine.h"
#include "tests/support/flat_memory.h"

using namespace bramble;

namespace {

constexpr uint64_t kRam = 128 << 10;
constexpr uint64_t kCode = 0x10000, kVectors = 0x18000, kData = 0x8000;
constexpr uint32_t kHlt = 0xd4400000u | (0xb0bu << 5);  // the test's stop word

struct Outcome {
  CpuState s;
  std::vector<uint8_t> ram;
  StopReason reason;
  std::string message;
};

Outcome run_one(uint64_t seed, uint32_t word, bool jit) {
  test::FlatMemory mem(kRam);
  test::StopOnHlt hook(0xb0b);
  std::unique_ptr<jit::JitEngine> engine;
  if (jit) {
    jit::JitOptions o;
    o.mode = jit::JitOptions::Mode::Eager;
    std::string err;
    engine = jit::JitEngine::create(o, &err);
    EXPECT_TRUE(engine) << err;
  }
  Cpu cpu(mem, 0, &hook);
  cpu.translator = engine.get();
  // Every vector entry (and anything else above kVectors) stops the run.
  for (uint64_t a = kVectors; a < kVectors + 0x800; a += 4) std::memcpy(mem.ram + a, &kHlt, 4);
  std::memcpy(mem.ram + kCode, &word, 4);
  std::memcpy(mem.ram + kCode + 4, &kHlt, 4);
  std::mt19937_64 rng(seed);
  for (uint64_t a = kData; a < kData + 0x4000; a += 8) {
    const uint64_t v = rng();
    std::memcpy(mem.ram + a, &v, 8);
  }
  cpu.reset(kCode, 1);
  test::normal_memory_with_mmu_off(cpu);
  for (int i = 0; i < 31; ++i) {
    // Half the registers point into the data area, so loads and stores mostly hit RAM.
    cpu.s.x[i] = (rng() & 1) ? kData + 0x2000 + (rng() % 0x1000) * 8 - 0x4000 : rng();
  }
  cpu.s.x[31] = kData + 0x2000;
  cpu.s.nzcv = uint32_t(rng() & 0xf) << 28;
  cpu.s.vbar_el[1] = kVectors;
  cpu.run(16);
  Outcome o{cpu.s, std::vector<uint8_t>(mem.ram, mem.ram + kRam), cpu.stop_reason(), cpu.stop_message()};
  o.s.x[32] = 0;  // tier 0's write sink for XZR: not architectural state
  cpu.translator = nullptr;
  return o;
}

}  // namespace

TEST(TierEquivalence, RandomWordsFromTheWholeEncodingSpace) {
  const char* only = std::getenv("BRAMBLE_TIER_SEED");
  constexpr uint64_t kWords = 3000;
  int failures = 0;
  for (uint64_t seed = 1; seed <= kWords; ++seed) {
    if (only && std::strtoull(only, nullptr, 0) != seed) continue;
    const uint32_t word = uint32_t(std::mt19937_64(seed * 0x9e3779b97f4a7c15ull)());
    const Outcome a = run_one(seed, word, false);
    const Outcome b = run_one(seed, word, true);
    const bool same_state = std::memcmp(&a.s, &b.s, sizeof(CpuState)) == 0;
    const bool same_ram = a.ram == b.ram;
    if (!same_state || !same_ram || a.reason != b.reason || a.message != b.message) {
      std::string diff;
      for (int i = 0; i < 32; ++i)
        if (a.s.x[i] != b.s.x[i]) diff += " x" + std::to_string(i);
      if (a.s.pc != b.s.pc) diff += " pc";
      if (a.s.nzcv != b.s.nzcv) diff += " nzcv";
      if (a.s.el != b.s.el) diff += " el";
      if (!same_ram) diff += " ram";
      ADD_FAILURE() << "seed " << seed << " (BRAMBLE_TIER_SEED=" << seed << "): word " << std::hex << word << " '"
                    << disassemble(word, kCode) << "': tier 0 and JIT differ in:" << diff << " / stop '" << a.message
                    << "' vs '" << b.message << "'";
      if (++failures == 10) return;
    }
  }
}
