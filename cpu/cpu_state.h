// The architectural state of one AArch64 core, as one standard-layout struct.
// Both execution tiers and the GDB stub address it directly, so field offsets are part of
// the contract: they are pinned by the static_asserts at the end of this file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace bramble {

// PSTATE.DAIF bits as MRS DAIF reads them (C5.2.2).
inline constexpr uint32_t kDaifD = 1u << 9, kDaifA = 1u << 8, kDaifI = 1u << 7, kDaifF = 1u << 6;
// HCR_EL2.RW and SCR_EL3.RW: the next lower level is AArch64.
inline constexpr uint64_t kHcrRw = 1ull << 31, kScrRw = 1ull << 10;
// SCR_EL3.NS; HCR_EL2.TGE (EL2 hosts EL0) and DC (EL1&0 memory Normal with stage 1 off).
inline constexpr uint64_t kScrNs = 1, kHcrTge = 1ull << 27, kHcrDc = 1ull << 12;

struct CpuState;
// EL2Enabled(): HCR_EL2 and the other EL2 controls apply to EL1 and EL0. ARMv8.0 has no
// Secure EL2, so that is Non-secure state (EL2 is always implemented here).
inline bool el2_enabled(const CpuState& s);
// HCR_EL2.TGE in effect: EL0 runs under EL2, EL1 is not used.
inline bool tge_in_effect(const CpuState& s);

struct CpuState {
  // x[0..30] are X0..X30; x[31] is the stack pointer currently selected by PSTATE.EL and
  // PSTATE.SP (the other stack pointers wait in sp_el); x[32] is a write sink so that a
  // write to the zero register needs no branch. Reads of register 31 as XZR never touch
  // x[31]: see cpu/regs.h.
  uint64_t x[33];
  uint64_t pc;
  uint32_t nzcv;      // N Z C V in bits 31..28, exactly as MRS NZCV returns them
  uint32_t daif;      // D A I F in bits 9..6, exactly as MRS DAIF returns them
  uint8_t el;         // PSTATE.EL, 0..3
  uint8_t spsel;      // PSTATE.SP: 0 = SP_EL0, 1 = SP_ELx
  uint8_t il;         // PSTATE.IL: set by an illegal exception return (D1.11.x)
  uint8_t pad0[5];
  uint64_t sp_el[4];  // banked stack pointers; the one in use lives in x[31]

  // SIMD&FP registers: each 128 bits as two little-endian 64-bit halves.
  uint64_t v[32][2];
  uint32_t fpcr;
  uint32_t fpsr;

  uint64_t tpidr_el0;
  uint64_t tpidrro_el0;

  // Local exclusive monitor (B2.9): the tagged physical address and the access size.
  uint64_t excl_addr;
  uint8_t excl_valid;
  uint8_t excl_size;
  uint8_t pad1[6];

  // Exception state per exception level (index 1..3; index 0 unused): D1.10.
  uint64_t elr_el[4];
  uint64_t spsr_el[4];
  uint64_t esr_el[4];
  uint64_t far_el[4];
  uint64_t vbar_el[4];
  uint64_t sctlr_el[4];
  uint64_t hcr_el2;
  uint64_t scr_el3;
  // System registers the core keeps but does not act on yet (MMU, implementation
  // defined, trap controls), indexed as in cpu/sysregs.cpp's kStoredRegs.
  uint64_t stored_sysregs[48];

  // Generic timer (D11): the EL1 physical, EL1 virtual and EL2 physical timers.
  uint64_t cnt_cval[3];
  uint32_t cnt_ctl[3];  // ENABLE (bit 0) and IMASK (bit 1); ISTATUS is computed
  uint32_t pad2;
  uint64_t cntfrq;
  uint64_t cntvoff_el2;
  uint64_t cntkctl_el1;
  uint64_t cnthctl_el2;
};

static_assert(std::is_standard_layout_v<CpuState>);
static_assert(offsetof(CpuState, x) == 0);
static_assert(offsetof(CpuState, pc) == 33 * 8);
static_assert(offsetof(CpuState, nzcv) == 34 * 8);
static_assert(offsetof(CpuState, daif) == 34 * 8 + 4);
static_assert(offsetof(CpuState, el) == 35 * 8);
static_assert(offsetof(CpuState, sp_el) == 36 * 8);
static_assert(offsetof(CpuState, v) == 40 * 8);
static_assert(offsetof(CpuState, fpcr) == 40 * 8 + 512);
static_assert(offsetof(CpuState, tpidr_el0) == 40 * 8 + 520);

inline constexpr uint32_t kNzcvN = 1u << 31, kNzcvZ = 1u << 30, kNzcvC = 1u << 29, kNzcvV = 1u << 28;

inline bool el2_enabled(const CpuState& s) { return s.scr_el3 & kScrNs; }
inline bool tge_in_effect(const CpuState& s) { return el2_enabled(s) && (s.hcr_el2 & kHcrTge); }

}  // namespace bramble
