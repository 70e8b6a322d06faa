// What the load/store handlers of general and SIMD&FP registers share: the fault check,
// the addressing modes and the SP alignment check of a base register.
#pragma once

#include "cpu/alu.h"
#include "cpu/cpu.h"
#include "cpu/exceptions.h"
#include "cpu/regs.h"

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

// The signed 9-bit offset of the unscaled and pre/post-indexed forms.
inline int64_t imm9(uint32_t w) { return sext(bits(w, 20, 12), 9); }

// The address of a register-offset form: Xn|SP + ExtendReg(Xm, option), the extended
// register shifted by the access size (log2 bytes) when S is set. False when the SP
// alignment check took an exception.
inline bool register_offset_address(Cpu& c, uint32_t w, unsigned size_log2, uint64_t* addr) {
  const uint64_t offset = alu::extend_reg(xr(c, rm(w)), bits(w, 15, 13), bits(w, 12, 12) ? size_log2 : 0);
  if (!base_ok(c, rn(w))) return false;
  *addr = xsp(c, rn(w)) + offset;
  return true;
}

}  // namespace bramble::interp
