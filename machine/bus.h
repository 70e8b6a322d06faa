// The physical address space: RAM plus devices mapped at fixed addresses. Implements the
// CPU's PhysicalMemory interface; only machine/ knows the concrete layout.
#pragma once

#include <cstdint>
#include <vector>

#include "cpu/phys_memory.h"
#include "machine/guest_log.h"
#include "machine/mmio_device.h"

namespace bramble {

class Bus final : public PhysicalMemory {
 public:
  Bus(uint64_t ram_bytes, GuestLog& log);
  ~Bus() override;

  // Maps dev at [base, base + size). Regions must not overlap RAM or each other.
  void map(uint64_t base, uint64_t size, MmioDevice* dev);

  uint64_t read(uint64_t pa, unsigned size) override;
  void write(uint64_t pa, unsigned size, uint64_t value) override;

  // Bounds-checked copies for loaders and firmware-style services; false when any byte
  // of the range is outside RAM.
  bool copy_to_ram(uint64_t pa, const void* src, uint64_t len);
  bool copy_from_ram(uint64_t pa, void* dst, uint64_t len) const;
  bool in_ram(uint64_t pa, uint64_t len) const {
    return pa >= ram_base && len <= ram_size && pa - ram_base <= ram_size - len;
  }

 private:
  struct Region {
    uint64_t base, size;
    MmioDevice* dev;
  };
  const Region* find(uint64_t pa) const;

  std::vector<Region> regions_;  // sorted by base
  GuestLog& log_;
};

}  // namespace bramble
