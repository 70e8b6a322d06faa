// Guest data accesses from instruction semantics: an inline fast path for RAM and a call
// to Cpu's slow path for everything else. There is no MMU yet, so virtual = physical.
#pragma once

#include <cstring>

#include "cpu/cpu.h"

namespace bramble {

// The local exclusive monitor (B2.9). While it tags an address, that address's page is
// watched, so stores there leave the fast path and can clear it.
inline void monitor_clear(Cpu& c) {
  if (!c.s.excl_valid) return;
  c.set_monitor_watch(false);
  c.s.excl_valid = 0;
}

inline void monitor_arm(Cpu& c, uint64_t addr, unsigned size) {
  monitor_clear(c);
  c.s.excl_valid = 1;
  c.s.excl_addr = addr;
  c.s.excl_size = uint8_t(size);
  c.set_monitor_watch(true);
}

// The local monitor is cleared by a store that overlaps the tagged bytes. The Arm ARM
// leaves this IMPLEMENTATION DEFINED for the PE's own stores (B2.9.5); clearing is the
// conservative choice and is what other cores' stores must do anyway.
inline void monitor_note_store(Cpu& c, uint64_t addr, unsigned size) {
  if (c.s.excl_valid && addr < c.s.excl_addr + c.s.excl_size && c.s.excl_addr < addr + size) monitor_clear(c);
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
    if (c.store_watch[off >> 12] | c.store_watch[(off + sizeof(T) - 1) >> 12]) [[unlikely]]
      c.note_watched_store(addr, sizeof(T));
    return;
  }
  c.store_slow(addr, sizeof(T), uint64_t(v));
}

}  // namespace bramble
