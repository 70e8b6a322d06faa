// A byte stream on the host side of a serial port (stdio, a file, nothing).
#pragma once

#include <cstdint>
#include <optional>

namespace bramble {

class CharBackend {
 public:
  virtual ~CharBackend() = default;
  virtual void write(uint8_t byte) = 0;
  // A byte the host has typed or sent, if one is waiting; never blocks.
  virtual std::optional<uint8_t> read() { return std::nullopt; }
};

}  // namespace bramble
