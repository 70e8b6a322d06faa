// C4.1.88 Loads and stores of general registers (C6.2: LDR/STR in every addressing form,
// LDP/STP, LDNP/STNP, LDTR/STTR, literal loads, PRFM, exclusives, acquire/release).
//
// Rn = 31 addresses through SP. Writeback forms with Rn == Rt are CONSTRAINED
// UNPREDICTABLE (K1.2.x); tier 0 performs the access and then the writeback.
//
// Any access may fault (cpu/mmu_access.cpp takes the exception and sets ctl.exit): a
// handler then returns at once, so that no register, base writeback or pc changes.
#include <cstdio>

#include "cpu/alu.h"
#include "cpu/exceptions.h"
#include "cpu/interp/handlers.h"
#include "cpu/interp/ldst_common.h"
#include "cpu/memory_access.h"
#include "cpu/regs.h"

namespace bramble::interp {

namespace {
enum class Ext { Zero, SignTo64, SignTo32 };

inline uint64_t load_sized(Cpu& c, uint64_t addr, unsigned size_log2, Ext ext, unsigned ctx) {
  switch (size_log2) {
    case 0: {
      const uint8_t v = load<uint8_t>(c, addr, ctx);
      return ext == Ext::Zero ? v : ext == Ext::SignTo64 ? uint64_t(int64_t(int8_t(v))) : uint32_t(int32_t(int8_t(v)));
    }
    case 1: {
      const uint16_t v = load<uint16_t>(c, addr, ctx);
      return ext == Ext::Zero ? v : ext == Ext::SignTo64 ? uint64_t(int64_t(int16_t(v))) : uint32_t(int32_t(int16_t(v)));
    }
    case 2: {
      const uint32_t v = load<uint32_t>(c, addr, ctx);
      return ext == Ext::SignTo64 ? uint64_t(int64_t(int32_t(v))) : v;
    }
    default:
      return load<uint64_t>(c, addr, ctx);
  }
}
inline uint64_t load_sized(Cpu& c, uint64_t addr, unsigned size_log2, Ext ext) {
  return load_sized(c, addr, size_log2, ext, c.s.el);
}

inline void store_sized(Cpu& c, uint64_t addr, unsigned size_log2, uint64_t v, unsigned ctx) {
  switch (size_log2) {
    case 0: store<uint8_t>(c, addr, uint8_t(v), ctx); break;
    case 1: store<uint16_t>(c, addr, uint16_t(v), ctx); break;
    case 2: store<uint32_t>(c, addr, uint32_t(v), ctx); break;
    default: store<uint64_t>(c, addr, v, ctx); break;
  }
}
inline void store_sized(Cpu& c, uint64_t addr, unsigned size_log2, uint64_t v) {
  store_sized(c, addr, size_log2, v, c.s.el);
}

// One register load/store with an immediate offset; kOp: 0 store, 1 load, 2 load signed
// to 64 bits, 3 load signed to 32 bits. kUnpriv: LDTR/STTR, which at EL1 access memory
// with EL0's permissions (C6.2.x).
template <int kOp, Mode kMode, bool kUnpriv = false>
inline void ldst_imm(Cpu& c, uint32_t w, int64_t offset) {
  const unsigned size = bits(w, 31, 30);
  const unsigned n = rn(w), t = rd(w);
  if (!base_ok(c, n)) return;
  const uint64_t base = xsp(c, n);
  const uint64_t addr = kMode == Mode::Post ? base : base + offset;
  const unsigned ctx = kUnpriv && c.s.el == 1 ? 0 : c.s.el;
  if (kOp == 0) {
    store_sized(c, addr, size, xr(c, t), ctx);
    if (faulted(c)) return;
  } else {
    const uint64_t v = load_sized(c, addr, size, kOp == 1 ? Ext::Zero : kOp == 2 ? Ext::SignTo64 : Ext::SignTo32, ctx);
    if (faulted(c)) return;
    set_xr(c, t, v);
  }
  if (kMode != Mode::Offset) set_xsp(c, n, base + offset);
  c.s.pc += 4;
}

inline int64_t uimm12(uint32_t w) { return int64_t(bits(w, 21, 10)) << bits(w, 31, 30); }

template <int kOp>
inline void ldst_reg(Cpu& c, uint32_t w) {
  const unsigned size = bits(w, 31, 30);
  uint64_t addr;
  if (!register_offset_address(c, w, size, &addr)) return;
  const unsigned t = rd(w);
  if (kOp == 0) {
    store_sized(c, addr, size, xr(c, t));
    if (faulted(c)) return;
  } else {
    const uint64_t v = load_sized(c, addr, size, kOp == 1 ? Ext::Zero : kOp == 2 ? Ext::SignTo64 : Ext::SignTo32);
    if (faulted(c)) return;
    set_xr(c, t, v);
  }
  c.s.pc += 4;
}

// Load/store pair; kLoad, kSigned (LDPSW), mode. Scale: 4 bytes for opc=00/01, 8 for 10.
template <bool kLoad, bool kSigned, Mode kMode>
inline void ldst_pair(Cpu& c, uint32_t w) {
  const bool is64 = bits(w, 31, 31);
  const unsigned esize_log2 = is64 ? 3 : 2;
  const int64_t offset = sext(bits(w, 21, 15), 7) << esize_log2;
  const unsigned n = rn(w), t = rd(w), t2 = rt2(w);
  if (!base_ok(c, n)) return;
  const uint64_t base = xsp(c, n);
  const uint64_t addr = kMode == Mode::Post ? base : base + offset;
  const uint64_t step = 1ull << esize_log2;
  if (kLoad) {
    const Ext ext = kSigned ? Ext::SignTo64 : Ext::Zero;
    const uint64_t a = load_sized(c, addr, esize_log2, ext);
    if (faulted(c)) return;
    const uint64_t b = load_sized(c, addr + step, esize_log2, ext);
    if (faulted(c)) return;
    set_xr(c, t, a);
    set_xr(c, t2, b);
  } else {
    // A fault on the second half may leave the first written: the Arm ARM allows it
    // (memory written by a faulting store is UNKNOWN, K1.2.x).
    const uint64_t a = xr(c, t), b = xr(c, t2);
    store_sized(c, addr, esize_log2, a);
    if (faulted(c)) return;
    store_sized(c, addr + step, esize_log2, b);
    if (faulted(c)) return;
  }
  if (kMode != Mode::Offset) set_xsp(c, n, base + offset);
  c.s.pc += 4;
}

// Exclusive and ordered accesses must be aligned whatever SCTLR.A says (B2.5.2); a
// misaligned one takes an alignment fault.
inline bool check_exclusive_alignment(Cpu& c, uint64_t addr, unsigned bytes, bool is_write) {
  if ((addr & (bytes - 1)) == 0) return true;
  data_alignment_fault(c, addr, is_write);
  return false;
}


// StoreExclusive succeeds only when the local monitor still tags exactly this access.
// A different address fails (an IMPLEMENTATION DEFINED choice, B2.9.4); a different size
// at the same address is CONSTRAINED UNPREDICTABLE (K1.2.x) and fails here too. The
// monitor is cleared either way.
inline bool monitor_claim(Cpu& c, uint64_t pa, unsigned bytes) {
  const bool ok = c.s.excl_valid && c.s.excl_addr == pa && c.s.excl_size == bytes;
  monitor_clear(c);
  return ok;
}

// The checks every exclusive access makes before it touches memory: SP alignment,
// alignment, and translation (the monitor tags physical addresses). False when one of
// them took an exception.
inline bool exclusive_address(Cpu& c, uint32_t w, unsigned bytes, bool is_write, uint64_t* va, uint64_t* pa) {
  if (!base_ok(c, rn(w))) return false;
  *va = xsp(c, rn(w));
  if (!check_exclusive_alignment(c, *va, bytes, is_write)) return false;
  return c.translate_data(*va, bytes, is_write ? Access::Write : Access::Read, c.s.el, pa);
}

inline void load_exclusive(Cpu& c, uint32_t w) {
  const unsigned size = bits(w, 31, 30);
  uint64_t va, pa;
  if (!exclusive_address(c, w, 1u << size, false, &va, &pa)) return;
  const uint64_t v = load_sized(c, va, size, Ext::Zero);
  if (faulted(c)) return;
  set_xr(c, rd(w), v);
  monitor_arm(c, pa, 1u << size);
  c.s.pc += 4;
}

inline void store_exclusive(Cpu& c, uint32_t w) {
  const unsigned size = bits(w, 31, 30);
  uint64_t va, pa;
  if (!exclusive_address(c, w, 1u << size, true, &va, &pa)) return;
  const uint64_t value = xr(c, rd(w));
  const bool ok = monitor_claim(c, pa, 1u << size);
  if (ok) {
    store_sized(c, va, size, value);
    if (faulted(c)) return;
  }
  set_wr(c, rs(w), ok ? 0 : 1);
  c.s.pc += 4;
}

inline void load_exclusive_pair(Cpu& c, uint32_t w) {
  const unsigned esize_log2 = bits(w, 30, 30) ? 3 : 2;
  const unsigned total = 2u << esize_log2;
  uint64_t va, pa;
  if (!exclusive_address(c, w, total, false, &va, &pa)) return;
  const uint64_t a = load_sized(c, va, esize_log2, Ext::Zero);
  if (faulted(c)) return;
  const uint64_t b = load_sized(c, va + (1u << esize_log2), esize_log2, Ext::Zero);
  if (faulted(c)) return;
  set_xr(c, rd(w), a);
  set_xr(c, rt2(w), b);
  monitor_arm(c, pa, total);
  c.s.pc += 4;
}

inline void store_exclusive_pair(Cpu& c, uint32_t w) {
  const unsigned esize_log2 = bits(w, 30, 30) ? 3 : 2;
  const unsigned total = 2u << esize_log2;
  uint64_t va, pa;
  if (!exclusive_address(c, w, total, true, &va, &pa)) return;
  const uint64_t a = xr(c, rd(w)), b = xr(c, rt2(w));
  const bool ok = monitor_claim(c, pa, total);
  if (ok) {
    store_sized(c, va, esize_log2, a);
    if (faulted(c)) return;
    store_sized(c, va + (1u << esize_log2), esize_log2, b);
    if (faulted(c)) return;
  }
  set_wr(c, rs(w), ok ? 0 : 1);
  c.s.pc += 4;
}
}  // namespace

// ---- Exclusive and ordered ----
void exec_STXR(Cpu& c, uint32_t w) { store_exclusive(c, w); }
void exec_STLXR(Cpu& c, uint32_t w) { store_exclusive(c, w); }
void exec_LDXR(Cpu& c, uint32_t w) { load_exclusive(c, w); }
void exec_LDAXR(Cpu& c, uint32_t w) { load_exclusive(c, w); }
void exec_STXP(Cpu& c, uint32_t w) { store_exclusive_pair(c, w); }
void exec_STLXP(Cpu& c, uint32_t w) { store_exclusive_pair(c, w); }
void exec_LDXP(Cpu& c, uint32_t w) { load_exclusive_pair(c, w); }
void exec_LDAXP(Cpu& c, uint32_t w) { load_exclusive_pair(c, w); }

void exec_STLR(Cpu& c, uint32_t w) {
  const unsigned size = bits(w, 31, 30);
  if (!base_ok(c, rn(w))) return;
  const uint64_t addr = xsp(c, rn(w));
  if (!check_exclusive_alignment(c, addr, 1u << size, true)) return;
  store_sized(c, addr, size, xr(c, rd(w)));
  if (faulted(c)) return;
  c.s.pc += 4;
}

void exec_LDAR(Cpu& c, uint32_t w) {
  const unsigned size = bits(w, 31, 30);
  if (!base_ok(c, rn(w))) return;
  const uint64_t addr = xsp(c, rn(w));
  if (!check_exclusive_alignment(c, addr, 1u << size, false)) return;
  const uint64_t v = load_sized(c, addr, size, Ext::Zero);
  if (faulted(c)) return;
  set_xr(c, rd(w), v);
  c.s.pc += 4;
}

// ---- Literal ----
void exec_LDR_lit(Cpu& c, uint32_t w) {
  const uint64_t addr = c.s.pc + sext(bits(w, 23, 5), 19) * 4;
  const uint64_t v = load_sized(c, addr, bits(w, 30, 30) ? 3 : 2, Ext::Zero);
  if (faulted(c)) return;
  set_xr(c, rd(w), v);
  c.s.pc += 4;
}
void exec_LDRSW_lit(Cpu& c, uint32_t w) {
  const uint64_t addr = c.s.pc + sext(bits(w, 23, 5), 19) * 4;
  const uint64_t v = load_sized(c, addr, 2, Ext::SignTo64);
  if (faulted(c)) return;
  set_xr(c, rd(w), v);
  c.s.pc += 4;
}
// Prefetches are hints: no access, no fault.
void exec_PRFM_lit(Cpu& c, uint32_t) { c.s.pc += 4; }
void exec_PRFUM(Cpu& c, uint32_t) { c.s.pc += 4; }
void exec_PRFM_reg(Cpu& c, uint32_t) { c.s.pc += 4; }
void exec_PRFM_uimm(Cpu& c, uint32_t) { c.s.pc += 4; }

// ---- Pairs ----
void exec_STNP(Cpu& c, uint32_t w) { ldst_pair<false, false, Mode::Offset>(c, w); }
void exec_LDNP(Cpu& c, uint32_t w) { ldst_pair<true, false, Mode::Offset>(c, w); }
void exec_STP_post(Cpu& c, uint32_t w) { ldst_pair<false, false, Mode::Post>(c, w); }
void exec_LDP_post(Cpu& c, uint32_t w) { ldst_pair<true, false, Mode::Post>(c, w); }
void exec_LDPSW_post(Cpu& c, uint32_t w) { ldst_pair<true, true, Mode::Post>(c, w); }
void exec_STP_off(Cpu& c, uint32_t w) { ldst_pair<false, false, Mode::Offset>(c, w); }
void exec_LDP_off(Cpu& c, uint32_t w) { ldst_pair<true, false, Mode::Offset>(c, w); }
void exec_LDPSW_off(Cpu& c, uint32_t w) { ldst_pair<true, true, Mode::Offset>(c, w); }
void exec_STP_pre(Cpu& c, uint32_t w) { ldst_pair<false, false, Mode::Pre>(c, w); }
void exec_LDP_pre(Cpu& c, uint32_t w) { ldst_pair<true, false, Mode::Pre>(c, w); }
void exec_LDPSW_pre(Cpu& c, uint32_t w) { ldst_pair<true, true, Mode::Pre>(c, w); }

// ---- Single register, immediate forms ----
void exec_STUR(Cpu& c, uint32_t w) { ldst_imm<0, Mode::Offset>(c, w, imm9(w)); }
void exec_LDUR(Cpu& c, uint32_t w) { ldst_imm<1, Mode::Offset>(c, w, imm9(w)); }
void exec_LDURS_x(Cpu& c, uint32_t w) { ldst_imm<2, Mode::Offset>(c, w, imm9(w)); }
void exec_LDURS_w(Cpu& c, uint32_t w) { ldst_imm<3, Mode::Offset>(c, w, imm9(w)); }
void exec_STR_post(Cpu& c, uint32_t w) { ldst_imm<0, Mode::Post>(c, w, imm9(w)); }
void exec_LDR_post(Cpu& c, uint32_t w) { ldst_imm<1, Mode::Post>(c, w, imm9(w)); }
void exec_LDRS_x_post(Cpu& c, uint32_t w) { ldst_imm<2, Mode::Post>(c, w, imm9(w)); }
void exec_LDRS_w_post(Cpu& c, uint32_t w) { ldst_imm<3, Mode::Post>(c, w, imm9(w)); }
void exec_STTR(Cpu& c, uint32_t w) { ldst_imm<0, Mode::Offset, true>(c, w, imm9(w)); }
void exec_LDTR(Cpu& c, uint32_t w) { ldst_imm<1, Mode::Offset, true>(c, w, imm9(w)); }
void exec_LDTRS_x(Cpu& c, uint32_t w) { ldst_imm<2, Mode::Offset, true>(c, w, imm9(w)); }
void exec_LDTRS_w(Cpu& c, uint32_t w) { ldst_imm<3, Mode::Offset, true>(c, w, imm9(w)); }
void exec_STR_pre(Cpu& c, uint32_t w) { ldst_imm<0, Mode::Pre>(c, w, imm9(w)); }
void exec_LDR_pre(Cpu& c, uint32_t w) { ldst_imm<1, Mode::Pre>(c, w, imm9(w)); }
void exec_LDRS_x_pre(Cpu& c, uint32_t w) { ldst_imm<2, Mode::Pre>(c, w, imm9(w)); }
void exec_LDRS_w_pre(Cpu& c, uint32_t w) { ldst_imm<3, Mode::Pre>(c, w, imm9(w)); }
void exec_STR_uimm(Cpu& c, uint32_t w) { ldst_imm<0, Mode::Offset>(c, w, uimm12(w)); }
void exec_LDR_uimm(Cpu& c, uint32_t w) { ldst_imm<1, Mode::Offset>(c, w, uimm12(w)); }
void exec_LDRS_x_uimm(Cpu& c, uint32_t w) { ldst_imm<2, Mode::Offset>(c, w, uimm12(w)); }
void exec_LDRS_w_uimm(Cpu& c, uint32_t w) { ldst_imm<3, Mode::Offset>(c, w, uimm12(w)); }

// ---- Single register, register offset ----
void exec_STR_reg(Cpu& c, uint32_t w) { ldst_reg<0>(c, w); }
void exec_LDR_reg(Cpu& c, uint32_t w) { ldst_reg<1>(c, w); }
void exec_LDRS_x_reg(Cpu& c, uint32_t w) { ldst_reg<2>(c, w); }
void exec_LDRS_w_reg(Cpu& c, uint32_t w) { ldst_reg<3>(c, w); }

}  // namespace bramble::interp
