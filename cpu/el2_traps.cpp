// The trap controls a hypervisor or secure monitor sets on lower levels' system register
// accesses and SYS instructions: HCR_EL2's TID1/TID2/TID3, TACR, TIDCP, TSW, TPC, TPU,
// TTLB, TVM/TRVM and TDZ (D13.2.46, ARMv8.0 meanings), and the Cortex-A53's ACTLR_EL2/
// ACTLR_EL3 access enables for its implementation-defined registers (A53 TRM 4.3.x).
// A trapped access is taken as EC 0x18 carrying the instruction's fields.
#include "cpu/el2_traps.h"

#include "cpu/exceptions.h"

namespace bramble {

namespace {
constexpr uint32_t key(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2) {
  return sysreg_key(op0, op1, crn, crm, op2);
}

constexpr uint64_t bit(unsigned n) { return 1ull << n; }
constexpr uint64_t kTID1 = bit(16), kTID2 = bit(17), kTID3 = bit(18), kTIDCP = bit(20), kTACR = bit(21),
                   kTSW = bit(22), kTPC = bit(23), kTPU = bit(24), kTTLB = bit(25), kTVM = bit(26), kTDZ = bit(28),
                   kTRVM = bit(30);

// The core runs at EL1 or EL0 with EL2's controls in force.
bool el2_controls(const CpuState& s) { return s.el <= 1 && el2_enabled(s); }

// The EL1 registers whose writes HCR_EL2.TVM traps and whose reads TRVM traps: the ones
// that hold the virtual memory configuration (D13.2.46).
bool is_virtual_memory_control(uint32_t p) {
  switch (p) {
    case key(3, 0, 1, 0, 0):   // SCTLR_EL1
    case key(3, 0, 2, 0, 0):   // TTBR0_EL1
    case key(3, 0, 2, 0, 1):   // TTBR1_EL1
    case key(3, 0, 2, 0, 2):   // TCR_EL1
    case key(3, 0, 5, 2, 0):   // ESR_EL1
    case key(3, 0, 6, 0, 0):   // FAR_EL1
    case key(3, 0, 5, 1, 0):   // AFSR0_EL1
    case key(3, 0, 5, 1, 1):   // AFSR1_EL1
    case key(3, 0, 10, 2, 0):  // MAIR_EL1
    case key(3, 0, 10, 3, 0):  // AMAIR_EL1
    case key(3, 0, 13, 0, 1):  // CONTEXTIDR_EL1
      return true;
  }
  return false;
}

// The A53's implementation-defined registers that ACTLR_EL2/ACTLR_EL3 guard, and the
// enable bit of each (A53 TRM 4.3.x): CPUACTLR 0, CPUECTLR 1, L2CTLR 4, L2ECTLR 5,
// L2ACTLR 6; -1 for any other register.
int actlr_enable_bit(uint32_t p) {
  switch (p) {
    case key(3, 1, 15, 2, 0): return 0;  // CPUACTLR_EL1
    case key(3, 1, 15, 2, 1): return 1;  // CPUECTLR_EL1
    case key(3, 1, 11, 0, 2): return 4;  // L2CTLR_EL1
    case key(3, 1, 11, 0, 3): return 5;  // L2ECTLR_EL1
    case key(3, 1, 15, 0, 0): return 6;  // L2ACTLR_EL1
  }
  return -1;
}

bool trap_to(Cpu& c, unsigned el, uint32_t word) {
  sys_trap(c, el, word);
  return true;
}
}  // namespace

bool register_access_trapped_above(Cpu& c, SysRegKey k, bool write, uint32_t word) {
  const uint32_t p = k.packed();
  const CpuState& s = c.s;
  if (const int b = actlr_enable_bit(p); b >= 0 && s.el < 3) {
    // EL1 needs the enable in ACTLR_EL2 (when EL2 controls it) and in ACTLR_EL3; EL2
    // needs it in ACTLR_EL3. The EL2 check comes first (it is the nearer level).
    if (el2_controls(s) && !((stored<reg::ACTLR_EL2>(s) >> b) & 1)) return trap_to(c, 2, word);
    if (!((stored<reg::ACTLR_EL3>(s) >> b) & 1)) return trap_to(c, 3, word);
  }
  if (!el2_controls(s)) return false;
  const uint64_t hcr = s.hcr_el2;
  if (s.el == 1) {
    if ((hcr & kTVM) && write && is_virtual_memory_control(p)) return trap_to(c, 2, word);
    if ((hcr & kTRVM) && !write && is_virtual_memory_control(p)) return trap_to(c, 2, word);
    if ((hcr & kTACR) && p == key(3, 0, 1, 0, 1)) return trap_to(c, 2, word);  // ACTLR_EL1
    // TIDCP: the implementation-defined space, CRn 11 and 15 (D12.3.2).
    if ((hcr & kTIDCP) && k.op0 == 3 && (k.crn == 11 || k.crn == 15)) return trap_to(c, 2, word);
    // TID3: reads of the ID group 3 registers, op0 3, op1 0, CRn 0, CRm 1..7.
    if ((hcr & kTID3) && !write && k.op0 == 3 && k.op1 == 0 && k.crn == 0 && k.crm >= 1 && k.crm <= 7)
      return trap_to(c, 2, word);
    // TID2: CCSIDR_EL1, CLIDR_EL1, CSSELR_EL1 (reads and writes).
    if ((hcr & kTID2) && (p == key(3, 1, 0, 0, 0) || p == key(3, 1, 0, 0, 1) || p == key(3, 2, 0, 0, 0)))
      return trap_to(c, 2, word);
    // TID1: REVIDR_EL1, AIDR_EL1.
    if ((hcr & kTID1) && !write && (p == key(3, 0, 0, 0, 6) || p == key(3, 1, 0, 0, 7))) return trap_to(c, 2, word);
  }
  // TID2 also covers CTR_EL0 at EL0 and EL1 (EL0's own SCTLR_EL1.UCT check came first).
  if ((hcr & kTID2) && !write && p == key(3, 3, 0, 0, 1)) return trap_to(c, 2, word);
  return false;
}

bool sys_instruction_trapped_above(Cpu& c, SysRegKey k, uint32_t word) {
  const CpuState& s = c.s;
  if (!el2_controls(s)) return false;
  const uint64_t hcr = s.hcr_el2;
  switch (k.packed()) {
    case key(1, 3, 7, 4, 1):  // DC ZVA
      return (hcr & kTDZ) && trap_to(c, 2, word);
    case key(1, 3, 7, 5, 1): case key(1, 0, 7, 5, 0): case key(1, 0, 7, 1, 0):  // IC IVAU, IALLU, IALLUIS
    case key(1, 3, 7, 11, 1):                                                   // DC CVAU
      return (hcr & kTPU) && trap_to(c, 2, word);
    case key(1, 0, 7, 6, 1): case key(1, 3, 7, 10, 1): case key(1, 3, 7, 14, 1):  // DC IVAC, CVAC, CIVAC
      return (hcr & kTPC) && trap_to(c, 2, word);
    case key(1, 0, 7, 6, 2): case key(1, 0, 7, 10, 2): case key(1, 0, 7, 14, 2):  // DC ISW, CSW, CISW
      return (hcr & kTSW) && trap_to(c, 2, word);
  }
  if (k.op1 == 0 && k.crn == 8) return (hcr & kTTLB) && trap_to(c, 2, word);  // TLBI at EL1
  return false;
}

bool dc_zva_prohibited(const CpuState& s) {
  if (s.el == 0 && !((s.sctlr_el[1] >> 14) & 1)) return true;  // SCTLR_EL1.DZE
  return el2_controls(s) && (s.hcr_el2 & kTDZ);
}

}  // namespace bramble
