// Guest data accesses from instruction semantics: an inline fast path through the fast
// TLB for RAM, and a call to Cpu's slow path (translation, faults, devices) otherwise.
#pragma once

#include <cstring>

#include "cpu/cpu.h"

namespace bramble {

// The local exclusive monitor (B2.9) tags a physical address. While it does, that
// address's page is watched, so stores there leave the fast path and can clear it.
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

// Loads and stores through the fast TLB (cpu/mmu.h). A hit needs the page's tag for the
// access (the tag is compared with the page of the last byte, so an access crossing into
// the next page misses) and, where alignment is enforced, an aligned address.
template <typename T>
inline T load(Cpu& c, uint64_t va, unsigned ctx) {
  const FastTlbEntry& e = c.tlb_entry(ctx, va);
  if (e.read_tag == ((va + sizeof(T) - 1) & ~0xfffull) && !(va & (sizeof(T) - 1) & e.align_mask)) [[likely]] {
    T v;
    std::memcpy(&v, reinterpret_cast<const uint8_t*>(va + e.addend), sizeof(T));
    return v;
  }
  return T(c.load_slow(va, sizeof(T), ctx));
}

template <typename T>
inline void store(Cpu& c, uint64_t va, T v, unsigned ctx) {
  const FastTlbEntry& e = c.tlb_entry(ctx, va);
  if (e.write_tag == ((va + sizeof(T) - 1) & ~0xfffull) && !(va & (sizeof(T) - 1) & e.align_mask)) [[likely]] {
    uint8_t* host = reinterpret_cast<uint8_t*>(va + e.addend);
    std::memcpy(host, &v, sizeof(T));
    const uint64_t off = uint64_t(host - c.mem.ram);
    if (c.store_watch[off >> 12]) [[unlikely]] c.note_watched_store(c.mem.ram_base + off, sizeof(T));
    return;
  }
  c.store_slow(va, sizeof(T), uint64_t(v), ctx);
}

// A multi-element access (LDn/STn) done in one go where that cannot fault: bytes at va
// within one page the fast TLB maps for the access, elements of `align` bytes aligned
// where alignment is enforced (they share va's alignment), and for a write no watched
// page (code, an exclusive monitor), whose stores must go through store(). The host
// address of va, else null (the caller then goes element by element). The same test as
// load()/store() and as the JIT's IrEmitter::direct_range.
inline uint8_t* direct_range(Cpu& c, uint64_t va, uint64_t bytes, unsigned align, bool write) {
  const FastTlbEntry& e = c.tlb_entry(c.s.el, va);
  const uint64_t tag = write ? e.write_tag : e.read_tag;
  if (tag != (va & ~0xfffull) || tag != ((va + bytes - 1) & ~0xfffull) || (va & (align - 1) & e.align_mask)) return nullptr;
  uint8_t* host = reinterpret_cast<uint8_t*>(va + e.addend);
  if (write && c.store_watch[uint64_t(host - c.mem.ram) >> 12]) return nullptr;
  return host;
}

// Accesses in the context of the current EL.
template <typename T>
inline T load(Cpu& c, uint64_t va) { return load<T>(c, va, c.s.el); }
template <typename T>
inline void store(Cpu& c, uint64_t va, T v) { store<T>(c, va, v, c.s.el); }

}  // namespace bramble
