// The system registers a core keeps as written without acting on them directly (trap
// controls, the MMU's registers, implementation-defined ones), in
// CpuState::stored_sysregs, with their reset values. The table is constexpr so that code
// naming one register (stored<reg::TCR_EL1>(s)) finds its slot at compile time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "cpu/cpu_state.h"

namespace bramble {

constexpr uint32_t sysreg_key(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2) {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

// Registers kept as written (masked) but not acted on yet; their reset values are the
// Cortex-A53 TRM's (chapter 4) unless noted.
struct StoredReg {
  uint32_t key;
  const char* name;
  uint64_t reset;
};
inline constexpr StoredReg kStoredRegs[] = {
    {sysreg_key(3, 0, 1, 0, 1), "ACTLR_EL1", 0},
    {sysreg_key(3, 4, 1, 0, 1), "ACTLR_EL2", 0},
    {sysreg_key(3, 6, 1, 0, 1), "ACTLR_EL3", 0},
    {sysreg_key(3, 0, 1, 0, 2), "CPACR_EL1", 0},
    {sysreg_key(3, 4, 1, 1, 1), "MDCR_EL2", 6},  // HPMN: the A53 has six event counters
    {sysreg_key(3, 4, 1, 1, 2), "CPTR_EL2", 0x33ff},  // RES1 bits 13:12 and 9:0
    {sysreg_key(3, 4, 1, 1, 3), "HSTR_EL2", 0},
    {sysreg_key(3, 4, 1, 1, 7), "HACR_EL2", 0},
    {sysreg_key(3, 6, 1, 1, 2), "CPTR_EL3", 0},
    {sysreg_key(3, 6, 1, 3, 1), "MDCR_EL3", 0},
    {sysreg_key(3, 0, 2, 0, 0), "TTBR0_EL1", 0},
    {sysreg_key(3, 0, 2, 0, 1), "TTBR1_EL1", 0},
    {sysreg_key(3, 0, 2, 0, 2), "TCR_EL1", 0},
    {sysreg_key(3, 4, 2, 0, 0), "TTBR0_EL2", 0},
    {sysreg_key(3, 4, 2, 0, 2), "TCR_EL2", 0},
    {sysreg_key(3, 4, 2, 1, 0), "VTTBR_EL2", 0},
    {sysreg_key(3, 4, 2, 1, 2), "VTCR_EL2", 0},
    {sysreg_key(3, 6, 2, 0, 0), "TTBR0_EL3", 0},
    {sysreg_key(3, 6, 2, 0, 2), "TCR_EL3", 0},
    {sysreg_key(3, 0, 10, 2, 0), "MAIR_EL1", 0},
    {sysreg_key(3, 4, 10, 2, 0), "MAIR_EL2", 0},
    {sysreg_key(3, 6, 10, 2, 0), "MAIR_EL3", 0},
    {sysreg_key(3, 0, 10, 3, 0), "AMAIR_EL1", 0},
    {sysreg_key(3, 4, 10, 3, 0), "AMAIR_EL2", 0},
    {sysreg_key(3, 6, 10, 3, 0), "AMAIR_EL3", 0},
    {sysreg_key(3, 0, 13, 0, 1), "CONTEXTIDR_EL1", 0},
    {sysreg_key(3, 0, 13, 0, 4), "TPIDR_EL1", 0},
    {sysreg_key(3, 4, 13, 0, 2), "TPIDR_EL2", 0},
    {sysreg_key(3, 6, 13, 0, 2), "TPIDR_EL3", 0},
    {sysreg_key(3, 4, 0, 0, 0), "VPIDR_EL2", 0x410FD034},   // resets to MIDR_EL1
    {sysreg_key(3, 4, 0, 0, 5), "VMPIDR_EL2", 0x80000000},  // MPIDR_EL1 of core 0
    {sysreg_key(3, 2, 0, 0, 0), "CSSELR_EL1", 0},
    {sysreg_key(3, 1, 15, 2, 0), "CPUACTLR_EL1", 0x00000000090CA000ull},
    {sysreg_key(3, 1, 15, 2, 1), "CPUECTLR_EL1", 0},
    {sysreg_key(3, 1, 15, 2, 2), "CPUMERRSR_EL1", 0},
    {sysreg_key(3, 1, 15, 2, 3), "L2MERRSR_EL1", 0},
    {sysreg_key(3, 1, 11, 0, 2), "L2CTLR_EL1", 0x03000000},  // [25:24] = 3: four cores
    {sysreg_key(3, 1, 11, 0, 3), "L2ECTLR_EL1", 0},
    {sysreg_key(3, 1, 15, 0, 0), "L2ACTLR_EL1", 0},
    {sysreg_key(3, 0, 5, 1, 0), "AFSR0_EL1", 0},
    {sysreg_key(3, 0, 5, 1, 1), "AFSR1_EL1", 0},
    {sysreg_key(3, 0, 7, 4, 0), "PAR_EL1", 0},
};
static_assert(std::size(kStoredRegs) <= std::size(CpuState{}.stored_sysregs));

constexpr int stored_index(uint32_t packed) {
  for (size_t i = 0; i < std::size(kStoredRegs); ++i)
    if (kStoredRegs[i].key == packed) return int(i);
  return -1;
}

// The slot of register Key, checked at compile time.
template <uint32_t Key>
inline uint64_t& stored(CpuState& s) {
  constexpr int i = stored_index(Key);
  static_assert(i >= 0, "not a stored register");
  return s.stored_sysregs[i];
}
template <uint32_t Key>
inline uint64_t stored(const CpuState& s) {
  constexpr int i = stored_index(Key);
  static_assert(i >= 0, "not a stored register");
  return s.stored_sysregs[i];
}

// Registers the MMU, traps and caches read by name.
namespace reg {
inline constexpr uint32_t TTBR0_EL1 = sysreg_key(3, 0, 2, 0, 0), TTBR1_EL1 = sysreg_key(3, 0, 2, 0, 1),
                          TCR_EL1 = sysreg_key(3, 0, 2, 0, 2), TTBR0_EL2 = sysreg_key(3, 4, 2, 0, 0),
                          TCR_EL2 = sysreg_key(3, 4, 2, 0, 2), TTBR0_EL3 = sysreg_key(3, 6, 2, 0, 0),
                          TCR_EL3 = sysreg_key(3, 6, 2, 0, 2), MAIR_EL1 = sysreg_key(3, 0, 10, 2, 0),
                          MAIR_EL2 = sysreg_key(3, 4, 10, 2, 0), MAIR_EL3 = sysreg_key(3, 6, 10, 2, 0),
                          PAR_EL1 = sysreg_key(3, 0, 7, 4, 0), CPACR_EL1 = sysreg_key(3, 0, 1, 0, 2),
                          CPTR_EL2 = sysreg_key(3, 4, 1, 1, 2), CPTR_EL3 = sysreg_key(3, 6, 1, 1, 2),
                          CSSELR_EL1 = sysreg_key(3, 2, 0, 0, 0), VMPIDR_EL2 = sysreg_key(3, 4, 0, 0, 5),
                          ACTLR_EL2 = sysreg_key(3, 4, 1, 0, 1), ACTLR_EL3 = sysreg_key(3, 6, 1, 0, 1),
                          CPUECTLR_EL1 = sysreg_key(3, 1, 15, 2, 1);
}  // namespace reg

}  // namespace bramble
