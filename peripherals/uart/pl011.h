// ARM PrimeCell UART (PL011) r1p5, as the BCM2837 has it at 0x3F201000 (BCM2835 ARM
// Peripherals, chapter 13). Polled operation: data register, flags, and the control
// registers read back as written. Interrupts and FIFO levels come with the board work.
#pragma once

#include <cstdint>
#include <deque>

#include "machine/char_backend.h"
#include "machine/guest_log.h"
#include "machine/mmio_device.h"

namespace bramble {

class Pl011 final : public MmioDevice {
 public:
  Pl011(CharBackend& backend, GuestLog& log) : backend_(backend), log_(log) { reset(); }

  const char* name() const override { return "pl011"; }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void reset() override;

  // Pulls waiting host input into the receive FIFO.
  void poll_input();

  enum Reg : uint32_t {
    DR = 0x00, RSRECR = 0x04, FR = 0x18, ILPR = 0x20, IBRD = 0x24, FBRD = 0x28, LCR_H = 0x2c,
    CR = 0x30, IFLS = 0x34, IMSC = 0x38, RIS = 0x3c, MIS = 0x40, ICR = 0x44, DMACR = 0x48,
    ITCR = 0x80, ITIP = 0x84, ITOP = 0x88, TDR = 0x8c, PERIPH_ID0 = 0xfe0, CELL_ID3 = 0xffc,
  };
  // FR bits.
  static constexpr uint32_t kFrTxfe = 1u << 7, kFrRxff = 1u << 6, kFrTxff = 1u << 5, kFrRxfe = 1u << 4,
                            kFrBusy = 1u << 3;
  static constexpr size_t kFifoDepth = 16;

 private:
  CharBackend& backend_;
  GuestLog& log_;
  std::deque<uint8_t> rx_;
  uint32_t ibrd_, fbrd_, lcr_h_, cr_, ifls_, imsc_, ris_, dmacr_, ilpr_, rsr_;
};

}  // namespace bramble
