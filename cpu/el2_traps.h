// Traps that EL2 (HCR_EL2) and the A53's ACTLR_EL2/ACTLR_EL3 put on lower levels' system
// register accesses and SYS instructions (cpu/el2_traps.cpp).
#pragma once

#include "cpu/sysregs.h"

namespace bramble {

// An MRS (write = false) or MSR to register k at EL0/EL1 (EL2 for the A53's guarded
// implementation-defined registers) that a higher level traps: true when it did, and
// the EC 0x18 exception has been taken. The EL1-level controls (SCTLR_EL1, CNTKCTL_EL1)
// are checked before this, as they have priority (D1.x).
bool register_access_trapped_above(Cpu& c, SysRegKey k, bool write, uint32_t word);

// The same for the SYS instructions (cache maintenance and TLBI) HCR_EL2 traps.
bool sys_instruction_trapped_above(Cpu& c, SysRegKey k, uint32_t word);

// DCZID_EL0.DZP: DC ZVA is prohibited at this level (SCTLR_EL1.DZE at EL0, HCR_EL2.TDZ
// at EL0 and EL1).
bool dc_zva_prohibited(const CpuState& s);

}  // namespace bramble
