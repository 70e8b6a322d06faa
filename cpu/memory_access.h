// Guest data accesses from instruction semantics: an inline fast path for RAM and a call
// to Cpu's slow path for everything else. There is no MMU yet, so virtual = physical.
#pragma once

#include <cstring>

#include "cpu/cpu.h"

namespace bramble {

// The local monitor is cleared by a store that overlaps the tagged bytes. The Arm ARM
// leaves this IMPLEMENTATION DEFINED for the PE's own stores (B2.9.5); clearing is the
// conservative choice and is what other cores' stores must do anyway.
inline void monitor_note_store(Cpu& c, uint64_t addr, unsigned size) {
  if (c.s.excl_valid && addr < c.s.excl_addr + c.s.excl_size && c.s.excl_addr < addr + size)
    c.s.excl_valid = 0;
}

template <typename T>
inline T load(Cpu& c, uint64_t addr) {
  const uint64_t off = addr - c.mem.ram_base;
  if (off <= c.mem.ram_size - sizeof(T)) [[likely]] {
    T v;
    std::memcpy(&v, c.mem.ram + off, sizeof(T));
    return v;
  }
  return T(c.load_slow(addr, sizeof(T)));
}

template <typename T>
inline void store(Cpu& c, uint64_t addr, T v) {
  const uint64_t off = addr - c.mem.ram_base;
  if (off <= c.mem.ram_size - sizeof(T)) [[likely]] {
    std::memcpy(c.mem.ram + off, &v, sizeof(T));
    if (c.code_page[off >> 12] | c.code_page[(off + sizeof(T) - 1) >> 12]) [[unlikely]]
      c.note_code_store(addr, sizeof(T));
    monitor_note_store(c, addr, sizeof(T));
    return;
  }
  c.store_slow(addr, sizeof(T), uint64_t(v));
}

}  // namespace bramble
