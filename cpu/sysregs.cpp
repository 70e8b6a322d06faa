#include "cpu/sysregs.h"

#include <cstdio>
#include <cstring>

#include "cpu/exceptions.h"
#include "cpu/memory_access.h"

namespace bramble {

namespace {
constexpr uint32_t key(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2) {
  return SysRegKey{op0, op1, crn, crm, op2}.packed();
}

constexpr uint32_t kNZCV = key(3, 3, 4, 2, 0);
constexpr uint32_t kDAIF = key(3, 3, 4, 2, 1);
constexpr uint32_t kFPCR = key(3, 3, 4, 4, 0);
constexpr uint32_t kFPSR = key(3, 3, 4, 4, 1);
constexpr uint32_t kTPIDR_EL0 = key(3, 3, 13, 0, 2);
constexpr uint32_t kTPIDRRO_EL0 = key(3, 3, 13, 0, 3);
constexpr uint32_t kCurrentEL = key(3, 0, 4, 2, 2);
constexpr uint32_t kSPSel = key(3, 0, 4, 2, 0);
constexpr uint32_t kSP_EL0 = key(3, 0, 4, 1, 0);
constexpr uint32_t kMIDR_EL1 = key(3, 0, 0, 0, 0);
constexpr uint32_t kMPIDR_EL1 = key(3, 0, 0, 0, 5);
constexpr uint32_t kCTR_EL0 = key(3, 3, 0, 0, 1);
constexpr uint32_t kDCZID_EL0 = key(3, 3, 0, 0, 7);

constexpr unsigned kDcZvaBytes = 64;  // DCZID_EL0.BS = 4: 16 words

// Registers that exist once per exception level: op1 is 0 for EL1, 4 for EL2, 6 for EL3.
// The EL a per-EL register with this op1 belongs to, or 0.
unsigned el_of_op1(unsigned op1) { return op1 == 0 ? 1 : op1 == 4 ? 2 : op1 == 6 ? 3 : 0; }

// The banked register (ELR, SPSR, ESR, FAR, VBAR, SCTLR) a key names, or null.
uint64_t* per_el_reg(CpuState& s, SysRegKey k, unsigned* el, const char** name) {
  if (k.op0 != 3) return nullptr;
  *el = el_of_op1(k.op1);
  if (!*el) return nullptr;
  const unsigned e = *el;
  if (k.crn == 4 && k.crm == 0 && k.op2 == 0) { *name = "SPSR"; return &s.spsr_el[e]; }
  if (k.crn == 4 && k.crm == 0 && k.op2 == 1) { *name = "ELR"; return &s.elr_el[e]; }
  if (k.crn == 5 && k.crm == 2 && k.op2 == 0) { *name = "ESR"; return &s.esr_el[e]; }
  if (k.crn == 6 && k.crm == 0 && k.op2 == 0) { *name = "FAR"; return &s.far_el[e]; }
  if (k.crn == 12 && k.crm == 0 && k.op2 == 0) { *name = "VBAR"; return &s.vbar_el[e]; }
  if (k.crn == 1 && k.crm == 0 && k.op2 == 0) { *name = "SCTLR"; return &s.sctlr_el[e]; }
  return nullptr;
}

constexpr uint32_t kHCR_EL2 = key(3, 4, 1, 1, 0);
constexpr uint32_t kSCR_EL3 = key(3, 6, 1, 1, 0);
constexpr uint32_t kSP_EL1 = key(3, 4, 4, 1, 0);
constexpr uint32_t kSP_EL2 = key(3, 6, 4, 1, 0);

// An access the core does not allow (an EL2/EL3 register from a lower level) or a register
// it does not have: UNDEFINED (D1.10.4). --trace unimp names the register.
void undefined_access(Cpu& c, const char* what, SysRegKey k) {
  if (c.trace.unimp)
    std::fprintf(stderr, "unimp: %s %s at EL%u, PC 0x%llx: UNDEFINED\n", what, sysreg_name(k).c_str(), c.s.el,
                 (unsigned long long)c.s.pc);
  undefined_instruction(c);
}

}  // namespace

std::string sysreg_name(SysRegKey k) {
  CpuState scratch{};
  unsigned el;
  const char* name;
  if (per_el_reg(scratch, k, &el, &name)) return std::string(name) + "_EL" + std::to_string(el);
  switch (k.packed()) {
    case kHCR_EL2: return "HCR_EL2";
    case kSCR_EL3: return "SCR_EL3";
    case kSP_EL1: return "SP_EL1";
    case kSP_EL2: return "SP_EL2";
    case kNZCV: return "NZCV";
    case kDAIF: return "DAIF";
    case kFPCR: return "FPCR";
    case kFPSR: return "FPSR";
    case kTPIDR_EL0: return "TPIDR_EL0";
    case kTPIDRRO_EL0: return "TPIDRRO_EL0";
    case kCurrentEL: return "CurrentEL";
    case kSPSel: return "SPSel";
    case kSP_EL0: return "SP_EL0";
    case kMIDR_EL1: return "MIDR_EL1";
    case kMPIDR_EL1: return "MPIDR_EL1";
    case kCTR_EL0: return "CTR_EL0";
    case kDCZID_EL0: return "DCZID_EL0";
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "S%u_%u_C%u_C%u_%u", k.op0, k.op1, k.crn, k.crm, k.op2);
  return buf;
}

void select_stack_pointer(Cpu& c, unsigned spsel) { set_el(c, c.s.el, spsel); }

// The banked registers and the EL2/EL3 controls; returns false when k is none of them.
// SP_ELx and the ELx registers are accessible only from ELx or above (SP_ELx from above).
bool access_el_reg(Cpu& c, SysRegKey k, bool write, uint64_t* v, bool* ok) {
  unsigned el;
  const char* name;
  uint64_t* reg = per_el_reg(c.s, k, &el, &name);
  unsigned need = el;
  if (!reg) {
    switch (k.packed()) {
      case kHCR_EL2: reg = &c.s.hcr_el2; need = 2; break;
      case kSCR_EL3: reg = &c.s.scr_el3; need = 3; break;
      case kSP_EL1: reg = &c.s.sp_el[1]; need = 2; break;
      case kSP_EL2: reg = &c.s.sp_el[2]; need = 3; break;
      default: return false;
    }
  }
  if (c.s.el < need) {
    undefined_access(c, write ? "MSR" : "MRS", k);
    *ok = false;
    return true;
  }
  if (write) {
    // VBAR_ELx bits [10:0] are RES0 (D17.2.x): vectors are 2 KiB aligned.
    *reg = (reg == &c.s.vbar_el[el]) ? (*v & ~0x7ffull) : *v;
  } else {
    *v = *reg;
  }
  *ok = true;
  return true;
}

bool read_sysreg(Cpu& c, SysRegKey k, uint64_t* v) {
  if (bool ok; access_el_reg(c, k, false, v, &ok)) return ok;
  switch (k.packed()) {
    case kNZCV: *v = c.s.nzcv; return true;
    case kDAIF: *v = c.s.daif; return true;
    case kFPCR: *v = c.s.fpcr; return true;
    case kFPSR: *v = c.s.fpsr; return true;
    case kTPIDR_EL0: *v = c.s.tpidr_el0; return true;
    case kTPIDRRO_EL0: *v = c.s.tpidrro_el0; return true;
    case kCurrentEL: *v = uint64_t(c.s.el) << 2; return true;
    case kSPSel: *v = c.s.spsel; return true;
    case kSP_EL0: *v = c.s.spsel ? c.s.sp_el[0] : c.s.x[31]; return true;
    case kMIDR_EL1: *v = kMidrEl1; return true;
    // D13.2.101: bit 31 RES1, U = 0 (multiprocessor), MT = 0, Aff0 = core number.
    case kMPIDR_EL1: *v = 0x80000000ull | unsigned(c.core_id); return true;
    // Cortex-A53 TRM 4.3.x: 64-byte lines, VIPT I-cache, CWG/ERG 16 words.
    case kCTR_EL0: *v = 0x84448004; return true;
    case kDCZID_EL0: *v = 4; return true;
  }
  undefined_access(c, "MRS", k);
  return false;
}

bool write_sysreg(Cpu& c, SysRegKey k, uint64_t v) {
  if (bool ok; access_el_reg(c, k, true, &v, &ok)) return ok;
  switch (k.packed()) {
    case kNZCV: c.s.nzcv = uint32_t(v) & 0xf0000000u; return true;
    case kDAIF: c.s.daif = uint32_t(v) & 0x3c0u; return true;
    // FPCR: AHP, DN, FZ, RMode and the (ignored on the A53) trap enables, C5.2.7.
    case kFPCR: c.s.fpcr = uint32_t(v) & 0x07f09f00u; return true;
    case kFPSR: c.s.fpsr = uint32_t(v) & 0xf800009fu; return true;
    case kTPIDR_EL0: c.s.tpidr_el0 = v; return true;
    case kTPIDRRO_EL0:
      if (c.s.el == 0) break;
      c.s.tpidrro_el0 = v;
      return true;
    case kSPSel: select_stack_pointer(c, unsigned(v & 1)); return true;
    case kSP_EL0:
      if (c.s.spsel) c.s.sp_el[0] = v;
      else c.s.x[31] = v;
      return true;
  }
  undefined_access(c, "MSR", k);
  return false;
}

bool execute_sys(Cpu& c, SysRegKey k, uint64_t xt) {
  const uint32_t p = k.packed();
  if (p == key(1, 3, 7, 4, 1)) {  // DC ZVA: zero the naturally aligned block (C5.3.x)
    const uint64_t base = xt & ~uint64_t(kDcZvaBytes - 1);
    for (unsigned i = 0; i < kDcZvaBytes; i += 8) store<uint64_t>(c, base + i, 0);
    return true;
  }
  if (p == key(1, 3, 7, 5, 1)) {  // IC IVAU: decoded code at that line must be refetched
    c.invalidate_code(xt & ~63ull, 64);
    return true;
  }
  if (p == key(1, 0, 7, 5, 0) || p == key(1, 0, 7, 1, 0)) {  // IC IALLU, IC IALLUIS
    c.invalidate_all_code();
    return true;
  }
  // Data-cache maintenance by VA or set/way: there are no caches to maintain.
  if (k.op1 <= 3 && k.crn == 7 && (k.crm == 6 || k.crm == 10 || k.crm == 11 || k.crm == 14)) return true;
  // TLB maintenance: there is no TLB yet.
  if (k.crn == 8) return true;
  undefined_access(c, "SYS", k);
  return false;
}

}  // namespace bramble
