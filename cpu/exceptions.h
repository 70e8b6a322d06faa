// Exception entry and return for AArch64 at every exception level (Arm ARM D1.10,
// shared pseudocode AArch64.TakeException and AArch64.ExceptionReturn).
#pragma once

#include <cstdint>

#include "cpu/cpu.h"

namespace bramble {

// Exception classes (ESR_ELx.EC, D17.2.37) raised so far.
enum class ExceptionClass : uint32_t {
  Unknown = 0x00,  // includes UNDEFINED instructions
  FpAccess = 0x07,  // SIMD&FP access trapped by CPACR_EL1, CPTR_EL2 or CPTR_EL3
  IllegalState = 0x0e,
  Svc64 = 0x15,
  Hvc64 = 0x16,
  Smc64 = 0x17,
  Brk64 = 0x3c,
  WfxTrap = 0x01,   // WFI/WFE trapped (SCTLR_EL1.nTWI/nTWE at EL0)
  SysTrap = 0x18,   // MSR, MRS or system instruction trapped
  InsnAbortLower = 0x20,
  InsnAbortSame = 0x21,
  PcAlignment = 0x22,
  SpAlignment = 0x26,
  DataAbortLower = 0x24,
  DataAbortSame = 0x25,
};

// Vector offsets by exception type (D1.10.2).
enum class ExceptionType : uint32_t { Sync = 0x000, Irq = 0x080, Fiq = 0x100, SError = 0x180 };

// The PSTATE fields an SPSR holds, as SPSR_ELx lays them out (C5.2.18): NZCV, DAIF,
// IL (bit 20), M[3:2] = EL, M[0] = SP.
uint64_t pstate_to_spsr(const CpuState& s);

// Takes an exception to target_el: saves PSTATE and the preferred return address,
// writes ESR for synchronous exceptions and SErrors (and FAR when far_valid), switches EL and stack pointer, masks
// DAIF and continues at the vector. Ends the current block (ctl.exit without a stop).
// A fault at the very instruction it would vector to would repeat for ever: that stops
// the core with a message instead.
void take_exception(Cpu& c, unsigned target_el, ExceptionType type, uint32_t esr, uint64_t preferred_return,
                    bool far_valid = false, uint64_t far = 0);

// ESR for an exception class: EC, IL = 1 (every A64 instruction is 32 bits), ISS.
inline uint32_t make_esr(ExceptionClass ec, uint32_t iss) { return (uint32_t(ec) << 26) | (1u << 25) | (iss & 0x1ffffff); }

// The EL a synchronous exception from the current EL goes to: EL1 from EL0 (EL2 when
// HCR_EL2.TGE is set, D1.10.x), otherwise the current EL.
inline unsigned sync_target_el(const CpuState& s) {
  if (s.el != 0) return s.el;
  return tge_in_effect(s) ? 2 : 1;
}

// The Undefined Instruction exception (EC 0, ELR = the instruction) for the current
// instruction at c.s.pc.
void undefined_instruction(Cpu& c);

// SP alignment checking (D1.8.2): with SCTLR_ELx.SA (SCTLR_EL1.SA0 at EL0) set, a load or
// store whose base register is SP needs SP 16-byte aligned.
inline bool sp_alignment_ok(const CpuState& s) {
  if ((s.x[31] & 15) == 0) return true;
  return s.el == 0 ? !((s.sctlr_el[1] >> 4) & 1) : !((s.sctlr_el[s.el] >> 3) & 1);
}
// The SP alignment fault (EC 0x26) for the instruction at c.s.pc.
void sp_alignment_fault(Cpu& c);

// The PC alignment fault (EC 0x22) for a branch to a misaligned c.s.pc: ELR = FAR = pc.
void pc_alignment_fault(Cpu& c);

// A Data Abort for the instruction at c.s.pc (D17.2.37 ISS encoding): fsc is the fault
// status code (cpu/mmu.h fault_status), WnR set for writes and cache maintenance, CM for
// cache maintenance, FAR = the faulting virtual address. ISV is 0: the instruction
// syndrome is only reported for stage 2 faults, which this core does not model.
void data_abort(Cpu& c, uint64_t va, uint32_t fsc, bool is_write, bool cache_maintenance = false);

// An alignment fault on a data access (exclusives and acquire/release always check
// alignment, as do all accesses with SCTLR.A and all accesses to Device memory).
inline void data_alignment_fault(Cpu& c, uint64_t address, bool is_write) { data_abort(c, address, 0x21, is_write); }

// An Instruction Abort at va (the instruction at c.s.pc cannot be fetched): ELR = FAR = va.
void instruction_abort(Cpu& c, uint64_t va, uint32_t fsc);

// A trapped MSR/MRS/system instruction (EC 0x18) to target_el; ISS as D17.2.x: Op0, Op2,
// Op1, CRn, Rt, CRm and Direction (1 = read).
void sys_trap(Cpu& c, unsigned target_el, uint32_t word);

// ERET (C6.2.84): restores PSTATE from SPSR_ELx and continues at ELR_ELx. An illegal
// return (D1.11.x: to a higher EL, to AArch32, or with a reserved mode) sets PSTATE.IL
// instead and keeps EL and SP; the next instruction then takes the Illegal Execution
// State exception (illegal_state_exception).
void exception_return(Cpu& c);

// EC 0x0E, taken instead of executing an instruction while PSTATE.IL is set.
void illegal_state_exception(Cpu& c);

// Moves to exception level el with PSTATE.SP = spsel, banking the stack pointer.
void set_el(Cpu& c, unsigned el, unsigned spsel);

}  // namespace bramble
