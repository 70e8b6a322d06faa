#include "peripherals/intc/bcm2836_local.h"

namespace bramble {

namespace {
// Register offsets (QA7 rev 3.4, 4.1).
constexpr uint64_t kControl = 0x00, kPrescaler = 0x08;
constexpr uint64_t kTimerControl = 0x40, kIrqSource = 0x60, kFiqSource = 0x70;
}  // namespace

void Bcm2836Local::reset() {
  control_ = 0;
  prescaler_ = 0;
  for (unsigned c = 0; c < kCores; ++c) {
    timer_control_[c] = 0;
    update(c);
  }
}

// Core timer interrupt control (QA7 4.6): bits 0..3 send timer line n to the core's IRQ,
// bits 4..7 to its FIQ; FIQ wins when both are set for a line.
uint32_t Bcm2836Local::irq_source(unsigned core) const {
  const uint32_t ctl = timer_control_[core];
  return timer_lines_[core] & ctl & ~(ctl >> 4) & 0xf;
}

uint32_t Bcm2836Local::fiq_source(unsigned core) const {
  return timer_lines_[core] & (timer_control_[core] >> 4) & 0xf;
}

void Bcm2836Local::update(unsigned core) {
  const bool irq = irq_source(core) != 0, fiq = fiq_source(core) != 0;
  if (irq == irq_out_[core] && fiq == fiq_out_[core]) return;
  irq_out_[core] = irq;
  fiq_out_[core] = fiq;
  if (out_) out_(core, irq, fiq);
}

void Bcm2836Local::set_timer_lines(unsigned core, unsigned lines) {
  if (core >= kCores) return;
  timer_lines_[core] = lines & 0xf;
  update(core);
}

uint64_t Bcm2836Local::read(uint64_t offset, unsigned size) {
  if (size != 4 || (offset & 3)) {
    log_.unimplemented("bcm2836-local: %u-byte read at offset 0x%llx (only aligned 32-bit accesses exist)", size,
                       (unsigned long long)offset);
    return 0;
  }
  if (offset == kControl) return control_;
  if (offset == kPrescaler) return prescaler_;
  if (offset >= kTimerControl && offset < kTimerControl + 16) return timer_control_[(offset - kTimerControl) / 4];
  if (offset >= kIrqSource && offset < kIrqSource + 16) return irq_source(unsigned(offset - kIrqSource) / 4);
  if (offset >= kFiqSource && offset < kFiqSource + 16) return fiq_source(unsigned(offset - kFiqSource) / 4);
  log_.unimplemented("bcm2836-local: read of unmodelled register offset 0x%llx", (unsigned long long)offset);
  return 0;
}

void Bcm2836Local::write(uint64_t offset, unsigned size, uint64_t value) {
  const uint32_t v = uint32_t(value);
  if (size != 4 || (offset & 3)) {
    log_.unimplemented("bcm2836-local: %u-byte write at offset 0x%llx ignored", size, (unsigned long long)offset);
    return;
  }
  if (offset == kControl) {
    control_ = v & 0x300;  // counter clock source and increment (bits 8, 9)
  } else if (offset == kPrescaler) {
    prescaler_ = v;
  } else if (offset >= kTimerControl && offset < kTimerControl + 16) {
    const unsigned core = unsigned(offset - kTimerControl) / 4;
    timer_control_[core] = v & 0xff;
    update(core);
  } else {
    log_.unimplemented("bcm2836-local: write of 0x%08x to unmodelled register offset 0x%llx ignored", v,
                       (unsigned long long)offset);
  }
}

}  // namespace bramble
