// Stage 1 address translation (Arm ARM D5, VMSAv8-64) for the EL1&0, EL2 and EL3 regimes,
// and the two levels of TLB that cache it:
//
//  - the architectural TLB (Tlb): whole translations as the table walk found them, tagged
//    with their regime and ASID (or global), kept until a TLBI removes them. It is what
//    makes "a stale entry stays visible until invalidated" true, across ASID switches too;
//  - the fast TLB (FastTlb): one direct-mapped 4 KiB-page entry per slot and per
//    translation context (EL0, EL1, EL2, EL3), with the host address for RAM. Both tiers
//    test it inline. It caches only the current context, so it is flushed whenever the
//    context changes (TTBR, TCR, SCTLR, MAIR, HCR writes) and on every TLBI.
//
// Stage 2 (HCR_EL2.VM) is not modelled: setting it stops the core with a message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>

namespace bramble {

class Cpu;
struct CpuState;

enum class Access : uint8_t { Read, Write, Exec };

// The fault a translation can end in (D5.x; ESR DFSC/IFSC and PAR_EL1.FST codes below).
enum class Fault : uint8_t { None, AddressSize, Translation, AccessFlag, Permission, Alignment };

// The 6-bit fault status code (D17.2.37 ISS encoding for Data/Instruction Aborts): the
// level is part of it for every fault but alignment.
inline uint32_t fault_status(Fault f, unsigned level) {
  switch (f) {
    case Fault::AddressSize: return 0x00 | level;
    case Fault::Translation: return 0x04 | level;
    case Fault::AccessFlag: return 0x08 | level;
    case Fault::Permission: return 0x0c | level;
    case Fault::Alignment: return 0x21;
    default: return 0;
  }
}

// Permission bits of a translation, for the unprivileged (EL0) and privileged accesses.
inline constexpr uint8_t kPermR0 = 1, kPermW0 = 2, kPermX0 = 4, kPermR1 = 8, kPermW1 = 16, kPermX1 = 32;

// The permission bit an access needs in context ctx (0 = EL0, else privileged).
inline uint8_t perm_bit(Access access, unsigned ctx) {
  const uint8_t base = access == Access::Read ? kPermR0 : access == Access::Write ? kPermW0 : kPermX0;
  return ctx == 0 ? base : uint8_t(base << 3);
}

// One translation as the walk produced it (also what the architectural TLB holds).
struct Translation {
  uint64_t va_base = 0;     // input address of the block or page, aligned to its size
  uint64_t pa_base = 0;     // its output address
  uint8_t size_log2 = 12;   // 12, 14, 16 (pages) ... 30 (1 GiB blocks)
  uint8_t level = 3;        // the level of the descriptor (a permission fault reports it)
  uint8_t perms = 0;        // kPerm* bits
  uint8_t attr = 0;         // the MAIR_ELx attribute byte (0x00 = Device-nGnRnE)
  uint8_t sh = 0;           // shareability, as the descriptor's SH[1:0]
  bool global = true;       // nG = 0
  uint16_t asid = 0;        // the ASID of a non-global EL1&0 entry
};

inline bool is_device(uint8_t attr) { return (attr & 0xf0) == 0; }

// The translation regime a context uses (D5.1.x): 1 = EL1&0 (contexts EL0 and EL1), 2 = EL2,
// 3 = EL3.
inline unsigned regime_of(unsigned el) { return el <= 1 ? 1 : el; }

// Result of a walk or a TLB lookup.
struct WalkResult {
  Fault fault = Fault::None;
  uint8_t level = 0;
  Translation t;
};

// The architectural TLB of one core. Entries are keyed by regime, ASID (or global) and the
// input address at the entry's own size, so an invalidation by VA finds a 2 MiB block as
// surely as a 4 KiB page. A full TLB is emptied, which the architecture allows at any time.
class Tlb {
 public:
  // The entry covering va in the regime for asid (global entries match every ASID).
  const Translation* lookup(unsigned regime, uint16_t asid, uint64_t va) const;
  void insert(unsigned regime, const Translation& t);

