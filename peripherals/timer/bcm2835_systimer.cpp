#include "peripherals/timer/bcm2835_systimer.h"

namespace bramble {

void Bcm2835SysTimer::reset() {
  for (unsigned n = 0; n < 4; ++n) {
    if (event_[n]) sched_.cancel(event_[n]);
    event_[n] = 0;
    compare_[n] = 0;
    if (cs_ & (1u << n)) irq_(n, false);
  }
  cs_ = 0;
  // Not armed until written: the compares' reset value would first match when the
  // counter wraps, 71 minutes in; a guest that relies on that writes them anyway.
}

// The next tick at which the counter's low word equals Cn: a compare equal to the
// current low word matches only after the counter wraps (2^32 us, about 71 minutes).
void Bcm2835SysTimer::arm(unsigned n) {
  if (event_[n]) sched_.cancel(event_[n]);
  const uint64_t now = ticks();
  uint64_t delta = uint32_t(compare_[n] - uint32_t(now));
  if (delta == 0) delta = 1ull << 32;
  schedule_match(n, now + delta);
}

void Bcm2835SysTimer::schedule_match(unsigned n, uint64_t tick) {
  match_tick_[n] = tick;
  event_[n] = sched_.schedule_at(tick * kNsPerTick, [this, n] {
    event_[n] = 0;
    match(n);
  });
}

void Bcm2835SysTimer::match(unsigned n) {
  const bool was = cs_ & (1u << n);
  cs_ |= 1u << n;
  if (!was) irq_(n, true);
  // The counter keeps running: Cn matches again after a full wrap unless rewritten.
  schedule_match(n, match_tick_[n] + (1ull << 32));
}

void Bcm2835SysTimer::settle() {
  const uint64_t now = ticks();
  for (unsigned n = 0; n < 4; ++n)
    if (event_[n] && now >= match_tick_[n]) {
      sched_.cancel(event_[n]);
      event_[n] = 0;
      match(n);
    }
}

uint64_t Bcm2835SysTimer::read(uint64_t offset, unsigned) {
  switch (offset) {
    case CS: settle(); return cs_;
    case CLO: return uint32_t(ticks());
    case CHI: return uint32_t(ticks() >> 32);
    case C0: case C0 + 4: case C0 + 8: case C0 + 12: return compare_[(offset - C0) / 4];
  }
  log_.unimplemented("bcm2835-systimer: read of unmodelled register offset 0x%llx", (unsigned long long)offset);
  return 0;
}

void Bcm2835SysTimer::write(uint64_t offset, unsigned, uint64_t value) {
  const uint32_t v = uint32_t(value);
  switch (offset) {
    case CS:
      settle();
      for (unsigned n = 0; n < 4; ++n)
        if ((v & cs_) & (1u << n)) {
          cs_ &= ~(1u << n);
          irq_(n, false);
        }
      return;
    case CLO: case CHI: return;  // the counter is read-only
    case C0: case C0 + 4: case C0 + 8: case C0 + 12: {
      const unsigned n = unsigned(offset - C0) / 4;
      compare_[n] = v;
      arm(n);
      return;
    }
  }
  log_.unimplemented("bcm2835-systimer: write to unmodelled register offset 0x%llx", (unsigned long long)offset);
}

}  // namespace bramble
