#include "cpu/a64/decoder.h"

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

namespace bramble::a64 {
namespace {

#define A64(name, mnem, cls, pat)                                                     \
  static_assert(parse_pattern(pat).valid, "a64.inc: malformed pattern for " #name);
#define A64_UNALLOC(pat, why) static_assert(parse_pattern(pat).valid, "a64.inc: malformed " pat);
#include "cpu/a64/a64.inc"
#undef A64
#undef A64_UNALLOC

constexpr Entry kNamed[] = {
#define A64(name, mnem, cls, pat) \
  Entry{InsnId::name, #name, mnem, InsnClass::cls, pat, parse_pattern(pat), ""},
#define A64_UNALLOC(pat, why)
#include "cpu/a64/a64.inc"
#undef A64
#undef A64_UNALLOC
};
static_assert(std::size(kNamed) == size_t(kNumInsns));

constexpr Entry kUnalloc[] = {
#define A64(name, mnem, cls, pat)
#define A64_UNALLOC(pat, why) \
  Entry{InsnId::UNALLOCATED, "UNALLOCATED", "", InsnClass::Unallocated, pat, parse_pattern(pat), why},
#include "cpu/a64/a64.inc"
#undef A64
#undef A64_UNALLOC
};

const Entry kUnallocatedEntry{InsnId::UNALLOCATED, "UNALLOCATED", "", InsnClass::Unallocated,
                              "", Pattern{}, "no line matches"};

// Candidates are bucketed by the top kIndexBits bits of the word; an entry whose pattern
// leaves some of those bits free sits in every bucket it can match. Within a bucket the
// carve-outs come first and the named lines follow sorted by the number of fixed bits,
// most first, so the first match is the right one.
constexpr int kIndexBits = 11;

struct Candidate {
  uint32_t mask, value;
  InsnId id;
};

class DecodeIndex {
 public:
  DecodeIndex() {
    std::vector<const Entry*> all;
    for (const Entry& e : kNamed) all.push_back(&e);
    for (const Entry& e : kUnalloc) all.push_back(&e);
    // UNALLOCATED carve-outs come first: they are exceptions written against the named
    // lines they cut into. Then the named lines, most fixed bits first.
    std::stable_sort(all.begin(), all.end(), [](const Entry* a, const Entry* b) {
      const bool ua = a->id == InsnId::UNALLOCATED, ub = b->id == InsnId::UNALLOCATED;
      if (ua != ub) return ua;
      return std::popcount(a->pattern.mask) > std::popcount(b->pattern.mask);
    });
    constexpr int shift = 32 - kIndexBits;
    for (uint32_t bucket = 0; bucket < (1u << kIndexBits); ++bucket) {
      start_[bucket] = uint32_t(cands_.size());
      const uint32_t top = bucket << shift;
      for (const Entry* e : all) {
        const uint32_t m = e->pattern.mask >> shift << shift;
        if ((top & m) == (e->pattern.value & m)) cands_.push_back({e->pattern.mask, e->pattern.value, e->id});
      }
    }
    start_[1u << kIndexBits] = uint32_t(cands_.size());
  }

  InsnId decode(uint32_t word) const {
    const uint32_t bucket = word >> (32 - kIndexBits);
    for (uint32_t i = start_[bucket]; i < start_[bucket + 1]; ++i)
      if ((word & cands_[i].mask) == cands_[i].value) return cands_[i].id;
    return InsnId::UNALLOCATED;
  }

 private:
  std::vector<Candidate> cands_;
  std::array<uint32_t, (1u << kIndexBits) + 1> start_{};
};

const DecodeIndex& index() {
  static const DecodeIndex idx;
  return idx;
}

}  // namespace

std::span<const Entry> named_entries() { return kNamed; }
std::span<const Entry> unallocated_entries() { return kUnalloc; }

const Entry& entry(InsnId id) {
  return id == InsnId::UNALLOCATED ? kUnallocatedEntry : kNamed[size_t(id)];
}

InsnId decode(uint32_t word) { return index().decode(word); }

}  // namespace bramble::a64
