// C4.1.87 Branches, exception generating and system instructions.
#include <cstdio>

#include "cpu/alu.h"
#include "cpu/exceptions.h"
#include "cpu/interp/handlers.h"
#include "cpu/memory_access.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"

namespace bramble::interp {

void exec_B_cond(Cpu& c, uint32_t w) {
  if (alu::condition_holds(w & 15, c.s.nzcv)) c.s.pc += sext(bits(w, 23, 5), 19) * 4;
  else c.s.pc += 4;
}

void exec_B(Cpu& c, uint32_t w) { c.s.pc += sext(w & 0x3ffffff, 26) * 4; }

void exec_BL(Cpu& c, uint32_t w) {
  c.s.x[30] = c.s.pc + 4;
  c.s.pc += sext(w & 0x3ffffff, 26) * 4;
}

void exec_BR(Cpu& c, uint32_t w) { c.s.pc = xr(c, rn(w)); }

void exec_BLR(Cpu& c, uint32_t w) {
  const uint64_t target = xr(c, rn(w));  // read before X30 is written: BLR X30 is legal
  c.s.x[30] = c.s.pc + 4;
  c.s.pc = target;
}

void exec_RET(Cpu& c, uint32_t w) { c.s.pc = xr(c, rn(w)); }

void exec_CBZ(Cpu& c, uint32_t w) {
  const uint64_t v = sf(w) ? xr(c, rd(w)) : uint32_t(xr(c, rd(w)));
  c.s.pc += v == 0 ? sext(bits(w, 23, 5), 19) * 4 : 4;
}

void exec_CBNZ(Cpu& c, uint32_t w) {
  const uint64_t v = sf(w) ? xr(c, rd(w)) : uint32_t(xr(c, rd(w)));
  c.s.pc += v != 0 ? sext(bits(w, 23, 5), 19) * 4 : 4;
}

void exec_TBZ(Cpu& c, uint32_t w) {
  const unsigned bit = (bits(w, 31, 31) << 5) | bits(w, 23, 19);
  c.s.pc += ((xr(c, rd(w)) >> bit) & 1) == 0 ? sext(bits(w, 18, 5), 14) * 4 : 4;
}

void exec_TBNZ(Cpu& c, uint32_t w) {
  const unsigned bit = (bits(w, 31, 31) << 5) | bits(w, 23, 19);
  c.s.pc += ((xr(c, rd(w)) >> bit) & 1) != 0 ? sext(bits(w, 18, 5), 14) * 4 : 4;
}

// ---- Exception generation (C6.2: SVC, HVC, SMC, BRK; routing as in D1.10) ----
// SVC: to EL1 from EL0 (EL2 with HCR_EL2.TGE), otherwise to the current EL; ELR is the
// next instruction.
void exec_SVC(Cpu& c, uint32_t w) {
  take_exception(c, sync_target_el(c.s), ExceptionType::Sync, make_esr(ExceptionClass::Svc64, bits(w, 20, 5)),
                 c.s.pc + 4);
}

// HVC: UNDEFINED at EL0, when SCR_EL3.HCE is 0, and at Secure EL1 (ARMv8.0 has no Secure
// EL2); to EL2 from EL1 and EL2, to EL3 from EL3.
void exec_HVC(Cpu& c, uint32_t w) {
  if (c.s.el == 0 || !(c.s.scr_el3 & (1u << 8)) || (c.s.el == 1 && !el2_enabled(c.s))) return undefined_instruction(c);
  take_exception(c, c.s.el == 3 ? 3 : 2, ExceptionType::Sync, make_esr(ExceptionClass::Hvc64, bits(w, 20, 5)),
                 c.s.pc + 4);
}

// SMC: UNDEFINED at EL0; trapped to EL2 from Non-secure EL1 by HCR_EL2.TSC (ELR = the SMC);
// UNDEFINED when SCR_EL3.SMD is 1; otherwise to EL3 with ELR = the next instruction.
void exec_SMC(Cpu& c, uint32_t w) {
  if (c.s.el == 0) return undefined_instruction(c);
  const uint32_t esr = make_esr(ExceptionClass::Smc64, bits(w, 20, 5));
  if (c.s.el == 1 && el2_enabled(c.s) && (c.s.hcr_el2 & (1ull << 19)))  // TSC
    return take_exception(c, 2, ExceptionType::Sync, esr, c.s.pc);
  if (c.s.scr_el3 & (1u << 7)) return undefined_instruction(c);
  take_exception(c, 3, ExceptionType::Sync, esr, c.s.pc + 4);
}

// BRK: a debug exception to EL1 from EL0, otherwise the current EL; ELR is the BRK.
void exec_BRK(Cpu& c, uint32_t w) {
  take_exception(c, sync_target_el(c.s), ExceptionType::Sync, make_esr(ExceptionClass::Brk64, bits(w, 20, 5)),
                 c.s.pc);
}

// ERET: UNDEFINED at EL0.
void exec_ERET(Cpu& c, uint32_t) {
  if (c.s.el == 0) return undefined_instruction(c);
  exception_return(c);
}

// HLT: the semihosting trap when the machine enables it (Arm semihosting v2, "HLT #0xF000");
// otherwise halting debug is disabled and the instruction is UNDEFINED (C6.2.92).
void exec_HLT(Cpu& c, uint32_t w) {
  const uint16_t imm = uint16_t(bits(w, 20, 5));
  if (c.hooks && c.hooks->on_hlt(c, imm)) {
    if (c.stop_reason() != StopReason::Unsupported) c.s.pc += 4;
    return;
  }
  // Halting debug is disabled (EDSCR.HDE = 0): UNDEFINED. A guest using semihosting
  // without --semihosting usually has no handler for that, hence the hint.
  if (imm == 0xF000 && c.trace.unimp)
    std::fprintf(stderr, "unimp: HLT #0xf000 (semihosting) without --semihosting: UNDEFINED\n");
  undefined_instruction(c);
}

// ---- Hints and barriers ----
void exec_HINT(Cpu& c, uint32_t) { c.s.pc += 4; }
void exec_NOP(Cpu& c, uint32_t) { c.s.pc += 4; }
void exec_YIELD(Cpu& c, uint32_t) { c.s.pc += 4; }

namespace {
// WFI/WFE traps (D1.17.x): at EL0 by SCTLR_EL1.nTWI/nTWE clear (to EL1), at EL0/EL1 by
// HCR_EL2.TWI/TWE (to EL2), below EL3 by SCR_EL3.TWI/TWE (to EL3), in that priority.
// EC 0x01, ISS CV = 1, COND = 0xE, TI = 1 for WFE.
bool wfx_trapped(Cpu& c, bool wfe) {
  unsigned target = 0;
  if (c.s.el == 0 && !((c.s.sctlr_el[1] >> (wfe ? 18 : 16)) & 1)) target = sync_target_el(c.s);
  else if (c.s.el <= 1 && el2_enabled(c.s) && ((c.s.hcr_el2 >> (wfe ? 14 : 13)) & 1)) target = 2;
  else if (c.s.el <= 2 && ((c.s.scr_el3 >> (wfe ? 13 : 12)) & 1)) target = 3;
  if (!target) return false;
  take_exception(c, target, ExceptionType::Sync,
                 make_esr(ExceptionClass::WfxTrap, (1u << 24) | (0xeu << 20) | (wfe ? 1u : 0u)), c.s.pc);
  return true;
}
}  // namespace

// WFI/WFE: the core sleeps (consuming no host time) until a wake-up event; the return
// address of an interrupt that wakes it is the next instruction.
void exec_WFE(Cpu& c, uint32_t) {
  if (wfx_trapped(c, true)) return;
  c.s.pc += 4;
  c.wait(true);
}
void exec_WFI(Cpu& c, uint32_t) {
  if (wfx_trapped(c, false)) return;
  c.s.pc += 4;
  c.wait(false);
}
// One core: SEV and SEVL both set this core's event register.
void exec_SEV(Cpu& c, uint32_t) {
  c.set_event();
  c.s.pc += 4;
}
void exec_SEVL(Cpu& c, uint32_t) {
  c.set_event();
  c.s.pc += 4;
}
void exec_CLREX(Cpu& c, uint32_t) {
  monitor_clear(c);
  c.s.pc += 4;
}
// One core, in order: memory barriers have nothing to order yet.
void exec_DSB(Cpu& c, uint32_t) { c.s.pc += 4; }
void exec_DMB(Cpu& c, uint32_t) { c.s.pc += 4; }
void exec_ISB(Cpu& c, uint32_t) { c.s.pc += 4; }

// ---- PSTATE ----
// SPSel is not accessible at EL0 (UNDEFINED); DAIF at EL0 only with SCTLR_EL1.UMA, else
// the MSR traps to EL1 (EC 0x18).
void exec_MSR_imm_SPSel(Cpu& c, uint32_t w) {
  if (c.s.el == 0) return undefined_instruction(c);
  set_el(c, c.s.el, bits(w, 8, 8));
  c.s.pc += 4;
}
void exec_MSR_imm_DAIFSet(Cpu& c, uint32_t w) {
  if (el0_daif_trapped(c, w)) return;
  c.s.daif |= bits(w, 11, 8) << 6;
  c.s.pc += 4;
}
void exec_MSR_imm_DAIFClr(Cpu& c, uint32_t w) {
  if (el0_daif_trapped(c, w)) return;
  c.s.daif &= ~(bits(w, 11, 8) << 6);
  c.s.pc += 4;
  c.interrupts_may_change();
}

// ---- System instructions and registers ----
void exec_SYS(Cpu& c, uint32_t w) {
  if (execute_sys(c, SysRegKey{1, bits(w, 18, 16), bits(w, 15, 12), bits(w, 11, 8), bits(w, 7, 5)},
                  xr(c, rd(w)), w))
    c.s.pc += 4;
}

// No IMPLEMENTATION DEFINED SYSL operations exist on this core.
void exec_SYSL(Cpu& c, uint32_t) { undefined_instruction(c); }

void exec_MRS(Cpu& c, uint32_t w) {
  uint64_t v;
  if (read_sysreg(c, SysRegKey{2u + bits(w, 19, 19), bits(w, 18, 16), bits(w, 15, 12), bits(w, 11, 8), bits(w, 7, 5)}, &v, w)) {
    set_xr(c, rd(w), v);
    c.s.pc += 4;
  }
}

void exec_MSR_reg(Cpu& c, uint32_t w) {
  if (write_sysreg(c, SysRegKey{2u + bits(w, 19, 19), bits(w, 18, 16), bits(w, 15, 12), bits(w, 11, 8), bits(w, 7, 5)},
                   xr(c, rd(w)), w))
    c.s.pc += 4;
}

}  // namespace bramble::interp
