// Tier 1: translates hot blocks to host code with LLVM ORC (LLJIT) on a background
// thread, and installs the results between blocks on the core's thread. The guest never
// waits for the compiler, except in eager mode (every block translated before it first
// runs), which exists for tests.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cpu/cpu.h"
#include "jit/ir_emitter.h"

namespace llvm::orc {
class LLJIT;
}

namespace bramble::jit {

struct JitOptions {
  enum class Mode { Off, On, Eager } mode = Mode::Off;
  uint64_t threshold = 64;   // tier-0 runs of a block before it is translated (mode On)
  bool trace = false;        // --trace jit
  std::string dump_dir;      // --jit-dump: IR before/after optimisation, guest code
  unsigned batch = 4;        // regions per LLVM module: small units reach the guest sooner
  bool inject_failure = false;  // tests only: every compile fails as if LLVM had refused it
  bool count_chains = false;    // --stats: translated code counts its chained transfers
};

class JitEngine final : public CodeTranslator {
 public:
  // Null with *error set when LLVM cannot be set up for this host.
  static std::unique_ptr<JitEngine> create(const JitOptions& opts, std::string* error);
  ~JitEngine() override;

  void block_decoded(Cpu& cpu, Block& b) override;
  void block_hot(Cpu& cpu, Block& b) override;
  void poll(Cpu& cpu) override;

  // Waits until every queued translation is finished and installed (tests use it).
  void drain(Cpu& cpu);

  struct Stats {
    uint64_t units = 0, blocks = 0, insns = 0, failures = 0, dropped = 0;
    uint64_t loop_regions = 0;  // translations of a loop head with other blocks inside
    double compile_seconds = 0;
  };
  Stats stats() const;
  void print_stats(std::FILE* out, const Cpu& cpu) const;

 private:
  struct Compiled {
    std::vector<std::pair<uint64_t, uint64_t>> members;  // (pc, serial); [0] is the head
    JitFn fn;
  };
  using Region = std::vector<BlockImage>;  // [0] is where the translation is entered
  struct Unit {
    std::vector<Compiled> blocks;
    std::shared_ptr<void> code;  // releases the unit's machine code when the last block dies
  };

  explicit JitEngine(const JitOptions& opts);
  BlockImage image_of(const Block& b) const;
  MachineImage machine_of(Cpu& cpu) const;
  // Builds, optimises and links one module, a function per region; false (with a
  // message) when LLVM failed.
  bool compile(const MachineImage& mach, const std::vector<Region>& regions, Unit* out);
  // The hot block alone, or, when it heads a loop, the blocks of the loops through it
  // (found along static edges within its page among blocks that have run).
  Region region_from(Cpu& cpu, Block& head) const;
  void worker();
  void install(Cpu& cpu, Unit& unit);

  JitOptions opts_;
  std::shared_ptr<llvm::orc::LLJIT> lljit_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<std::pair<MachineImage, Region>> queue_;
  std::vector<Unit> done_;
  bool busy_ = false;
  bool quit_ = false;
  Stats stats_;
  uint64_t unit_counter_ = 0;
  // Eager mode: blocks decoded while discovering a region, compiled together.
  bool discovering_ = false;
  std::vector<Block*> region_;
  static constexpr size_t kMaxRegionBlocks = 64;     // eager discovery
  static constexpr size_t kMaxHotRegionBlocks = 16;  // mode On
};

}  // namespace bramble::jit
