// System registers and system instructions, keyed by (op0, op1, CRn, CRm, op2) as the
// MRS/MSR/SYS encodings carry them (C5.3). This is the ARMv8.0 subset tier 0 needs so
// far; the system-level work grows it into the full Cortex-A53 table with access rules.
#pragma once

#include <cstdint>
#include <string>

#include "cpu/cpu.h"
#include "cpu/stored_sysregs.h"

namespace bramble {

struct SysRegKey {
  unsigned op0, op1, crn, crm, op2;
  constexpr uint32_t packed() const { return sysreg_key(op0, op1, crn, crm, op2); }
};

// "S3_3_C4_C2_0"-style name, or the architectural name when known.
std::string sysreg_name(SysRegKey k);

// Each returns false when the access did not happen: it is UNDEFINED (an unknown
// register, or one the current EL may not use) or trapped (EC 0x18, which reports the
// instruction word's fields), or it faulted; the exception has then been taken.
bool read_sysreg(Cpu& c, SysRegKey k, uint64_t* value, uint32_t word = 0);
bool write_sysreg(Cpu& c, SysRegKey k, uint64_t value, uint32_t word = 0);
// An access the core does not allow (a register or SYS operation of a higher level) or
// one it does not have: UNDEFINED (D1.10.4). --trace unimp names it; `what` is MRS, MSR
// or SYS.
void undefined_access(Cpu& c, const char* what, SysRegKey k);

// DAIF at EL0 (MRS/MSR DAIF and MSR DAIFSet/DAIFClr) needs SCTLR_EL1.UMA, else it traps
// to EL1 (EC 0x18, D1.x): true when it trapped.
bool el0_daif_trapped(Cpu& c, uint32_t word);

// SYS: cache maintenance, AT and TLBI (cpu/sys_instructions.cpp).
bool execute_sys(Cpu& c, SysRegKey k, uint64_t xt, uint32_t word = 0);

// The SIMD&FP access traps (D1.x, CPACR_EL1.FPEN, CPTR_EL2.TFP, CPTR_EL3.TFP), checked
// before a SIMD&FP instruction or an FPCR/FPSR access at c.s.pc: true when one of them
// applies, in which case the exception (EC 0x07) has been taken.
bool fp_access_trapped(Cpu& c);

// Reset values of the registers the core keeps without acting on them.
void reset_stored_sysregs(CpuState& s, int core_id);

// Values of this core's identification registers (Cortex-A53 r0p4 in a BCM2837).
inline constexpr uint64_t kMidrEl1 = 0x410FD034;

}  // namespace bramble
