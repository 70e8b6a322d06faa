// The encoding table's own consistency, and its agreement with Capstone (an independent
// decoder) on names and on which words are allocated.
#include <gtest/gtest.h>

#include <bit>
#include <map>
#include <random>
#include <string>

#include "cpu/a64/decoder.h"
#include "cpu/disasm.h"

using namespace bramble;
using namespace bramble::a64;

namespace {

std::vector<const Entry*> all_entries() {
  std::vector<const Entry*> v;
  for (const Entry& e : named_entries()) v.push_back(&e);
  for (const Entry& e : unallocated_entries()) v.push_back(&e);
  return v;
}

bool mnemonic_matches(std::string_view list, const std::string& m) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t bar = list.find('|', start);
    if (bar == std::string_view::npos) bar = list.size();
    std::string_view alt = list.substr(start, bar - start);
    if (!alt.empty() && alt.back() == '*') {
      if (m.compare(0, alt.size() - 1, alt.substr(0, alt.size() - 1)) == 0) return true;
    } else if (alt == m) {
      return true;
    }
    start = bar + 1;
  }
  return false;
}

// Encodings that Capstone 4.0.2 decodes but ARMv8.0-A leaves unallocated: they belong to
// later extensions, which the Cortex-A53 does not have.
struct LaterExtension {
  uint32_t mask, value;
  const char* what;
};
const LaterExtension kLaterExtensions[] = {
    // In the exclusive group (size 001000 o2 L o1 Rs o0 Rt2 Rn Rt), ARMv8.1 added CASP
    // (o2=0 o1=1 size=0x), CAS (o2=1 o1=1) and LDLAR/STLLR (o2=1 o1=0 o0=0).
    {0xbfa00000, 0x08200000, "ARMv8.1 LSE CASP"},
    {0x3fa00000, 0x08a00000, "ARMv8.1 LSE CAS"},
    {0x3fa08000, 0x08800000, "ARMv8.1 LOR LDLAR/STLLR"},
    {0x3b200c00, 0x38200000, "ARMv8.1 LSE atomic memory operations (LDADD, SWP, ...)"},
    {0x3b200400, 0x38200400, "ARMv8.3 LDRAA/LDRAB"},
};

bool is_later_extension(uint32_t w) {
  for (const auto& x : kLaterExtensions)
    if ((w & x.mask) == x.value) return true;
  return false;
}


// Register combinations that the Arm ARM makes CONSTRAINED UNPREDICTABLE (K1.2) and that
// Capstone (like LLVM) refuses to disassemble although the encoding is allocated:
// writeback to a base register that is also transferred, a pair load into one register
// twice, and exclusives whose status register is also the data or base register.
bool constrained_unpredictable(const Entry& e, uint32_t w) {
  const unsigned t = w & 31, n = (w >> 5) & 31, t2 = (w >> 10) & 31, s = (w >> 16) & 31;
  const std::string_view name = e.name;
  const bool writeback = name.ends_with("_post") || name.ends_with("_pre");
  const bool pair = e.cls == InsnClass::LdStPair || name.starts_with("LDP") || name.starts_with("STP") ||
                    name.starts_with("LDNP") || name.starts_with("STNP");
  const bool is_load = name.starts_with("LD");
  if (writeback && n != 31 && e.cls != InsnClass::SimdLdSt && e.cls != InsnClass::SimdLdStStruct &&
      (n == t || (pair && n == t2)))
    return true;
  if (pair && is_load && t == t2) return true;
  if (e.cls == InsnClass::LdStExclusive) {
    const bool is_store = name.starts_with("ST");
    const bool is_pair = name.ends_with("P");
    if (is_store && (s == t || (s == n && n != 31) || (is_pair && s == t2))) return true;
    if (!is_store && is_pair && t == t2) return true;
  }
  return false;
}

// Known errors of Capstone 4.0.2 (Debian 12), where the Arm ARM decides:
// - it refuses LDTR*/STTR* whose base register equals the transfer register, although
//   these have no writeback and are ordinary, predictable encodings (C6.2.x LDTR);
// - it decodes the unallocated op0 = 00 system space outside hints, barriers and PSTATE
//   writes as MSR/MRS S3_... (C5.1.2: that space is unallocated in ARMv8.0).
// - it refuses DUP (general) when the imm5 bits above the lowest set bit (ignored: the
//   Arm ARM shows them as x) are nonzero, and INS (element) when the imm4 bits below the
//   source index (likewise ignored) are nonzero.
bool capstone_refuses_wrongly(const Entry& e, uint32_t w) {
  const unsigned t = w & 31, n = (w >> 5) & 31;
  const unsigned imm5 = (w >> 16) & 31, imm4 = (w >> 11) & 15;
  const unsigned lowbit = imm5 & (~imm5 + 1);  // element size marker: 1, 2, 4 or 8
  if (e.id == InsnId::DUP_gen) return (imm5 & ~(2 * lowbit - 1)) != 0;
  if (e.id == InsnId::INS_elem) return (imm4 & (lowbit - 1)) != 0;
  return e.cls == InsnClass::LdStUnpriv && n == t;
}
bool capstone_accepts_wrongly(uint32_t w, const std::string& mnemonic) {
  return (w & 0xffd80000u) == 0xd5000000u && (mnemonic == "msr" || mnemonic == "mrs");
}

}  // namespace

