#include "cpu/sysregs.h"

#include <cstdio>
#include <cstring>
#include <iterator>

#include "cpu/el2_traps.h"
#include "cpu/exceptions.h"
#include "cpu/memory_access.h"

namespace bramble {

namespace {
constexpr uint32_t key(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2) {
  return sysreg_key(op0, op1, crn, crm, op2);
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

// Identification registers of a Cortex-A53 r0p4 as the BCM2837 has it: no cryptographic
// extension, and (per this project's scope) AArch64 only at every EL. Values from the
// A53 TRM chapter 4 with those two differences.
constexpr uint32_t kREVIDR_EL1 = key(3, 0, 0, 0, 6);
constexpr uint32_t kID_AA64PFR0_EL1 = key(3, 0, 0, 4, 0);   // EL0..EL3 AArch64 only, FP and AdvSIMD
constexpr uint32_t kID_AA64DFR0_EL1 = key(3, 0, 0, 5, 0);   // debug v8, PMUv3, 6 BRPs, 4 WRPs, 2 CTX_CMPs
constexpr uint32_t kID_AA64ISAR0_EL1 = key(3, 0, 0, 6, 0);  // CRC32; no AES/SHA/PMULL
constexpr uint32_t kID_AA64MMFR0_EL1 = key(3, 0, 0, 7, 0);  // 40-bit PA, 16-bit ASID, 4K and 64K granules
constexpr uint32_t kCLIDR_EL1 = key(3, 1, 0, 0, 1);         // L1 I+D, L2 unified; LoUIS 1, LoC 2, LoUU 1
constexpr uint32_t kCCSIDR_EL1 = key(3, 1, 0, 0, 0);
constexpr uint32_t kAIDR_EL1 = key(3, 1, 0, 0, 7);

// Generic timer (D11.2): counters, and CTL/CVAL/TVAL of the EL1 physical (0), EL1
// virtual (1) and EL2 physical (2) timers.
constexpr uint32_t kCNTFRQ_EL0 = key(3, 3, 14, 0, 0);
constexpr uint32_t kCNTPCT_EL0 = key(3, 3, 14, 0, 1);
constexpr uint32_t kCNTVCT_EL0 = key(3, 3, 14, 0, 2);
constexpr uint32_t kCNTVOFF_EL2 = key(3, 4, 14, 0, 3);
constexpr uint32_t kCNTKCTL_EL1 = key(3, 0, 14, 1, 0);
constexpr uint32_t kCNTHCTL_EL2 = key(3, 4, 14, 1, 0);

// Which timer a key names (0..2) and which of TVAL (0), CTL (1), CVAL (2); -1 if none.
int timer_of(SysRegKey k, unsigned* reg) {
  if (k.op0 != 3 || k.crn != 14 || k.op2 > 2) return -1;
  *reg = k.op2;
  if (k.op1 == 3 && k.crm == 2) return 0;  // CNTP_*_EL0
  if (k.op1 == 3 && k.crm == 3) return 1;  // CNTV_*_EL0
  if (k.op1 == 4 && k.crm == 2) return 2;  // CNTHP_*_EL2
  return -1;
}

uint64_t physical_count(Cpu& c) { return c.hooks ? c.hooks->counter_ticks(c) : 0; }

// The count a timer compares against: virtual = physical - CNTVOFF_EL2.
uint64_t timer_count(Cpu& c, int timer) {
  const uint64_t p = physical_count(c);
  return timer == 1 ? p - c.s.cntvoff_el2 : p;
}

constexpr uint32_t kHCR_EL2 = key(3, 4, 1, 1, 0);
constexpr uint32_t kSCR_EL3 = key(3, 6, 1, 1, 0);
constexpr uint32_t kSP_EL1 = key(3, 4, 4, 1, 0);
constexpr uint32_t kSP_EL2 = key(3, 6, 4, 1, 0);


}  // namespace

// An access the core does not allow (an EL2/EL3 register from a lower level) or a register
// it does not have: UNDEFINED (D1.10.4). --trace unimp names the register.
void undefined_access(Cpu& c, const char* what, SysRegKey k) {
  if (c.trace.unimp)
    std::fprintf(stderr, "unimp: %s %s at EL%u, PC 0x%llx: UNDEFINED\n", what, sysreg_name(k).c_str(), c.s.el,
                 (unsigned long long)c.s.pc);
  undefined_instruction(c);
}

std::string sysreg_name(SysRegKey k) {
  if (const int i = stored_index(k.packed()); i >= 0) return kStoredRegs[i].name;
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

void reset_stored_sysregs(CpuState& s, int core_id) {
  for (size_t i = 0; i < std::size(kStoredRegs); ++i) s.stored_sysregs[i] = kStoredRegs[i].reset;
  stored<reg::VMPIDR_EL2>(s) = 0x80000000ull | unsigned(core_id);  // VMPIDR_EL2
}

bool fp_access_trapped(Cpu& c) {
  // ISS for a trap from AArch64: CV = 1, COND = 0b1110 (D17.2.37).
  const uint32_t esr = make_esr(ExceptionClass::FpAccess, (1u << 24) | (0xeu << 20));
  const unsigned el = c.s.el;
  if (el <= 1) {
    // CPACR_EL1.FPEN: 0b11 traps nothing, 0b01 traps EL0, 0b00 and 0b10 trap EL0 and EL1.
    const unsigned fpen = unsigned(stored<reg::CPACR_EL1>(c.s) >> 20) & 3;
    if (el == 0 ? fpen != 3 : (fpen & 1) == 0) {
      take_exception(c, 1, ExceptionType::Sync, esr, c.s.pc);
      return true;
    }
  }
  if (el <= 2 && (stored<reg::CPTR_EL2>(c.s) >> 10) & 1) {  // CPTR_EL2.TFP
    take_exception(c, 2, ExceptionType::Sync, esr, c.s.pc);
    return true;
  }
  if ((stored<reg::CPTR_EL3>(c.s) >> 10) & 1) {  // CPTR_EL3.TFP
    take_exception(c, 3, ExceptionType::Sync, esr, c.s.pc);
    return true;
  }
  return false;
}

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
    // HCR_EL2.RW and SCR_EL3.RW are RAO/WI: no level below is AArch32 capable.
    if (reg == &c.s.hcr_el2) *reg |= kHcrRw;
    if (reg == &c.s.scr_el3) *reg |= kScrRw;
    if (reg == &c.s.scr_el3) {
      c.interrupts_may_change();  // SCR_EL3.IRQ/FIQ/EA route them
      c.translation_changed();    // and NS decides whether HCR_EL2.DC/TGE apply
    }
  } else {
    *v = *reg;
  }
  *ok = true;
  return true;
}

// The lowest EL that may use a register, from its op1 (D12.2.x): 3 -> EL0, 4 -> EL2,
// 6 -> EL3, anything else EL1. Finer EL0 controls (SCTLR_EL1.UMA, UCT, ...) are not
// modelled yet: the EL0 registers are simply allowed.
unsigned min_el(SysRegKey k) { return k.op1 == 3 ? 0 : k.op1 == 4 ? 2 : k.op1 == 6 ? 3 : 1; }

// Registers whose writes change what translations mean: the fast TLB and block links go.
static bool affects_translation(uint32_t p) {
  switch (p) {
    case reg::TTBR0_EL1: case reg::TTBR1_EL1: case reg::TCR_EL1: case reg::TTBR0_EL2: case reg::TCR_EL2:
    case reg::TTBR0_EL3: case reg::TCR_EL3: case reg::MAIR_EL1: case reg::MAIR_EL2: case reg::MAIR_EL3:
    case kHCR_EL2:
      return true;
  }
  const SysRegKey k{p >> 14, (p >> 11) & 7, (p >> 7) & 15, (p >> 3) & 15, p & 7};
  return k.op0 == 3 && k.crn == 1 && k.crm == 0 && k.op2 == 0 && el_of_op1(k.op1);  // SCTLR_ELx
}

bool el0_daif_trapped(Cpu& c, uint32_t word) {
  if (c.s.el != 0 || ((c.s.sctlr_el[1] >> 9) & 1)) return false;  // SCTLR_EL1.UMA
  sys_trap(c, sync_target_el(c.s), word);
  return true;
}

// The finer controls on EL0 and EL1 access to registers that op1 alone allows (D1.x):
// SCTLR_EL1.UMA (DAIF) and UCT (CTR_EL0), CNTKCTL_EL1 (EL0 counters and timers) trap to
// EL1; CNTHCTL_EL2 (EL0/EL1 physical counter and timer) traps to EL2. True when the
// access trapped (EC 0x18 has been taken).
static bool access_trapped(Cpu& c, SysRegKey k, uint32_t word) {
  const uint32_t p = k.packed();
  if (c.s.el >= 2) return false;
  unsigned reg = 0;
  const int t = timer_of(k, &reg);
  const bool phys_count = p == kCNTPCT_EL0, virt_count = p == kCNTVCT_EL0;
  if (c.s.el == 0) {
    const uint64_t sctlr = c.s.sctlr_el[1], kctl = c.s.cntkctl_el1;
    bool allowed = true;
    if (p == kDAIF) return el0_daif_trapped(c, word);
    if (p == kCTR_EL0) allowed = (sctlr >> 15) & 1;                    // UCT
    else if (phys_count) allowed = kctl & 1;                           // EL0PCTEN
    else if (virt_count) allowed = (kctl >> 1) & 1;                    // EL0VCTEN
    else if (p == kCNTFRQ_EL0) allowed = kctl & 3;                     // either
    else if (t == 0) allowed = (kctl >> 9) & 1;                        // EL0PTEN
    else if (t == 1) allowed = (kctl >> 8) & 1;                        // EL0VTEN
    if (!allowed) {
      sys_trap(c, sync_target_el(c.s), word);
      return true;
    }
  }
  // CNTHCTL_EL2 applies while EL2 is in use for the lower levels (Non-secure).
  if (el2_enabled(c.s)) {
    const uint64_t hctl = c.s.cnthctl_el2;
    if ((phys_count && !(hctl & 1)) || (t == 0 && !(hctl & 2))) {
      sys_trap(c, 2, word);
      return true;
    }
  }
  return false;
}

bool read_sysreg(Cpu& c, SysRegKey k, uint64_t* v, uint32_t word) {
  if (c.s.el < min_el(k)) {
    undefined_access(c, "MRS", k);
    return false;
  }
  if (access_trapped(c, k, word) || register_access_trapped_above(c, k, false, word)) return false;
  if (bool ok; access_el_reg(c, k, false, v, &ok)) return ok;
  if (const int i = stored_index(k.packed()); i >= 0) {
    *v = c.s.stored_sysregs[i];
    return true;
  }
  unsigned reg = 0;
  if (const int t = timer_of(k, &reg); t >= 0) {
    const uint64_t count = timer_count(c, t);
    if (reg == 0) {  // TVAL: CVAL - count, as 32 bits (D11.2.4)
      *v = uint32_t(c.s.cnt_cval[t] - count);
    } else if (reg == 1) {  // CTL: ISTATUS when enabled and the count has reached CVAL
      const bool fired = (c.s.cnt_ctl[t] & 1) && count >= c.s.cnt_cval[t];
      *v = c.s.cnt_ctl[t] | (fired ? 4u : 0u);
    } else {
      *v = c.s.cnt_cval[t];
    }
    return true;
  }
  switch (k.packed()) {
    case kCNTFRQ_EL0: *v = c.s.cntfrq; return true;
    case kCNTPCT_EL0: *v = physical_count(c); return true;
    case kCNTVCT_EL0: *v = timer_count(c, 1); return true;
    case kCNTVOFF_EL2: *v = c.s.cntvoff_el2; return true;
    case kCNTKCTL_EL1: *v = c.s.cntkctl_el1; return true;
    case kCNTHCTL_EL2: *v = c.s.cnthctl_el2; return true;
    case kREVIDR_EL1: *v = 0; return true;
    case kID_AA64PFR0_EL1: *v = 0x1111; return true;
    case kID_AA64DFR0_EL1: *v = 0x10305106; return true;
    case kID_AA64ISAR0_EL1: *v = 0x10000; return true;
    case kID_AA64MMFR0_EL1: *v = 0x1122; return true;
    case kCLIDR_EL1: *v = 0x0A200023; return true;
    case kAIDR_EL1: *v = 0; return true;
    case kCCSIDR_EL1: {
      // CSSELR_EL1 selects the cache: L1 data 32 KiB 4-way, L1 instruction 32 KiB 2-way,
      // L2 512 KiB 16-way, all with 64-byte lines (the BCM2837's configuration).
      const uint64_t sel = stored<reg::CSSELR_EL1>(c.s) & 0xf;
      *v = sel == 0 ? 0x700FE01A : sel == 1 ? 0x201FE00A : sel == 2 ? 0x703FE07A : 0;
      return true;
    }
  }
  // The rest of the ID register space (op0 3, op1 0, CRn 0, CRm 1..7) reads as zero
  // (D12.3.1): AArch32 ID registers of a core without AArch32, and reserved ones.
  if (k.op0 == 3 && k.op1 == 0 && k.crn == 0 && k.crm >= 1 && k.crm <= 7) {
    *v = 0;
    return true;
  }
  if ((k.packed() == kFPCR || k.packed() == kFPSR) && fp_access_trapped(c)) return false;
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
    // DZP (bit 4) says DC ZVA is prohibited here (SCTLR_EL1.DZE, HCR_EL2.TDZ).
    case kDCZID_EL0: *v = 4 | (dc_zva_prohibited(c.s) ? 0x10 : 0); return true;
  }
  undefined_access(c, "MRS", k);
  return false;
}

