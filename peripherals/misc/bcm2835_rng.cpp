#include "peripherals/misc/bcm2835_rng.h"

namespace bramble {

Bcm2835Rng::Bcm2835Rng(GuestLog& log, bool deterministic) : log_(log), deterministic_(deterministic) { reset(); }

void Bcm2835Rng::reset() {
  ctrl_ = ff_threshold_ = int_mask_ = 0;
  // A machine reset reseeds: under --deterministic the words repeat run after run and
  // boot after boot; otherwise they are fresh, as a real generator's would be.
  gen_.seed(deterministic_ ? kDeterministicSeed : (uint64_t(std::random_device{}()) << 32 | std::random_device{}()));
}

uint64_t Bcm2835Rng::read(uint64_t offset, unsigned) {
  const bool running = ctrl_ & kRbgEn;
  switch (offset) {
    case CTRL: return ctrl_;
    case STATUS: return running ? kFifoWords << 24 : 0;
    case DATA: return running ? uint32_t(gen_()) : 0;
    case FF_THRESHOLD: return ff_threshold_;
    case INT_MASK: return int_mask_;
  }
  log_.unimplemented("bcm2835-rng: read of unmodelled register offset 0x%llx", (unsigned long long)offset);
  return 0;
}

void Bcm2835Rng::write(uint64_t offset, unsigned, uint64_t value) {
  const uint32_t v = uint32_t(value);
  switch (offset) {
    case CTRL: ctrl_ = v; return;
    case STATUS: return;  // the warm-up count: over before a guest can look (see the header)
    case DATA: return;    // read-only
    case FF_THRESHOLD: ff_threshold_ = v; return;
    case INT_MASK: int_mask_ = v & 1; return;
  }
  log_.unimplemented("bcm2835-rng: write to unmodelled register offset 0x%llx", (unsigned long long)offset);
}

}  // namespace bramble