TEST(A64Table, OverlapsAreExplicitlyMoreSpecific) {
  const auto all = all_entries();
  int errors = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    for (size_t j = i + 1; j < all.size(); ++j) {
      const Pattern& a = all[i]->pattern;
      const Pattern& b = all[j]->pattern;
      if (((a.value ^ b.value) & a.mask & b.mask) != 0) continue;  // disjoint
      // A carve-out wins over whatever it overlaps (see encoding.h).
      if (all[i]->id == InsnId::UNALLOCATED || all[j]->id == InsnId::UNALLOCATED) continue;
      const bool a_in_b = (a.mask & b.mask) == b.mask && a.mask != b.mask;  // a more specific
      const bool b_in_a = (a.mask & b.mask) == a.mask && a.mask != b.mask;
      if (!a_in_b && !b_in_a) {
        ADD_FAILURE() << all[i]->name << " [" << all[i]->pattern_text << "] and " << all[j]->name << " ["
                      << all[j]->pattern_text << "] overlap and neither is more specific";
        if (++errors > 20) return;
      }
    }
  }
}

TEST(A64Table, FieldsLieInsideTheirWord) {
  for (const Entry& e : named_entries()) {
    for (int i = 0; i < e.pattern.nfields; ++i) {
      const Field& f = e.pattern.fields[i];
      EXPECT_LE(f.lsb + f.width, 32) << e.name;
      const uint32_t fm = ((f.width == 32) ? ~0u : ((1u << f.width) - 1)) << f.lsb;
      EXPECT_EQ(fm & e.pattern.mask, 0u) << e.name << " field " << f.name << " overlaps fixed bits";
    }
  }
}

TEST(A64Table, EveryEntryDecodesToItselfAndCapstoneAgreesOnTheMnemonic) {
  std::mt19937 rng(12345);
  for (const Entry& e : named_entries()) {
    int reached = 0, agreed = 0, undecodable = 0;
    std::string first_bad;
    for (int k = 0; k < 400; ++k) {
      const uint32_t w = e.pattern.value | (uint32_t(rng()) & ~e.pattern.mask);
      if (decode(w) != e.id) continue;  // a more specific line owns this word
      ++reached;
      if (constrained_unpredictable(e, w) || capstone_refuses_wrongly(e, w)) {
        ++agreed;
        continue;
      }
      const std::string m = disassemble_mnemonic(w, 0x1000);
      if (m.empty()) {
        ++undecodable;
        if (first_bad.empty()) first_bad = "capstone cannot decode " + std::to_string(w);
        continue;
      }
      if (mnemonic_matches(e.mnemonics, m)) ++agreed;
      else if (first_bad.empty()) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "%08x: capstone says '%s'", w, disassemble(w, 0x1000).c_str());
        first_bad = buf;
      }
    }
    EXPECT_GT(reached, 0) << e.name << " is shadowed by more specific lines everywhere";
    EXPECT_EQ(agreed + undecodable, reached) << e.name << ": " << first_bad;
    EXPECT_EQ(undecodable, 0) << e.name << ": " << first_bad;
  }
}

// Capstone and the table must agree on which words are instructions at all: a word that
// Capstone decodes but the table calls UNALLOCATED is a missing line (unless it belongs
// to a later architecture extension), and a word the table names but Capstone rejects
// is a line that is too broad.
TEST(A64Table, AllocatedSpaceAgreesWithCapstone) {
  std::mt19937 rng(777);
  std::map<std::string, int> missing, too_broad;
  for (int k = 0; k < 4'000'000; ++k) {
    const uint32_t w = uint32_t(rng());
    const InsnId id = decode(w);
    const std::string m = disassemble_mnemonic(w, 0x1000);
    if (id == InsnId::UNALLOCATED && !m.empty() && !is_later_extension(w) && !capstone_accepts_wrongly(w, m)) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "%08x %s", w, disassemble(w, 0x1000).c_str());
      if (missing[m]++ == 0) ADD_FAILURE() << "no table line for " << buf;
    }
    if (id != InsnId::UNALLOCATED && m.empty() && !constrained_unpredictable(entry(id), w) &&
        !capstone_refuses_wrongly(entry(id), w)) {
      if (too_broad[std::string(entry(id).name)]++ == 0)
        ADD_FAILURE() << entry(id).name << " matches " << std::hex << w << " which Capstone rejects";
    }
  }
}
