// The BCM2836 "ARM local" interrupt block at 0x40000000 (QA7 ARM quad core document
// rev 3.4, section 4), as far as routing the cores' generic timers needs: the control
// and prescaler registers, the core timer interrupt control registers (0x40..0x4c), and
// the per-core IRQ and FIQ source registers (0x60..0x6c, 0x70..0x7c). The mailboxes,
// the local timer and GPU interrupt routing come with the board's interrupt work: their
// registers read as zero and ignore writes, reported once each with --trace unimp.
#pragma once

#include <cstdint>
#include <functional>

#include "machine/guest_log.h"
#include "machine/mmio_device.h"

namespace bramble {

class Bcm2836Local final : public MmioDevice {
 public:
  static constexpr unsigned kCores = 4;
  // Timer line numbers as the controller numbers them (QA7 4.6).
  static constexpr unsigned kCntPsIrq = 0, kCntPnsIrq = 1, kCntHpIrq = 2, kCntVIrq = 3;
  // Called whenever a core's IRQ or FIQ output changes level.
  using Output = std::function<void(unsigned core, bool irq, bool fiq)>;

  Bcm2836Local(GuestLog& log, Output out) : log_(log), out_(std::move(out)) { reset(); }

  const char* name() const override { return "bcm2836-local"; }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void reset() override;

  // The four timer lines of a core (bit n = line n above), level-sensitive.
  void set_timer_lines(unsigned core, unsigned lines);

  uint32_t irq_source(unsigned core) const;
  uint32_t fiq_source(unsigned core) const;

 private:
  void update(unsigned core);
  GuestLog& log_;
  Output out_;
  uint32_t control_ = 0, prescaler_ = 0;
  uint32_t timer_control_[kCores] = {};
  unsigned timer_lines_[kCores] = {};
  bool irq_out_[kCores] = {}, fiq_out_[kCores] = {};
};

}  // namespace bramble
