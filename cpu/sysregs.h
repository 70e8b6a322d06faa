// System registers and system instructions, keyed by (op0, op1, CRn, CRm, op2) as the
// MRS/MSR/SYS encodings carry them (C5.3). This is the ARMv8.0 subset tier 0 needs so
// far; the system-level work grows it into the full Cortex-A53 table with access rules.
#pragma once

#include <cstdint>
#include <string>

#include "cpu/cpu.h"

namespace bramble {

struct SysRegKey {
  unsigned op0, op1, crn, crm, op2;
  constexpr uint32_t packed() const { return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2; }
};

constexpr uint32_t sysreg_key(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2) {
  return SysRegKey{op0, op1, crn, crm, op2}.packed();
}

// Registers the MMU reads, kept in CpuState::stored_sysregs.
namespace reg {
inline constexpr uint32_t TTBR0_EL1 = sysreg_key(3, 0, 2, 0, 0), TTBR1_EL1 = sysreg_key(3, 0, 2, 0, 1),
                          TCR_EL1 = sysreg_key(3, 0, 2, 0, 2), TTBR0_EL2 = sysreg_key(3, 4, 2, 0, 0),
                          TCR_EL2 = sysreg_key(3, 4, 2, 0, 2), TTBR0_EL3 = sysreg_key(3, 6, 2, 0, 0),
                          TCR_EL3 = sysreg_key(3, 6, 2, 0, 2), MAIR_EL1 = sysreg_key(3, 0, 10, 2, 0),
                          MAIR_EL2 = sysreg_key(3, 4, 10, 2, 0), MAIR_EL3 = sysreg_key(3, 6, 10, 2, 0),
                          PAR_EL1 = sysreg_key(3, 0, 7, 4, 0), CPACR_EL1 = sysreg_key(3, 0, 1, 0, 2),
                          CPTR_EL2 = sysreg_key(3, 4, 1, 1, 2), CPTR_EL3 = sysreg_key(3, 6, 1, 1, 2),
                          CSSELR_EL1 = sysreg_key(3, 2, 0, 0, 0);
}  // namespace reg

// The value of a register kept in CpuState::stored_sysregs (0 for one that is not).
uint64_t stored_sysreg(const CpuState& s, uint32_t key);
void set_stored_sysreg(CpuState& s, uint32_t key, uint64_t value);

// "S3_3_C4_C2_0"-style name, or the architectural name when known.
std::string sysreg_name(SysRegKey k);

// Each returns false when the access did not happen: it is UNDEFINED (an unknown
// register, or one the current EL may not use) or trapped (EC 0x18, which reports the
// instruction word's fields), or it faulted; the exception has then been taken.
bool read_sysreg(Cpu& c, SysRegKey k, uint64_t* value, uint32_t word = 0);
bool write_sysreg(Cpu& c, SysRegKey k, uint64_t value, uint32_t word = 0);
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
