#include "cpu/mmu.h"

#include <algorithm>
#include <cstring>

#include "cpu/cpu.h"
#include "cpu/stored_sysregs.h"

namespace bramble {

// ---- the architectural TLB ----

const Translation* Tlb::lookup(unsigned regime, uint16_t asid, uint64_t va) const {
  if (map_.empty()) return nullptr;
  for (uint64_t sizes = sizes_in_use_; sizes; sizes &= sizes - 1) {
    const unsigned size_log2 = unsigned(__builtin_ctzll(sizes));
    if (regime == 1) {
      if (auto it = map_.find(key(regime, false, asid, va, size_log2)); it != map_.end()) return &it->second;
    }
    if (auto it = map_.find(key(regime, true, 0, va, size_log2)); it != map_.end()) return &it->second;
  }
  return nullptr;
}

void Tlb::insert(unsigned regime, const Translation& t) {
  if (map_.size() >= kMaxEntries) clear();
  map_[key(regime, t.global, t.global ? 0 : t.asid, t.va_base, t.size_log2)] = t;
  sizes_in_use_ |= 1ull << t.size_log2;
}

void Tlb::invalidate_regime(unsigned regime) {
  std::erase_if(map_, [&](const auto& kv) { return (kv.first.ctx >> 17) == regime; });
}

void Tlb::invalidate_asid(unsigned regime, uint16_t asid) {
  std::erase_if(map_, [&](const auto& kv) {
    return (kv.first.ctx >> 17) == regime && !(kv.first.ctx & (1u << 16)) && (kv.first.ctx & 0xffff) == asid;
  });
}

void Tlb::invalidate_va(unsigned regime, uint64_t va, bool any_asid, uint16_t asid) {
  if (map_.empty()) return;
  for (uint64_t sizes = sizes_in_use_; sizes; sizes &= sizes - 1) {
    const unsigned size_log2 = unsigned(__builtin_ctzll(sizes));
    map_.erase(key(regime, true, 0, va, size_log2));
    if (regime != 1) continue;
    if (!any_asid) {
      map_.erase(key(regime, false, asid, va, size_log2));
    } else {
      const uint64_t page = key(regime, true, 0, va, size_log2).page;
      std::erase_if(map_, [&](const auto& kv) { return kv.first.page == page && (kv.first.ctx >> 17) == regime; });
    }
  }
}

// ---- the walk ----

namespace {

uint64_t sext56(uint64_t va) { return uint64_t(int64_t(va << 8) >> 8); }

// TCR_ELx.{I}PS (D17.2.x), limited to what the A53 implements (ID_AA64MMFR0_EL1.PARange:
// 40 bits).
unsigned pa_bits(unsigned ps) {
  static constexpr unsigned kBits[8] = {32, 36, 40, 42, 44, 48, 48, 48};
  return std::min(kBits[ps & 7], 40u);
}

uint64_t read_descriptor(Cpu& c, uint64_t pa) {
  // Descriptors are little-endian (SCTLR_ELx.EE = 0: big-endian is not supported).
  const uint64_t off = pa - c.mem.ram_base;
  if (off <= c.mem.ram_size - 8) {
    uint64_t d;
    std::memcpy(&d, c.mem.ram + off, 8);
    return d;
  }
  return c.mem.read(pa, 8);
}

WalkResult fault(Fault f, unsigned level) {
  WalkResult r;
  r.fault = f;
  r.level = uint8_t(level);
  return r;
}

}  // namespace

bool flat_memory_is_normal(const CpuState& s, unsigned regime) {
  return regime == 1 && el2_enabled(s) && (s.hcr_el2 & kHcrDc);
}

bool stage1_enabled(const CpuState& s, unsigned el) {
  const unsigned regime = regime_of(el);
  if (regime == 1) {
    // HCR_EL2.TGE and HCR_EL2.DC make the EL1&0 stage 1 behave as disabled (D5.2.9),
    // where EL2 controls the lower levels.
    if (el2_enabled(s) && (s.hcr_el2 & (kHcrTge | kHcrDc))) return false;
    return s.sctlr_el[1] & 1;
  }
  return s.sctlr_el[regime] & 1;
}

uint16_t current_asid(const CpuState& s) {
  const uint64_t tcr = stored<reg::TCR_EL1>(s);
  const uint64_t ttbr = (tcr >> 22) & 1 ? stored<reg::TTBR1_EL1>(s) : stored<reg::TTBR0_EL1>(s);
  const uint16_t asid = uint16_t(ttbr >> 48);
  return (tcr >> 36) & 1 ? asid : uint16_t(asid & 0xff);
}

WalkResult translate_walk(Cpu& c, unsigned el, uint64_t va) {
  const CpuState& s = c.s;
  const unsigned regime = regime_of(el);
  if (!stage1_enabled(s, el)) {
    // D5.2.9: the flat mapping. Data accesses are Device-nGnRnE, or Normal write-back
    // when HCR_EL2.DC is set. An address wider than the PA size takes an Address size
    // fault at level 0.
    if (va >> 40) return fault(Fault::AddressSize, 0);
    WalkResult r;
    r.t.va_base = r.t.pa_base = va & ~0xfffull;
    r.t.perms = kPermR0 | kPermW0 | kPermX0 | kPermR1 | kPermW1 | kPermX1;
    r.t.attr = flat_memory_is_normal(s, regime) ? 0xff : 0x00;
    return r;
  }

  uint64_t tcr, ttbr, mair;
  unsigned tsz, granule_log2, ps;
  bool tbi, upper = false;
  if (regime == 1) {
    tcr = stored<reg::TCR_EL1>(s);
    mair = stored<reg::MAIR_EL1>(s);
    upper = (va >> 55) & 1;
    tbi = (tcr >> (upper ? 38 : 37)) & 1;
    tsz = unsigned(tcr >> (upper ? 16 : 0)) & 63;
    if (upper) {
      // TG1: 0b01 16K, 0b10 4K, 0b11 64K.
      const unsigned tg1 = unsigned(tcr >> 30) & 3;
      granule_log2 = tg1 == 1 ? 14 : tg1 == 3 ? 16 : 12;
    } else {
      // TG0: 0b00 4K, 0b01 64K, 0b10 16K. The reserved encodings act as 4K (an
      // IMPLEMENTATION DEFINED choice of an implemented size, D17.2.x). The A53 has no
      // 16K granule (ID_AA64MMFR0_EL1.TGran16 = 0, which bramble reports too) and would
      // pick another size; bramble walks 16K tables when a guest asks for them anyway.
      const unsigned tg0 = unsigned(tcr >> 14) & 3;
      granule_log2 = tg0 == 1 ? 16 : tg0 == 2 ? 14 : 12;
    }
    if ((tcr >> (upper ? 23 : 7)) & 1) return fault(Fault::Translation, 0);  // EPD0/EPD1
    ttbr = upper ? stored<reg::TTBR1_EL1>(s) : stored<reg::TTBR0_EL1>(s);
    ps = unsigned(tcr >> 32) & 7;  // IPS
  } else {
    tcr = regime == 2 ? stored<reg::TCR_EL2>(s) : stored<reg::TCR_EL3>(s);
    mair = regime == 2 ? stored<reg::MAIR_EL2>(s) : stored<reg::MAIR_EL3>(s);
    tbi = (tcr >> 20) & 1;
    tsz = unsigned(tcr) & 63;
    const unsigned tg0 = unsigned(tcr >> 14) & 3;
    granule_log2 = tg0 == 1 ? 16 : tg0 == 2 ? 14 : 12;
    ttbr = regime == 2 ? stored<reg::TTBR0_EL2>(s) : stored<reg::TTBR0_EL3>(s);
    ps = unsigned(tcr >> 16) & 7;
  }
  // ARMv8.0 limits TxSZ to 16..39; values outside are treated as the nearest limit.
  tsz = std::clamp(tsz, 16u, 39u);
  const unsigned inputsize = 64 - tsz;
  // The input address: with TBI the top byte does not take part (bit 55 stands for it).
  const uint64_t a = tbi ? (regime == 1 ? sext56(va) : va & 0x00ffffffffffffffull) : va;
  const uint64_t high = a >> inputsize;  // must be all zeros (TTBR0) or all ones (TTBR1)
  if (high != (upper ? (~0ull >> inputsize) : 0)) return fault(Fault::Translation, 0);

  const unsigned oa_bits = pa_bits(ps);
  const unsigned stride = granule_log2 - 3;
  const unsigned levels = (inputsize - granule_log2 + stride - 1) / stride;
  const unsigned start = 4 - levels;
  const unsigned start_bits = inputsize - (granule_log2 + (levels - 1) * stride);  // index bits at start
  uint64_t table = ttbr & 0x0000fffffffffffeull & ~((1ull << (start_bits + 3)) - 1);
  if (table >> oa_bits) return fault(Fault::AddressSize, 0);

  bool ap_no_write = false, ap_no_el0 = false, xn_table = false, pxn_table = false;
  unsigned level = start;
  uint64_t desc;
  for (;;) {
    const unsigned lsb = granule_log2 + (3 - level) * stride;
    const unsigned nbits = level == start ? start_bits : stride;
    const uint64_t index = (a >> lsb) & ((1ull << nbits) - 1);
    desc = read_descriptor(c, table + index * 8);
    if (!(desc & 1)) return fault(Fault::Translation, level);
    if (level < 3 && (desc & 2)) {
      const uint64_t next = desc & 0x0000fffffffff000ull & ~((1ull << granule_log2) - 1);
      if (next >> oa_bits) return fault(Fault::AddressSize, level);
      // Hierarchical attributes (D5.4.x); in the EL2 and EL3 regimes APTable[0] and
      // PXNTable are RES0.
      ap_no_write |= (desc >> 62) & 1;
      xn_table |= (desc >> 60) & 1;
      if (regime == 1) {
        ap_no_el0 |= (desc >> 61) & 1;
        pxn_table |= (desc >> 59) & 1;
      }
      table = next;
      ++level;
      continue;
    }
    if (level == 3 && !(desc & 2)) return fault(Fault::Translation, 3);  // reserved at level 3
    if (level < 3) {
      // Blocks exist at levels 1 and 2 with 4K, and at level 2 with 16K and 64K (ARMv8.0).
      const bool block_ok = granule_log2 == 12 ? (level == 1 || level == 2) : level == 2;
      if (!block_ok) return fault(Fault::Translation, level);
    }
    break;
  }
  const unsigned lsb = granule_log2 + (3 - level) * stride;
  const uint64_t out = desc & 0x0000ffffffffffffull & ~((1ull << lsb) - 1);
  if (out >> oa_bits) return fault(Fault::AddressSize, level);
  // No hardware Access flag management on the A53: AF = 0 faults (D5.4.x).
  if (!((desc >> 10) & 1)) return fault(Fault::AccessFlag, level);

  WalkResult r;
  Translation& t = r.t;
  t.va_base = a & ~((1ull << lsb) - 1);
  t.pa_base = out;
  t.size_log2 = uint8_t(lsb);
  t.level = uint8_t(level);
  t.attr = uint8_t(mair >> (8 * ((desc >> 2) & 7)));
  t.sh = uint8_t((desc >> 8) & 3);
  const unsigned ap = unsigned(desc >> 6) & 3;
  const bool wxn = (s.sctlr_el[regime] >> 19) & 1;
  if (regime == 1) {
    t.global = !((desc >> 11) & 1);
    t.asid = current_asid(s);
    // D5.4.x, AP[2:1]: 00 EL1 RW; 01 EL1 and EL0 RW; 10 EL1 RO; 11 EL1 and EL0 RO.
    const bool r0 = (ap & 1) && !ap_no_el0;
    const bool w0 = ap == 1 && !ap_no_el0 && !ap_no_write;
    const bool w1 = !(ap & 2) && !ap_no_write;
    const bool uxn = ((desc >> 54) & 1) || xn_table;
    const bool pxn = ((desc >> 53) & 1) || pxn_table;
    // Memory writable at EL0 is never executable at EL1; with WXN, writable memory is
    // never executable (D5.4.x).
    const bool x0 = !uxn && !(wxn && w0);
    const bool x1 = !pxn && !w0 && !(wxn && w1);
    t.perms = uint8_t((r0 ? kPermR0 : 0) | (w0 ? kPermW0 : 0) | (x0 ? kPermX0 : 0) | kPermR1 | (w1 ? kPermW1 : 0) |
                      (x1 ? kPermX1 : 0));
  } else {
    // One privilege level: AP[1] is ignored, XN is bit 54 (D5.4.x).
    const bool w = !(ap & 2) && !ap_no_write;
    const bool x = !((desc >> 54) & 1) && !xn_table && !(wxn && w);
    t.perms = uint8_t(kPermR1 | (w ? kPermW1 : 0) | (x ? kPermX1 : 0));
  }
  return r;
}

}  // namespace bramble
