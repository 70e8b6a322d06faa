#include "peripherals/uart/pl011.h"

namespace bramble {

namespace {
// PL011 TRM 3.3.x: peripheral and PrimeCell identification, r1p5.
constexpr uint8_t kIds[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
}

void Pl011::reset() {
  rx_.clear();
  ibrd_ = fbrd_ = lcr_h_ = ifls_ = imsc_ = ris_ = dmacr_ = ilpr_ = rsr_ = 0;
  cr_ = 0x300;   // TXE and RXE set, UARTEN clear (TRM 3.3.8 reset value)
  ifls_ = 0x12;  // half-full trigger levels
}

void Pl011::poll_input() {
  while (rx_.size() < kFifoDepth) {
    auto b = backend_.read();
    if (!b) break;
    rx_.push_back(*b);
  }
}

uint64_t Pl011::read(uint64_t offset, unsigned) {
  switch (offset) {
    case DR: {
      if (rx_.empty()) return 0;
      const uint8_t b = rx_.front();
      rx_.pop_front();
      poll_input();
      return b;
    }
    case RSRECR: return rsr_;
    case FR: {
      poll_input();
      uint32_t fr = kFrTxfe;  // output reaches the host at once: the FIFO is always empty
      if (rx_.empty()) fr |= kFrRxfe;
      if (rx_.size() >= kFifoDepth) fr |= kFrRxff;
      return fr;
    }
    case ILPR: return ilpr_;
    case IBRD: return ibrd_;
    case FBRD: return fbrd_;
    case LCR_H: return lcr_h_;
    case CR: return cr_;
    case IFLS: return ifls_;
    case IMSC: return imsc_;
    case RIS: return ris_;
    case MIS: return ris_ & imsc_;
    case DMACR: return dmacr_;
  }
  if (offset >= PERIPH_ID0 && offset <= CELL_ID3 && (offset & 3) == 0) return kIds[(offset - PERIPH_ID0) / 4];
  log_.unimplemented("pl011: read of unknown register offset 0x%llx", (unsigned long long)offset);
  return 0;
}

void Pl011::write(uint64_t offset, unsigned, uint64_t value) {
  const uint32_t v = uint32_t(value);
  switch (offset) {
    // Real hardware drops output while UARTEN or TXE is clear, but firmware-less bare-metal
    // programs commonly write DR without enabling the UART, and QEMU prints it; so do we.
    case DR: backend_.write(uint8_t(v)); return;
    case RSRECR: rsr_ = 0; return;
    case ILPR: ilpr_ = v & 0xff; return;
    case IBRD: ibrd_ = v & 0xffff; return;
    case FBRD: fbrd_ = v & 0x3f; return;
    case LCR_H: lcr_h_ = v & 0xff; return;
    case CR: cr_ = v & 0xff87; return;
    case IFLS: ifls_ = v & 0x3f; return;
    case IMSC: imsc_ = v & 0x7ff; return;
    case ICR: ris_ &= ~v; return;
    case DMACR: dmacr_ = v & 7; return;
  }
  log_.unimplemented("pl011: write of unknown register offset 0x%llx", (unsigned long long)offset);
}

}  // namespace bramble