  // TLBI (C5.5): everything for a regime; by ASID; by VA (all ASIDs or one; last_level
  // restricts to leaf entries, which is all this TLB holds).
  void invalidate_regime(unsigned regime);
  void invalidate_asid(unsigned regime, uint16_t asid);
  void invalidate_va(unsigned regime, uint64_t va, bool any_asid, uint16_t asid);
  void clear() { map_.clear(); sizes_in_use_ = 0; }

 private:
  struct Key {
    uint64_t page;  // input address >> size_log2, with size_log2 in the low 6 bits
    uint32_t ctx;   // regime << 17 | global << 16 | asid
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return size_t((k.page * 0x9E3779B97F4A7C15ull) ^ k.ctx); }
  };
  static Key key(unsigned regime, bool global, uint16_t asid, uint64_t va, unsigned size_log2) {
    // The top byte never takes part: it is either ignored (TBI) or checked to be all
    // zeros or ones before the walk, so bit 55 stands for it.
    const uint64_t a = va & 0x00ffffffffffffffull;
    return Key{((a >> size_log2) << 6) | size_log2, (regime << 17) | (global ? 1u << 16 : 0u) | asid};
  }
  static constexpr size_t kMaxEntries = 1u << 16;
  std::unordered_map<Key, Translation, KeyHash> map_;
  uint64_t sizes_in_use_ = 0;  // bit n: some entry has size_log2 n
};

// The fast TLB: per context, a direct-mapped table of 4 KiB pages. The tags hold the
// page's input address (bits 63:12) when that access is allowed on the fast path, and
// kNoTag otherwise; a hit on a RAM page gives the host address as va + addend.
struct FastTlbEntry {
  uint64_t read_tag;    // RAM page readable in this context
  uint64_t write_tag;   // RAM page writable in this context
  uint64_t align_mask;  // ~0 when every access must be aligned (Device memory, SCTLR.A)
  uint64_t addend;      // host address - input address, for RAM pages
  // For the slow path: the translation of the page, whatever its permissions or memory.
  uint64_t page_tag;    // input page, or kNoTag
  uint64_t pa_offset;   // output address - input address
  uint8_t perms;        // kPerm* bits
  uint8_t attr;
  uint8_t level;         // of the descriptor, for permission faults
  uint8_t sh;            // shareability (PAR_EL1.SH after AT)
  uint8_t pad[4];
};
static_assert(sizeof(FastTlbEntry) == 56);

inline constexpr uint64_t kNoTag = 1;  // never equal to a page address
inline constexpr unsigned kFastTlbBits = 9;
inline constexpr unsigned kFastTlbSize = 1u << kFastTlbBits;

struct FastTlb {
  FastTlbEntry e[4][kFastTlbSize];  // by context: EL0, EL1, EL2, EL3
};

inline unsigned fast_tlb_slot(uint64_t va) { return unsigned(va >> 12) & (kFastTlbSize - 1); }

// The table walk for va in the regime of context el (0..3), with no side effect but reading
// descriptors: what AT and a TLB miss both use. Faults are returned, not taken.
// When stage 1 is off for the regime, the flat translation (D5.2.9), with the attributes
// of data accesses (instruction fetches never look at them).
WalkResult translate_walk(Cpu& c, unsigned el, uint64_t va);

// Whether stage 1 translation is enabled for the regime that context el uses.
bool stage1_enabled(const CpuState& s, unsigned el);
// With stage 1 off, HCR_EL2.DC makes the EL1&0 regime's data accesses Normal write-back
// instead of Device-nGnRnE (D5.2.9).
bool flat_memory_is_normal(const CpuState& s, unsigned regime);

// How a context's data accesses translate, as decoded blocks record it (Block::mode
// bits 3:2): through the TLB, or the flat mapping with Device or Normal memory, which
// translated code can test without a TLB lookup (D5.2.9). With SCTLR.A set, the TLB.
enum : uint32_t { kModeTlb = 0, kModeFlatDevice = 1u << 2, kModeFlatNormal = 2u << 2, kModeEl = 3 };

// The ASID the EL1&0 regime uses now (TCR_EL1.A1 selects TTBR0's or TTBR1's; TCR_EL1.AS
// says whether it has 8 or 16 bits).
uint16_t current_asid(const CpuState& s);

}  // namespace bramble
