// The BCM2835 power manager's reset controller and watchdog at 0x3F100000 (as Linux's
// bcm2835_wdt driver and the Pi firmware use it; the block is not in the public
// peripherals manual). Writes need the password 0x5A in bits 31:24.
//   RSTC (0x1c): WRCFG (bits 5:4) = 10 arms a full reset when the watchdog expires.
//   RSTS (0x20): the boot partition for the firmware, in the even bits 0..10; the
//                firmware treats partition 63 as "halt", which is how a Pi powers off.
//   WDOG (0x24): watchdog time in 1/65536 s ticks (20 bits), counting down once armed.
#pragma once

#include <cstdint>
#include <functional>

#include "machine/guest_log.h"
#include "machine/mmio_device.h"
#include "machine/scheduler.h"

namespace bramble {

class Bcm2835Pm final : public MmioDevice {
 public:
  // on_reset(halt) runs when the watchdog fires; halt = RSTS names partition 63.
  Bcm2835Pm(Scheduler& sched, GuestLog& log, std::function<void(bool halt)> on_reset)
      : sched_(sched), log_(log), on_reset_(std::move(on_reset)) { reset(); }

  const char* name() const override { return "bcm2835-pm"; }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void reset() override;

  enum Reg : uint32_t { RSTC = 0x1c, RSTS = 0x20, WDOG = 0x24 };
  static constexpr uint32_t kPassword = 0x5a000000;
  static constexpr uint32_t kRstcWrcfgMask = 0x30, kRstcWrcfgFullReset = 0x20, kRstcReset = 0x102;
  static constexpr uint32_t kRstsPartitionMask = 0x555;  // bits 0,2,4,6,8,10
  static constexpr uint64_t kTicksPerSecond = 65536;

  // The partition number held in RSTS (0..63).
  static unsigned partition(uint32_t rsts);

 private:
  void arm();
  void disarm();
  uint32_t remaining_ticks() const;

  Scheduler& sched_;
  GuestLog& log_;
  std::function<void(bool)> on_reset_;
  uint32_t rstc_ = 0, rsts_ = 0, wdog_ = 0;
  bool armed_ = false;
  uint64_t deadline_ns_ = 0;
  Scheduler::EventId event_ = 0;
};

}  // namespace bramble