// Write side of the registers that change how the core works, before they are stored;
// false when the value asks for something this core does not model (the core stopped).
static bool check_control_write(Cpu& c, SysRegKey k, uint64_t v) {
  const bool sctlr = k.op0 == 3 && k.crn == 1 && k.crm == 0 && k.op2 == 0 && el_of_op1(k.op1);
  const char* what = nullptr;
  // SCTLR_ELx.EE (bit 25) and SCTLR_EL1.E0E (bit 24): big-endian data accesses.
  if (sctlr && ((v >> 25) & 1 || (k.op1 == 0 && (v >> 24) & 1))) what = "big-endian data (EE/E0E)";
  if (k.packed() == kHCR_EL2 && (v & 1)) what = "stage 2 translation (VM)";
  if (!what) return true;
  char msg[128];
  std::snprintf(msg, sizeof msg, "MSR %s asks for %s, which bramble does not model", sysreg_name(k).c_str(), what);
  c.stop(StopReason::Unsupported, msg);
  return false;
}

bool write_sysreg(Cpu& c, SysRegKey k, uint64_t v, uint32_t word) {
  if (c.s.el < min_el(k)) {
    undefined_access(c, "MSR", k);
    return false;
  }
  if (access_trapped(c, k, word) || register_access_trapped_above(c, k, true, word)) return false;
  if (!check_control_write(c, k, v)) return false;
  if (affects_translation(k.packed())) {
    bool ok = true;
    if (!access_el_reg(c, k, true, &v, &ok)) c.s.stored_sysregs[stored_index(k.packed())] = v;
    if (ok) {
      c.translation_changed();
      if (k.packed() == kHCR_EL2) c.interrupts_may_change();  // IMO/FMO/AMO/TGE route them
    }
    return ok;
  }
  if (bool ok; access_el_reg(c, k, true, &v, &ok)) return ok;
  if (const int i = stored_index(k.packed()); i >= 0) {
    c.s.stored_sysregs[i] = v;
    return true;
  }
  unsigned reg = 0;
  if (const int t = timer_of(k, &reg); t >= 0) {
    if (reg == 0) c.s.cnt_cval[t] = timer_count(c, t) + uint64_t(int64_t(int32_t(v)));  // TVAL
    else if (reg == 1) c.s.cnt_ctl[t] = uint32_t(v) & 3;  // ISTATUS is read-only
    else c.s.cnt_cval[t] = v;
    c.request_yield();  // the machine recomputes the timer's output line and deadline
    return true;
  }
  if ((k.packed() == kFPCR || k.packed() == kFPSR) && fp_access_trapped(c)) return false;
  switch (k.packed()) {
    // CNTFRQ_EL0 is writable only at the highest EL (EL3): firmware sets it, D11.2.1.
    case kCNTFRQ_EL0:
      if (c.s.el != 3) break;
      c.s.cntfrq = uint32_t(v);
      return true;
    case kCNTVOFF_EL2:
      c.s.cntvoff_el2 = v;
      c.request_yield();
      return true;
    case kCNTKCTL_EL1: c.s.cntkctl_el1 = v & 0x3ff; return true;
    case kCNTHCTL_EL2: c.s.cnthctl_el2 = v & 0xff; return true;
    case kNZCV: c.s.nzcv = uint32_t(v) & 0xf0000000u; return true;
    case kDAIF:
      c.s.daif = uint32_t(v) & 0x3c0u;
      c.interrupts_may_change();
      return true;
    // FPCR: AHP, DN, FZ and RMode (C5.2.7). The A53 does not trap FP exceptions, so the
    // trap enables are RAZ/WI, and Len/Stride and FPSR's NZCV exist only for AArch32.
    case kFPCR: c.s.fpcr = uint32_t(v) & 0x07c00000u; return true;
    case kFPSR: c.s.fpsr = uint32_t(v) & 0x0800009fu; return true;  // QC, IDC, IXC..IOC
    case kTPIDR_EL0: c.s.tpidr_el0 = v; return true;
    case kTPIDRRO_EL0:
      if (c.s.el == 0) break;
      c.s.tpidrro_el0 = v;
      return true;
    case kSPSel: set_el(c, c.s.el, unsigned(v & 1)); return true;
    case kSP_EL0:
      if (c.s.spsel) c.s.sp_el[0] = v;
      else c.s.x[31] = v;
      return true;
  }
  undefined_access(c, "MSR", k);
  return false;
}

}  // namespace bramble
