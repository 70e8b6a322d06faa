#include "machine/semihosting.h"

#include <cstdio>

#include "machine/bus.h"

namespace bramble {

bool Semihosting::handle(Cpu& cpu) {
  const uint32_t op = uint32_t(cpu.s.x[0]);
  const uint64_t arg = cpu.s.x[1];
  switch (op) {
    case SYS_WRITEC: {
      uint8_t b;
      if (bus_.copy_from_ram(arg, &b, 1)) console_.write(b);
      return true;
    }
    case SYS_WRITE0: {
      // Bounded by RAM: a string running off the end of RAM stops there.
      for (uint64_t a = arg;; ++a) {
        uint8_t b;
        if (!bus_.copy_from_ram(a, &b, 1) || b == 0) break;
        console_.write(b);
      }
      return true;
    }
    case SYS_EXIT:
    case SYS_EXIT_EXTENDED: {
      // On AArch64 both take a block {reason, subcode}; the subcode is the exit status
      // when the reason is ADP_Stopped_ApplicationExit, any other reason is a failure.
      uint64_t block[2] = {0, 0};
      if (!bus_.copy_from_ram(arg, block, sizeof block)) {
        std::fprintf(stderr, "bramble: semihosting exit with an unreadable parameter block at 0x%llx\n",
                     (unsigned long long)arg);
        exit_status_ = 1;
      } else {
        exit_status_ = block[0] == kAdpStoppedApplicationExit ? int(block[1] & 0xff) : 1;
      }
      cpu.stop(StopReason::Halt, "semihosting exit");
      return true;
    }
  }
  char msg[96];
  std::snprintf(msg, sizeof msg, "semihosting operation 0x%x is not supported yet", op);
  cpu.stop(StopReason::Unsupported, msg);
  return true;
}

}  // namespace bramble
