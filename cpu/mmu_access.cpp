// The core's side of address translation: filling the fast TLB, data and instruction
// translation with their faults, and the slow paths of guest memory access.
#include <cstring>

#include "cpu/cpu.h"
#include "cpu/exceptions.h"
#include "cpu/memory_access.h"

namespace bramble {

namespace {
// A translation context's SCTLR_ELx.A (alignment checking of every data access).
bool alignment_checked(const CpuState& s, unsigned ctx) { return (s.sctlr_el[regime_of(ctx)] >> 1) & 1; }
}  // namespace

FastTlbEntry* Cpu::tlb_fill(uint64_t va, unsigned ctx, WalkResult* fault) {
  FastTlbEntry& e = tlb_entry(ctx, va);
  const uint64_t page = va & ~0xfffull;
  if (e.page_tag == page) return &e;

  WalkResult r;
  const unsigned regime = regime_of(ctx);
  const Translation* cached = nullptr;
  if (stage1_enabled(s, ctx)) {
    // The architectural TLB is keyed without the top byte; an address whose top byte is
    // neither a sign extension nor ignored (TBI) must reach the walk, which faults it.
    const uint64_t top = va >> 55;
    if (top == 0 || top == 0x1ff) cached = tlb.lookup(regime, regime == 1 ? current_asid(s) : 0, va);
  }
  if (cached) {
    r.t = *cached;
  } else {
    r = translate_walk(*this, ctx, va);
    if (r.fault != Fault::None) {
      *fault = r;
      return nullptr;
    }
    if (stage1_enabled(s, ctx)) tlb.insert(regime, r.t);
  }
  const Translation& t = r.t;
  const uint64_t page_pa = t.pa_base + ((va - t.va_base) & ((1ull << t.size_log2) - 1) & ~0xfffull);
  e.page_tag = page;
  e.pa_offset = page_pa - page;
  e.perms = t.perms;
  e.attr = t.attr;
  e.level = t.level;
  e.sh = t.sh;
  const bool in_ram = page_pa - mem.ram_base < mem.ram_size;
  e.addend = in_ram ? uint64_t(reinterpret_cast<uintptr_t>(mem.ram + (page_pa - mem.ram_base))) - page : 0;
  e.read_tag = in_ram && (t.perms & perm_bit(Access::Read, ctx)) ? page : kNoTag;
  e.write_tag = in_ram && (t.perms & perm_bit(Access::Write, ctx)) ? page : kNoTag;
  e.align_mask = is_device(t.attr) || alignment_checked(s, ctx) ? ~0ull : 0;
  return &e;
}

const FastTlbEntry* Cpu::translate_checked(uint64_t va, unsigned ctx, uint8_t need, uint32_t* fsc) {
  WalkResult f;
  const FastTlbEntry* e = tlb_fill(va, ctx, &f);
  if (!e) {
    *fsc = fault_status(f.fault, f.level);
    return nullptr;
  }
  if (need && !(e->perms & need)) {
    *fsc = fault_status(Fault::Permission, e->level);
    return nullptr;
  }
  return e;
}

bool Cpu::translate_data(uint64_t va, unsigned size, Access access, unsigned ctx, uint64_t* pa) {
  const bool misaligned = va & (size - 1);
  uint32_t fsc = fault_status(Fault::Alignment, 0);
  // SCTLR.A alignment faults come before any MMU fault (D5.x fault prioritisation);
  // Device-memory alignment is known only after the translation.
  const FastTlbEntry* e = nullptr;
  if (!(misaligned && alignment_checked(s, ctx))) {
    e = translate_checked(va, ctx, perm_bit(access, ctx), &fsc);
    if (e && misaligned && is_device(e->attr)) e = nullptr;
  }
  if (!e) {
    data_abort(*this, va, fsc, access == Access::Write);
    return false;
  }
  *pa = va + e->pa_offset;
  return true;
}

bool Cpu::translate_fetch(uint64_t pc, uint64_t* pa, bool raise) {
  uint32_t fsc;
  const FastTlbEntry* e = translate_checked(pc, s.el, perm_bit(Access::Exec, s.el), &fsc);
  if (!e) {
    if (raise) instruction_abort(*this, pc, fsc);
    return false;
  }
  *pa = pc + e->pa_offset;
  return true;
}

void Cpu::refresh_mode() {
  const unsigned regime = regime_of(s.el);
  const uint64_t sctlr = s.sctlr_el[regime];
  // With SCTLR.A every access checks alignment, which only the TLB path does.
  if ((sctlr & 2) || stage1_enabled(s, s.el)) mode_ = s.el;
  else mode_ = s.el | (flat_memory_is_normal(s, regime) ? kModeFlatNormal : kModeFlatDevice);
}

void Cpu::translation_changed() {
  refresh_mode();
  for (auto& ctx : fast_tlb->e)
    for (FastTlbEntry& e : ctx) e.read_tag = e.write_tag = e.page_tag = kNoTag;
  // Decoded blocks are found again through a lookup that checks their physical address.
  std::fill(std::begin(fast_), std::end(fast_), nullptr);
  ++epoch_;
  for (const auto& [pc, serial] : cross_page_links_)
    if (Block* b = live_block(pc, serial)) b->jit_exit[0] = b->jit_exit[1] = nullptr;
  cross_page_links_.clear();
}

uint64_t Cpu::phys_read(uint64_t pa, unsigned size) {
  const uint64_t off = pa - mem.ram_base;
  if (off < mem.ram_size && size <= mem.ram_size - off) {
    uint64_t v = 0;
    std::memcpy(&v, mem.ram + off, size);
    return v;
  }
  const bool device_sized = (size & (size - 1)) == 0 && (pa & (size - 1)) == 0;
  if (off >= mem.ram_size && device_sized) return mem.read(pa, size);
  // Straddling the end of RAM or misaligned on a device: bytes, little-endian, so that no
  // device sees an access that is not contained in it.
  uint64_t v = 0;
  for (unsigned i = 0; i < size; ++i) v |= phys_read(pa + i, 1) << (8 * i);
  return v;
}

void Cpu::phys_write(uint64_t pa, unsigned size, uint64_t value) {
  const uint64_t off = pa - mem.ram_base;
  if (off < mem.ram_size && size <= mem.ram_size - off) {
    std::memcpy(mem.ram + off, &value, size);
    if ((store_watch[off >> 12] | store_watch[(off + size - 1) >> 12])) note_watched_store(pa, size);
    return;
  }
  const bool device_sized = (size & (size - 1)) == 0 && (pa & (size - 1)) == 0;
  if (off >= mem.ram_size && device_sized) {
    monitor_note_store(*this, pa, size);
    mem.write(pa, size, value);
    return;
  }
  for (unsigned i = 0; i < size; ++i) phys_write(pa + i, 1, (value >> (8 * i)) & 0xff);
}

uint64_t Cpu::load_slow(uint64_t va, unsigned size, unsigned ctx) {
  const unsigned in_page = 0x1000 - unsigned(va & 0xfff);
  uint64_t pa0, pa1 = 0;
  if (!translate_data(va, size, Access::Read, ctx, &pa0)) return 0;
  if (size <= in_page) return phys_read(pa0, size);
  // Across a page boundary: both pages are translated (and may fault) before either is
  // read. The second part's fault reports its first byte.
  if (!translate_data(va + in_page, 1, Access::Read, ctx, &pa1)) return 0;
  return phys_read(pa0, in_page) | (phys_read(pa1, size - in_page) << (8 * in_page));
}

void Cpu::store_slow(uint64_t va, unsigned size, uint64_t value, unsigned ctx) {
  const unsigned in_page = 0x1000 - unsigned(va & 0xfff);
  uint64_t pa0, pa1 = 0;
  if (!translate_data(va, size, Access::Write, ctx, &pa0)) return;
  if (size <= in_page) return phys_write(pa0, size, value);
  if (!translate_data(va + in_page, 1, Access::Write, ctx, &pa1)) return;
  phys_write(pa0, in_page, value & ((1ull << (8 * in_page)) - 1));
  phys_write(pa1, size - in_page, value >> (8 * in_page));
}

}  // namespace bramble
