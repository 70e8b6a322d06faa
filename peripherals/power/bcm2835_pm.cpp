#include "peripherals/power/bcm2835_pm.h"

namespace bramble {

namespace {
constexpr uint64_t kNsPerTick = 1'000'000'000ull / Bcm2835Pm::kTicksPerSecond;  // ~15.26 us
constexpr uint32_t kWdogMask = 0xfffff;
}  // namespace

unsigned Bcm2835Pm::partition(uint32_t rsts) {
  unsigned p = 0;
  for (unsigned i = 0; i < 6; ++i) p |= ((rsts >> (2 * i)) & 1) << i;
  return p;
}

void Bcm2835Pm::reset() {
  disarm();
  rstc_ = 0;
  wdog_ = 0;
  // RSTS survives a watchdog reset on the real chip (the firmware reads it after one);
  // a machine reset object is built anew on power-up, so it starts at zero here.
  rsts_ = 0;
}

uint32_t Bcm2835Pm::remaining_ticks() const {
  if (!armed_) return wdog_;
  const uint64_t now = sched_.now_ns();
  return now >= deadline_ns_ ? 0 : uint32_t((deadline_ns_ - now) / kNsPerTick);
}

uint64_t Bcm2835Pm::read(uint64_t offset, unsigned) {
  switch (offset) {
    case RSTC: return rstc_;
    case RSTS: return rsts_;
    case WDOG: return remaining_ticks() & kWdogMask;
  }
  log_.unimplemented("bcm2835-pm: read of unmodelled register offset 0x%llx", (unsigned long long)offset);
  return 0;
}

void Bcm2835Pm::write(uint64_t offset, unsigned, uint64_t value) {
  const uint32_t v = uint32_t(value);
  if ((v & 0xff000000u) != kPassword) {
    log_.unimplemented("bcm2835-pm: write of 0x%08x to offset 0x%llx without the 0x5A password ignored", v,
                       (unsigned long long)offset);
    return;
  }
  switch (offset) {
    case RSTC:
      rstc_ = v & 0x00ffffffu;
      if ((rstc_ & kRstcWrcfgMask) == kRstcWrcfgFullReset) arm();
      else if ((rstc_ & kRstcReset) == kRstcReset) disarm();
      return;
    case RSTS: rsts_ = v & 0x00ffffffu; return;
    case WDOG:
      wdog_ = v & kWdogMask;
      if (armed_) arm();  // re-arming with the new time, as a watchdog "ping" does
      return;
  }
  log_.unimplemented("bcm2835-pm: write to unmodelled register offset 0x%llx", (unsigned long long)offset);
}

void Bcm2835Pm::arm() {
  disarm();
  armed_ = true;
  deadline_ns_ = sched_.now_ns() + uint64_t(wdog_) * kNsPerTick;
  event_ = sched_.schedule_at(deadline_ns_, [this] {
    armed_ = false;
    event_ = 0;
    wdog_ = 0;
    on_reset_(partition(rsts_) == 63);
  });
}

void Bcm2835Pm::disarm() {
  if (event_) sched_.cancel(event_);
  event_ = 0;
  armed_ = false;
}

}  // namespace bramble
