// Arm semihosting (the "Semihosting for AArch32 and AArch64" specification, v2): the
// guest executes HLT #0xF000 with the operation number in W0 and a parameter (often
// the address of a parameter block) in X1; the result goes back in X0.
#pragma once

#include <cstdint>
#include <optional>

#include "cpu/cpu.h"
#include "machine/char_backend.h"

namespace bramble {

class Bus;

class Semihosting {
 public:
  Semihosting(Bus& bus, CharBackend& console) : bus_(bus), console_(console) {}

  // Handles one call; returns false when the operation is not supported (the core then
  // stops with a message naming it).
  bool handle(Cpu& cpu);

  // Set once the guest has asked to exit, with the status it gave.
  std::optional<int> exit_status() const { return exit_status_; }

  static constexpr uint16_t kHltImmediate = 0xF000;
  enum Op : uint32_t { SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20 };
  static constexpr uint64_t kAdpStoppedApplicationExit = 0x20026;

 private:
  Bus& bus_;
  CharBackend& console_;
  std::optional<int> exit_status_;
};

}  // namespace bramble
