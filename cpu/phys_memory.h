// What a core sees of the machine's physical address space. machine::Bus implements it;
// cpu/ depends only on this interface, never on the board.
#pragma once

#include <cstdint>

namespace bramble {

class PhysicalMemory {
 public:
  virtual ~PhysicalMemory() = default;

  // RAM that both tiers may address directly: [ram_base, ram_base + ram_size) maps to
  // ram[0 .. ram_size). Everything else goes through read()/write().
  uint8_t* ram = nullptr;
  uint64_t ram_base = 0;
  uint64_t ram_size = 0;

  // The slow path: MMIO, unassigned addresses, and accesses that straddle a boundary.
  // size is 1, 2, 4 or 8 and the access is naturally contained in one region.
  virtual uint64_t read(uint64_t pa, unsigned size) = 0;
  virtual void write(uint64_t pa, unsigned size, uint64_t value) = 0;
};

}  // namespace bramble
