// Asynchronous exceptions (IRQ, FIQ, SError: Arm ARM D1.10.x and D1.13), WFI/WFE sleep,
// and the generic timers' output lines (D11.2).
#include <algorithm>

#include "cpu/cpu.h"
#include "cpu/exceptions.h"

namespace bramble {

void Cpu::set_irq(bool level) {
  irq_line_ = level;
  interrupts_may_change();
}

void Cpu::set_fiq(bool level) {
  fiq_line_ = level;
  interrupts_may_change();
}

void Cpu::set_serror(bool pending) {
  serror_pending_ = pending;
  interrupts_may_change();
}

void Cpu::interrupts_may_change() {
  if (!(irq_line_ | fiq_line_ | serror_pending_)) return;
  // Checked before the next instruction: translated code and tier 0 leave the block.
  irq_check_ = 1;
  ctl.exit = 1;
}

namespace {
// Where an asynchronous exception goes (D1.10.x, ARMv8.0 without VHE): to EL3 when SCR_EL3
// routes it there, to EL2 when HCR_EL2 routes it (or TGE is set) in Non-secure state,
// otherwise to EL1. The target does not depend on the current level: an interrupt routed
// to EL1 stays pending while the core runs at EL2. scr_bit/hcr_bit: IRQ 1/4, FIQ 2/3,
// SError 3/5.
unsigned async_target(const CpuState& s, unsigned scr_bit, unsigned hcr_bit) {
  if ((s.scr_el3 >> scr_bit) & 1) return 3;
  if (el2_enabled(s) && (((s.hcr_el2 >> hcr_bit) & 1) || (s.hcr_el2 & kHcrTge))) return 2;
  return 1;
}

// Taken when it goes to a higher EL (PSTATE masks do not apply, D1.13.x) or to the
// current EL with its PSTATE mask bit clear; never to a lower EL.
bool can_take(const CpuState& s, unsigned target, uint32_t mask_bit) {
  if (target < s.el) return false;
  if (target > s.el) return true;
  return !(s.daif & mask_bit);
}
}  // namespace

bool Cpu::take_interrupt() {
  // SError first, then FIQ, then IRQ (their relative priority is IMPLEMENTATION DEFINED).
  if (serror_pending_) {
    const unsigned target = async_target(s, 3, 5);
    if (can_take(s, target, kDaifA)) {
      serror_pending_ = false;
      // ESR: EC 0x2F, IDS = 0 with an uncategorized syndrome (D17.2.37).
      take_exception(*this, target, ExceptionType::SError, (0x2fu << 26) | (1u << 25), s.pc);
      return true;
    }
  }
  if (fiq_line_) {
    const unsigned target = async_target(s, 2, 3);
    if (can_take(s, target, kDaifF)) {
      take_exception(*this, target, ExceptionType::Fiq, 0, s.pc);
      return true;
    }
  }
  if (irq_line_) {
    const unsigned target = async_target(s, 1, 4);
    if (can_take(s, target, kDaifI)) {
      take_exception(*this, target, ExceptionType::Irq, 0, s.pc);
      return true;
    }
  }
  return false;
}

void Cpu::wait(bool for_event) {
  // WFE returns at once when the event register is set, clearing it (D1.17.1).
  if (for_event && take_event()) return;
  waiting_for_event_ = for_event;
  if (wake_pending()) return;
  waiting_ = true;
  ctl.exit = 1;
}

bool Cpu::wake_pending() const {
  // WFI and WFE wake on an asserted interrupt whether or not PSTATE masks it (D1.17.2);
  // WFE also on an event (SEV from any core), which does not end a WFI.
  return irq_line_ | fiq_line_ | serror_pending_ | (waiting_for_event_ & event_register_);
}

unsigned Cpu::timer_lines(uint64_t count) const {
  unsigned lines = 0;
  for (int t = 0; t < 3; ++t) {
    const uint32_t ctl = s.cnt_ctl[t];
    const uint64_t c = t == 1 ? count - s.cntvoff_el2 : count;
    if ((ctl & 3) == 1 && c >= s.cnt_cval[t]) lines |= 1u << t;
  }
  return lines;
}

uint64_t Cpu::next_timer_deadline(uint64_t count) const {
  uint64_t next = UINT64_MAX;
  for (int t = 0; t < 3; ++t) {
    if ((s.cnt_ctl[t] & 3) != 1) continue;
    const uint64_t offset = t == 1 ? s.cntvoff_el2 : 0;
    if (count - offset >= s.cnt_cval[t]) continue;  // firing already
    next = std::min(next, s.cnt_cval[t] + offset);
  }
  return next;
}

}  // namespace bramble
