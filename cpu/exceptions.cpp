#include "cpu/exceptions.h"

#include <cstdio>

namespace bramble {

uint64_t pstate_to_spsr(const CpuState& s) {
  return uint64_t(s.nzcv) | uint64_t(s.daif) | (uint64_t(s.il) << 20) | (uint64_t(s.el) << 2) | s.spsel;
}

void set_el(Cpu& c, unsigned el, unsigned spsel) {
  const unsigned from = c.s.spsel ? c.s.el : 0;
  const unsigned to = spsel ? el : 0;
  c.s.sp_el[from] = c.s.x[31];
  c.s.x[31] = c.s.sp_el[to];
  c.s.el = uint8_t(el);
  c.s.spsel = uint8_t(spsel & 1);
  c.refresh_mode();
}

namespace {
// D1.10.2: the vector base offset says where the exception came from.
uint64_t vector_base(const CpuState& s, unsigned target_el) {
  if (s.el == target_el) return s.spsel ? 0x200 : 0x000;  // current EL with SPx / SP0
  return 0x400;                                           // lower EL, AArch64
}

const char* describe(uint32_t esr) {
  switch (ExceptionClass(esr >> 26)) {
    case ExceptionClass::Unknown: return "undefined instruction";
    case ExceptionClass::FpAccess: return "SIMD&FP access trap";
    case ExceptionClass::IllegalState: return "illegal execution state";
    case ExceptionClass::PcAlignment: return "PC alignment fault";
    case ExceptionClass::SpAlignment: return "SP alignment fault";
    case ExceptionClass::DataAbortLower: case ExceptionClass::DataAbortSame: return "data abort";
    case ExceptionClass::InsnAbortLower: case ExceptionClass::InsnAbortSame: return "instruction abort";
    case ExceptionClass::SysTrap: return "trapped system register access";
    case ExceptionClass::Brk64: return "BRK";
    default: return "synchronous exception";
  }
}
}  // namespace

void take_exception(Cpu& c, unsigned target_el, ExceptionType type, uint32_t esr, uint64_t preferred_return,
                    bool far_valid, uint64_t far) {
  const uint64_t base = vector_base(c.s, target_el);
  // A fault whose instruction is the first one of the vector it is taken to repeats for
  // ever (the guest's vectors are missing or broken): stop and say so instead.
  const uint64_t vector = c.s.vbar_el[target_el] + base + uint64_t(type);
  if (type == ExceptionType::Sync && preferred_return == vector && preferred_return == c.s.pc) {
    char msg[160];
    std::snprintf(msg, sizeof msg, "%s at its own exception vector (VBAR_EL%u + 0x%llx): the guest would loop for ever",
                  describe(esr), target_el, (unsigned long long)(base + uint64_t(type)));
    c.stop(StopReason::Undefined, msg);
    return;
  }
  if (c.trace.exceptions)
    std::fprintf(stderr, "int: EL%u -> EL%u, %s, ESR 0x%08x, ELR 0x%llx, vector 0x%llx\n", c.s.el, target_el,
                 type == ExceptionType::Sync ? "synchronous" : type == ExceptionType::Irq ? "IRQ"
                 : type == ExceptionType::Fiq ? "FIQ" : "SError",
                 esr, (unsigned long long)preferred_return, (unsigned long long)vector);
  c.s.spsr_el[target_el] = pstate_to_spsr(c.s);
  c.s.elr_el[target_el] = preferred_return;
  if (type == ExceptionType::Sync || type == ExceptionType::SError) c.s.esr_el[target_el] = esr;  // IRQ/FIQ leave ESR
  if (far_valid) c.s.far_el[target_el] = far;
  set_el(c, target_el, 1);
  c.s.il = 0;
  c.s.daif = kDaifD | kDaifA | kDaifI | kDaifF;
  c.s.pc = vector;
  c.ctl.exit = 1;  // leave the block: what follows runs at another EL, from the vector
}

void undefined_instruction(Cpu& c) {
  take_exception(c, sync_target_el(c.s), ExceptionType::Sync, make_esr(ExceptionClass::Unknown, 0), c.s.pc);
}

void sp_alignment_fault(Cpu& c) {
  take_exception(c, sync_target_el(c.s), ExceptionType::Sync, make_esr(ExceptionClass::SpAlignment, 0), c.s.pc);
}

void pc_alignment_fault(Cpu& c) {
  take_exception(c, sync_target_el(c.s), ExceptionType::Sync, make_esr(ExceptionClass::PcAlignment, 0), c.s.pc,
                 true, c.s.pc);
}

void data_abort(Cpu& c, uint64_t va, uint32_t fsc, bool is_write, bool cache_maintenance) {
  const unsigned target = sync_target_el(c.s);
  const ExceptionClass ec = target == c.s.el ? ExceptionClass::DataAbortSame : ExceptionClass::DataAbortLower;
  const uint32_t iss = (cache_maintenance ? 1u << 8 : 0) | (is_write || cache_maintenance ? 1u << 6 : 0) | (fsc & 0x3f);
  take_exception(c, target, ExceptionType::Sync, make_esr(ec, iss), c.s.pc, true, va);
}

void instruction_abort(Cpu& c, uint64_t va, uint32_t fsc) {
  const unsigned target = sync_target_el(c.s);
  const ExceptionClass ec = target == c.s.el ? ExceptionClass::InsnAbortSame : ExceptionClass::InsnAbortLower;
  take_exception(c, target, ExceptionType::Sync, make_esr(ec, fsc & 0x3f), c.s.pc, true, va);
}

void sys_trap(Cpu& c, unsigned target_el, uint32_t w) {
  // The instruction's fields land in the ISS as: Op0[21:20] Op2[19:17] Op1[16:14]
  // CRn[13:10] Rt[9:5] CRm[4:1] Direction[0]; L (bit 21 of the word) is the direction.
  const uint32_t op0 = (w >> 19) & 3, op1 = (w >> 16) & 7, crn = (w >> 12) & 15, crm = (w >> 8) & 15,
                 op2 = (w >> 5) & 7, rt = w & 31, dir = (w >> 21) & 1;
  const uint32_t iss = (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | dir;
  take_exception(c, target_el, ExceptionType::Sync, make_esr(ExceptionClass::SysTrap, iss), c.s.pc);
}

void exception_return(Cpu& c) {
  const uint64_t spsr = c.s.spsr_el[c.s.el];
  const unsigned target_el = unsigned(spsr >> 2) & 3;
  const uint64_t target = c.s.elr_el[c.s.el];
  // D1.11.x IllegalExceptionReturn: AArch32 (M[4]; this core is AArch64 only), a higher
  // EL, the reserved M[1], EL0 with SP_ELx (M = 0b0001), EL2 in Secure state (ARMv8.0
  // has no Secure EL2), or EL1 while HCR_EL2.TGE makes EL2 the host of EL0.
  const bool illegal = (spsr & 0x10) || target_el > c.s.el || (spsr & 2) || (target_el == 0 && (spsr & 1)) ||
                       (target_el == 2 && !el2_enabled(c.s)) || (target_el == 1 && tge_in_effect(c.s));
  if (c.trace.exceptions)
    std::fprintf(stderr, "int: ERET EL%u -> EL%u at 0x%llx%s\n", c.s.el, illegal ? c.s.el : target_el,
                 (unsigned long long)target, illegal ? " (illegal return: PSTATE.IL set)" : "");
  c.s.nzcv = uint32_t(spsr) & 0xf0000000u;
  c.s.daif = uint32_t(spsr) & 0x3c0u;
  if (illegal) {
    c.s.il = 1;  // EL and SP stay as they are
  } else {
    c.s.il = uint8_t((spsr >> 20) & 1);
    set_el(c, target_el, unsigned(spsr & 1));
  }
  c.s.pc = target;
  c.ctl.exit = 1;
  c.set_event();  // an exception return is a WFE wake-up event (D1.17.1)
  c.interrupts_may_change();
}

void illegal_state_exception(Cpu& c) {
  take_exception(c, sync_target_el(c.s), ExceptionType::Sync, make_esr(ExceptionClass::IllegalState, 0), c.s.pc);
}

}  // namespace bramble
