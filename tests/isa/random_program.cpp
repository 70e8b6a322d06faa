#include "tests/isa/random_program.h"

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <cstring>
#include <string_view>

#include "cpu/cpu.h"

namespace bramble::isa {

namespace {
using a64::Entry;
using a64::InsnClass;
using a64::InsnId;

bool is_ptr(unsigned r) { return r >= 20 && r <= 28; }

void set_field(uint32_t* w, const Entry& e, std::string_view name, uint32_t v) {
  if (const a64::Field* f = e.pattern.field(name)) {
    const uint32_t m = ((1u << f->width) - 1) << f->lsb;
    *w = (*w & ~m) | ((v << f->lsb) & m);
  }
}
uint32_t get_field(uint32_t w, const Entry& e, std::string_view name) {
  const a64::Field* f = e.pattern.field(name);
  return f ? f->extract(w) : 0;
}

// Lines whose behaviour depends on things outside a differential run's control: waiting,
// exceptions, system state that Unicorn models differently or not at all.
bool excluded(InsnId id) {
  switch (id) {
    case InsnId::WFE: case InsnId::WFI: case InsnId::SEV: case InsnId::SEVL: case InsnId::YIELD:
    case InsnId::SVC: case InsnId::HVC: case InsnId::SMC: case InsnId::BRK: case InsnId::HLT:
    case InsnId::DCPS1: case InsnId::DCPS2: case InsnId::DCPS3: case InsnId::ERET: case InsnId::DRPS:
    case InsnId::SYSL: case InsnId::MSR_imm_SPSel:
      return true;
    default:
      return false;
  }
}

// Writes of a base register are fine only where the line writes the zero register
// instead: lines whose Rd = 31 means SP.
bool rd_31_is_sp(InsnId id) {
  switch (id) {
    case InsnId::ADD_imm: case InsnId::SUB_imm: case InsnId::ADD_ext: case InsnId::SUB_ext:
    case InsnId::AND_imm: case InsnId::ORR_imm: case InsnId::EOR_imm:
      return true;
    default:
      return false;
  }
}
}  // namespace

ProgramGenerator::ProgramGenerator(uint64_t seed, std::vector<InsnClass> classes, const char* only_lines,
                                   bool ordinary_fp)
    : ordinary_fp_(ordinary_fp), rng_(seed) {
  // While developing a group, BRAMBLE_ISA_LINES (a regular expression on line names, such
  // as "_elem" or "^(SSHR|USHR)_") restricts the draw to the lines it matches.
  const char* env_lines = std::getenv("BRAMBLE_ISA_LINES");
  const char* lines = env_lines ? env_lines : only_lines;
  const std::regex only(lines ? lines : "");
  for (const Entry& e : a64::named_entries()) {
    if (std::find(classes.begin(), classes.end(), e.cls) == classes.end()) continue;
    if (!tier0_handler(uint16_t(e.id)) || excluded(e.id)) continue;
    if (lines && !std::regex_search(e.name.begin(), e.name.end(), only)) continue;
    candidates_.push_back(&e);
  }
}

uint64_t ProgramGenerator::interesting_value() {
  switch (rng_() % 8) {
    case 0: return rng_() % 16;
    case 1: return uint64_t(0) - (rng_() % 16);
    case 2: return 0x7fffffffffffffffull - rng_() % 4;
    case 3: return 0x8000000000000000ull + rng_() % 4;
    case 4: return 0x7fffffffull + (rng_() % 4) - 2;
    case 5: return 0xffffffffull - (rng_() % 4);
    case 6: return uint64_t(1) << (rng_() % 64);
    default: return rng_();
  }
}

uint64_t ProgramGenerator::fp_value(unsigned bits) {
  const unsigned E = bits == 16 ? 5 : bits == 32 ? 8 : 11, F = bits - 1 - E;
  const uint64_t sign = uint64_t(rng_() & 1) << (bits - 1);
  const uint64_t emax = (1ull << E) - 1, fmask = (1ull << F) - 1, bias = (1ull << (E - 1)) - 1;
  const uint64_t frac = rng_() & fmask;
  auto make = [&](uint64_t e, uint64_t f) { return sign | (e << F) | (f & fmask); };
  // Mostly 0.125 .. 8 with any fraction: sums and products of these are inexact or
  // exact by chance, so each operation decides IXC by itself.
  if (ordinary_fp_ && rng_() % 8 != 0) return make(bias - 3 + rng_() % 7, frac);
  switch (rng_() % 16) {
    case 0: return sign;                                                       // zero
    case 1: return make(emax, 0);                                              // infinity
    case 2: return make(emax, (1ull << (F - 1)) | frac);                       // quiet NaN
    case 3: return make(emax, (frac & (fmask >> 1)) | 1);                      // signalling NaN
    case 4: return make(0, frac | 1);                                          // denormal
    case 5: return make(0, rng_() % 2 ? 1 : fmask);                            // smallest/largest denormal
    case 6: return make(1 + rng_() % 2, frac);                                 // smallest normals
    case 7: return make(emax - 1 - rng_() % 2, rng_() % 2 ? fmask : frac);     // largest normals
    case 8: return make(bias + rng_() % 4, rng_() % 2 ? 0 : 1ull << (F - 1));  // 1, 1.5, 2, 3, ...
    case 9: {                                                                  // near an integer boundary
      const unsigned k = rng_() % (bits == 16 ? 16 : 66);
      return make(bias + k, rng_() % 3 == 0 ? fmask : rng_() % 2 ? 0 : frac & 7);
    }
    case 10: return make(bias - 1 - rng_() % 3, frac);                         // 0.125 .. 1
    case 11: return make(bias + F - 1 + rng_() % 3, frac | 1);                 // ulp near 0.5 .. 2
    default: return make(rng_() % emax, frac);                                 // any finite
  }
}

InitialState ProgramGenerator::initial_state(uint64_t end_addr) {
  InitialState s;
  for (unsigned i = 0; i < 31; ++i) s.x[i] = interesting_value();
  for (unsigned r : kPtrRegs) s.x[r] = kPointerBase + ((rng_() % 512) - 256) * 16;
  for (unsigned r : kIndexRegs) s.x[r] = rng_() % 256;
  s.x[kExitReg] = end_addr;
  s.x[kExclusivePtrReg] = kExclusiveBase + ((rng_() % 128) - 64) * 16;
  s.x[kOrderedPtrReg] = kOrderedBase + ((rng_() % 128) - 64) * 16;
  s.sp = kPointerBase + ((rng_() % 512) - 256) * 16;
  s.nzcv = uint32_t(rng_() % 16) << 28;
  s.tpidr_el0 = interesting_value();
  for (auto& v : s.v) {
    // Low 64 bits: one double, two singles or four halves; the high half anything.
    switch (rng_() % 3) {
      case 0: v[0] = fp_value(64); break;
      case 1: v[0] = fp_value(32) | fp_value(32) << 32; break;
      default: v[0] = fp_value(16) | fp_value(16) << 16 | fp_value(16) << 32 | fp_value(16) << 48; break;
    }
    v[1] = rng_() % 2 ? fp_value(64) : rng_();
  }
  // RMode (all four), FZ, DN and AHP in every combination.
  s.fpcr = ordinary_fp_ ? 0 : uint32_t(rng_() % 4) << 22 | uint32_t(rng_() % 8) << 24;
  s.data.resize(kDataSize);
  for (size_t i = 0; i < kDataSize; i += 8) {
    const uint64_t v = rng_() % 4 == 0 ? interesting_value() : rng_();
    std::memcpy(&s.data[i], &v, 8);
  }
  return s;
}

Program ProgramGenerator::program(uint64_t code_addr, unsigned length) {
  Program p;
  p.code_addr = code_addr;
  exclusive_flavor_ = unsigned(rng_() % 6);
  while (p.words.size() < length) {
    const Entry& e = *candidates_[rng_() % candidates_.size()];
    uint32_t w;
    for (int attempt = 0; attempt < 16; ++attempt) {
      if (make(e, unsigned(p.words.size()), length, &w)) {
        p.words.push_back(w);
        break;
      }
    }
  }
  return p;
}

// Draws a word of line e and adjusts its fields; false when the draw hit a case to avoid.
bool ProgramGenerator::make(const Entry& e, unsigned index, unsigned length, uint32_t* out) {
  uint32_t w = e.pattern.value | (uint32_t(rng_()) & ~e.pattern.mask);
  const InsnClass c = e.cls;
  const bool memory = c == InsnClass::SimdLdSt || c == InsnClass::SimdLdStStruct || c == InsnClass::LdStExclusive || c == InsnClass::LdStOrdered || c == InsnClass::LdStPair ||
                      c == InsnClass::LdStUnscaled || c == InsnClass::LdStImmPost || c == InsnClass::LdStImmPre ||
                      c == InsnClass::LdStUnpriv || c == InsnClass::LdStRegOffset || c == InsnClass::LdStUnsignedImm;
  const std::string_view name = e.name;
  const bool is_load = name.starts_with("LD");

  // Destination registers avoid the fixed-role registers.
  for (std::string_view f : {"Rd", "Rs"}) {
    if (!e.pattern.field(f)) continue;
    uint32_t r = get_field(w, e, f);
    while (is_ptr(r) || (r == 31 && rd_31_is_sp(e.id))) r = rng_() % 32;
    set_field(&w, e, f, r);
  }
  if (memory && is_load) {
    for (std::string_view f : {"Rt", "Rt2"}) {
      uint32_t r = get_field(w, e, f);
      while (is_ptr(r)) r = rng_() % 32;
      set_field(&w, e, f, r);
    }
  }
  if (c == InsnClass::LdStLiteral || e.id == InsnId::MRS) {
    uint32_t r = get_field(w, e, "Rt");
    while (is_ptr(r)) r = rng_() % 32;
    set_field(&w, e, "Rt", r);
  }

  if (memory) {
    static const unsigned kBases[] = {20, 21, 22, 23, 31};
    set_field(&w, e, "Rn", c == InsnClass::LdStExclusive ? kExclusivePtrReg
                           : c == InsnClass::LdStOrdered ? kOrderedPtrReg
                                                         : kBases[rng_() % 5]);
    // Rm: an index register; for the structure post-index forms 31 (the immediate) too.
    if (e.pattern.field("Rm"))
      set_field(&w, e, "Rm", c == InsnClass::SimdLdStStruct && rng_() % 3 == 0 ? 31 : kIndexRegs[rng_() % 2]);
    const unsigned t = get_field(w, e, "Rt"), t2 = get_field(w, e, "Rt2"), s = get_field(w, e, "Rs");
    if ((c == InsnClass::LdStPair || c == InsnClass::SimdLdSt) && is_load && t == t2 && e.pattern.field("Rt2"))
      return false;
    if (c == InsnClass::LdStExclusive) {
      const bool is_pair = name.ends_with("P");
      if (is_pair != (exclusive_flavor_ >= 4)) return false;
      if (is_pair) set_field(&w, e, "sz", exclusive_flavor_ - 4);
      else set_field(&w, e, "size", exclusive_flavor_);
      if (!is_load && (s == t || (is_pair && s == t2))) return false;
      if (is_load && is_pair && t == t2) return false;
    }
  }

  switch (c) {
    case InsnClass::CondBranch: case InsnClass::BranchImm: case InsnClass::CompareBranch:
    case InsnClass::TestBranch: {
      // Forward, to an instruction of the sequence or just past its end.
      const uint32_t ahead = 1 + uint32_t(rng_() % (length - index));
      set_field(&w, e, "imm19", ahead);
      set_field(&w, e, "imm26", ahead);
      set_field(&w, e, "imm14", ahead);
      break;
    }
    case InsnClass::BranchReg:
      set_field(&w, e, "Rn", kExitReg);
      break;
    case InsnClass::SysReg: {
      // Registers both models keep the same way at EL1 with the MMU off (Unicorn's A53
      // has the same identification values for these); read-only ones only for MRS.
      struct Reg { unsigned op0, op1, crn, crm, op2; bool read_only; };
      static constexpr Reg kRegs[] = {
          {3, 3, 4, 2, 0, false},   // NZCV
          {3, 3, 4, 2, 1, false},   // DAIF
          {3, 3, 13, 0, 2, false},  // TPIDR_EL0
          {3, 3, 13, 0, 3, false},  // TPIDRRO_EL0
          {3, 0, 13, 0, 4, false},  // TPIDR_EL1
          {3, 0, 4, 1, 0, false},   // SP_EL0 (SPSel is 1)
          {3, 0, 4, 0, 1, false},   // ELR_EL1
          {3, 0, 6, 0, 0, false},   // FAR_EL1
          {3, 0, 10, 2, 0, false},  // MAIR_EL1
          {3, 0, 7, 4, 0, false},   // PAR_EL1
          {3, 0, 4, 2, 2, true},    // CurrentEL
          {3, 0, 4, 2, 0, true},    // SPSel
          {3, 0, 0, 0, 0, true},    // MIDR_EL1
          {3, 0, 0, 0, 5, true},    // MPIDR_EL1
          {3, 3, 0, 0, 1, true},    // CTR_EL0
          {3, 3, 0, 0, 7, true},    // DCZID_EL0
      };
      const Reg& r = kRegs[rng_() % std::size(kRegs)];
      if (r.read_only && e.id == InsnId::MSR_reg) return false;
      set_field(&w, e, "o0", r.op0 - 2);
      set_field(&w, e, "op1", r.op1);
      set_field(&w, e, "CRn", r.crn);
      set_field(&w, e, "CRm", r.crm);
      set_field(&w, e, "op2", r.op2);
      break;
    }
    case InsnClass::SysInstr: {
      // Maintenance both models treat alike with the MMU off: DC ZVA zeroes the 64-byte
      // block at a pointer register; the cleans, IC and TLBI change no visible state.
      struct Op { unsigned op1, crn, crm, op2; bool takes_address; };
      static constexpr Op kOps[] = {
          {3, 7, 4, 1, true},   // DC ZVA
          {3, 7, 10, 1, true},  // DC CVAC
          {3, 7, 11, 1, true},  // DC CVAU
          {3, 7, 14, 1, true},  // DC CIVAC
          {0, 7, 6, 1, true},   // DC IVAC
          {3, 7, 5, 1, true},   // IC IVAU
          {0, 7, 5, 0, false},  // IC IALLU
          {0, 8, 7, 0, false},  // TLBI VMALLE1
          {0, 8, 7, 1, true},   // TLBI VAE1 (the operand is a page number, not an address)
      };
      const Op& op = kOps[rng_() % std::size(kOps)];
      set_field(&w, e, "op1", op.op1);
      set_field(&w, e, "CRn", op.crn);
      set_field(&w, e, "CRm", op.crm);
      set_field(&w, e, "op2", op.op2);
      set_field(&w, e, "Rt", op.takes_address ? kPtrRegs[rng_() % std::size(kPtrRegs)] : 31);
      break;
    }
    default:
      break;
  }
  if (a64::decode(w) != e.id) return false;  // landed in a carve-out or a more specific line
  *out = w;
  return true;
}

}  // namespace bramble::isa
