// Host ends of the serial ports: --serialN stdio|null|file:PATH.
#pragma once

#include <memory>
#include <string>

#include "machine/char_backend.h"

namespace bramble {

// Parses a --serialN value and opens it. On a bad value or an unopenable file, returns
// null and sets *error to one line saying what is wrong.
std::unique_ptr<CharBackend> open_serial_backend(const std::string& spec, std::string* error);

// Host stderr: where semihosting console output goes, as in QEMU.
std::unique_ptr<CharBackend> make_stderr_backend();

}  // namespace bramble
