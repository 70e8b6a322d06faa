// The BCM2835 hardware random number generator at 0x3F104000, as Linux's bcm2835-rng
// driver, U-Boot and bare-metal programs drive it (the block is not in the public
// peripherals manual; the register use below is what those drivers rely on):
//   CTRL (0x00):         bit 0 RBGEN starts the generator.
//   STATUS (0x04):       bits 31:24 the words ready in the FIFO; bits 19:0 the warm-up count
//                        a driver writes (numbers discarded before the first one given out).
//   DATA (0x08):         the next word; reading it takes it from the FIFO.
//   FF_THRESHOLD (0x0c): the FIFO level for the interrupt; INT_MASK (0x10): bit 0 masks it.
// The model's generator refills faster than any guest reads: while RBGEN is set the FIFO
// is full (kFifoWords); while it is clear, STATUS shows none and DATA reads zero. The
// warm-up is over by the time a guest looks, so STATUS reads back a count of zero. The
// words come from a PRNG seeded from the host's entropy, or from a fixed seed under
// --deterministic so that runs repeat. The interrupt is not wired (no driver waits for it).
#pragma once

#include <cstdint>
#include <random>

#include "machine/guest_log.h"
#include "machine/mmio_device.h"

namespace bramble {

class Bcm2835Rng final : public MmioDevice {
 public:
  // deterministic: the fixed seed kDeterministicSeed instead of one from the host.
  Bcm2835Rng(GuestLog& log, bool deterministic);

  const char* name() const override { return "bcm2835-rng"; }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void reset() override;

  enum Reg : uint32_t { CTRL = 0x00, STATUS = 0x04, DATA = 0x08, FF_THRESHOLD = 0x0c, INT_MASK = 0x10 };
  static constexpr uint32_t kRbgEn = 1;
  static constexpr uint32_t kFifoWords = 4;
  static constexpr uint64_t kDeterministicSeed = 0x5eed'b2a3'b1e0'0001ull;

 private:
  GuestLog& log_;
  bool deterministic_;
  std::mt19937_64 gen_;
  uint32_t ctrl_ = 0, ff_threshold_ = 0, int_mask_ = 0;
};

}  // namespace bramble
