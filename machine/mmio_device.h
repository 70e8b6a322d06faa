// The interface every memory-mapped peripheral implements. Offsets are relative to the
// device's base; size is 1, 2, 4 or 8. A device never aborts on an unexpected access: it
// logs it once as a guest error (through the GuestErrorLog it is given) and reads zero.
#pragma once

#include <cstdint>
#include <string>

namespace bramble {

class MmioDevice {
 public:
  virtual ~MmioDevice() = default;
  virtual const char* name() const = 0;
  virtual uint64_t read(uint64_t offset, unsigned size) = 0;
  virtual void write(uint64_t offset, unsigned size, uint64_t value) = 0;
  virtual void reset() {}
};

}  // namespace bramble
