// What the load/store handlers of general and SIMD&FP registers share: the fault check,
// the addressing modes and the SP alignment check of a base register.
#pragma once

#include "cpu/cpu.h"
#include "cpu/exceptions.h"

namespace bramble::interp {

// True when the access just made faulted (or stopped the core): the handler must leave.
inline bool faulted(const Cpu& c) { return c.ctl.exit; }

enum class Mode { Offset, Pre, Post };

// A base register of SP must be 16-byte aligned when SCTLR says so (D1.8.2); otherwise
// the SP alignment fault is taken and the access does not happen.
inline bool base_ok(Cpu& c, unsigned n) {
  if (n != 31 || sp_alignment_ok(c.s)) [[likely]] return true;
  sp_alignment_fault(c);
  return false;
}

}  // namespace bramble::interp
