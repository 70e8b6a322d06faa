// Test scaffolding for running a core without a board: RAM from address 0 and nothing
// else, and a hook that stops the core at HLT.
#pragma once

#include <cstdint>
#include <vector>

#include "cpu/cpu.h"

namespace bramble::test {

class FlatMemory final : public PhysicalMemory {
 public:
  explicit FlatMemory(uint64_t bytes = 1 << 20) : storage_(bytes, 0) {
    ram = storage_.data();
    ram_base = 0;
    ram_size = bytes;
  }
  uint64_t read(uint64_t, unsigned) override { return 0; }
  void write(uint64_t, unsigned, uint64_t) override {}

 private:
  std::vector<uint8_t> storage_;
};

// Stops the core at HLT #imm (any imm, or only `only` when it is given).
class StopOnHlt final : public CpuHooks {
 public:
  explicit StopOnHlt(int only = -1) : only_(only) {}
  bool on_hlt(Cpu& c, uint16_t imm) override {
    if (only_ >= 0 && imm != only_) return false;
    c.stop(StopReason::Halt, "HLT");
    return true;
  }

 private:
  int only_;
};

// Makes memory Normal while the EL1&0 MMU is off (HCR_EL2.DC, D5.2.9), as Unicorn treats
// it: with the MMU off, data accesses are otherwise to Device memory, where every
// misaligned access takes an alignment fault. For a core reset at EL1.
inline void normal_memory_with_mmu_off(Cpu& c) {
  c.s.hcr_el2 |= 1ull << 12;
  c.translation_changed();
}

}  // namespace bramble::test
