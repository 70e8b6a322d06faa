// C4.1.88 loads and stores of SIMD&FP registers (C7.2: LDR/STR of B, H, S, D and Q in
// every addressing form, LDP/STP/LDNP/STNP, LDR literal). A load writes the whole
// 128-bit register (zero-extended); a store reads the low bytes.
//
// A 128-bit access is made as two 64-bit ones, low address first (single-copy atomicity
// of a Q access is only per 64 bits, B2.2.1); registers change only after every part of
// a load succeeded. Not modelled yet: the 16-byte alignment check a Q access makes under
// SCTLR.A or on Device memory (each half is checked for 8).
#include "cpu/alu.h"
#include "cpu/interp/handlers.h"
#include "cpu/interp/ldst_common.h"
#include "cpu/memory_access.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"
#include "cpu/vregs.h"

namespace bramble::interp {

namespace {
struct Quad {
  uint64_t lo, hi;
};

// Loads 1 << size_log2 bytes (size_log2 0..4), zero-extended to 128 bits.
inline Quad load_v(Cpu& c, uint64_t addr, unsigned size_log2) {
  switch (size_log2) {
    case 0: return {load<uint8_t>(c, addr), 0};
    case 1: return {load<uint16_t>(c, addr), 0};
    case 2: return {load<uint32_t>(c, addr), 0};
    case 3: return {load<uint64_t>(c, addr), 0};
    default: {
      const uint64_t lo = load<uint64_t>(c, addr);
      if (faulted(c)) return {};
      return {lo, load<uint64_t>(c, addr + 8)};
    }
  }
}

inline void store_v(Cpu& c, uint64_t addr, unsigned size_log2, unsigned t) {
  const uint64_t lo = c.s.v[t][0];
  switch (size_log2) {
    case 0: store<uint8_t>(c, addr, uint8_t(lo)); break;
    case 1: store<uint16_t>(c, addr, uint16_t(lo)); break;
    case 2: store<uint32_t>(c, addr, uint32_t(lo)); break;
    case 3: store<uint64_t>(c, addr, lo); break;
    default: {
      const uint64_t hi = c.s.v[t][1];
      store<uint64_t>(c, addr, lo);
      if (faulted(c)) return;
      store<uint64_t>(c, addr + 8, hi);
    }
  }
}

// The access size of a single-register form: size for B..D, 4 (16 bytes) for the Q forms.
template <bool kQ>
inline unsigned size_of(uint32_t w) { return kQ ? 4 : bits(w, 31, 30); }

// One register with an immediate offset (unscaled, pre/post-indexed or scaled unsigned).
template <bool kLoad, bool kQ, Mode kMode>
inline void ldst_imm(Cpu& c, uint32_t w, int64_t offset) {
  if (fp_access_trapped(c)) return;
  const unsigned size = size_of<kQ>(w), n = rn(w), t = rd(w);
  if (!base_ok(c, n)) return;
  const uint64_t base = xsp(c, n);
  const uint64_t addr = kMode == Mode::Post ? base : base + offset;
  if (kLoad) {
    const Quad q = load_v(c, addr, size);
    if (faulted(c)) return;
    set_v128(c, t, q.lo, q.hi);
  } else {
    store_v(c, addr, size, t);
    if (faulted(c)) return;
  }
  if (kMode != Mode::Offset) set_xsp(c, n, base + offset);
  c.s.pc += 4;
}

template <bool kLoad, bool kQ>
inline void ldst_uimm(Cpu& c, uint32_t w) {
  ldst_imm<kLoad, kQ, Mode::Offset>(c, w, int64_t(bits(w, 21, 10)) << size_of<kQ>(w));
}

template <bool kLoad, bool kQ>
inline void ldst_reg(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const unsigned size = size_of<kQ>(w);
  uint64_t addr;
  if (!register_offset_address(c, w, size, &addr)) return;
  if (kLoad) {
    const Quad q = load_v(c, addr, size);
    if (faulted(c)) return;
    set_v128(c, rd(w), q.lo, q.hi);
  } else {
    store_v(c, addr, size, rd(w));
    if (faulted(c)) return;
  }
  c.s.pc += 4;
}

// Pairs: opc 00 S, 01 D, 10 Q; the offset is imm7 scaled by the register size.
template <bool kLoad, Mode kMode>
inline void ldst_pair(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const unsigned size = 2 + bits(w, 31, 30);
  const int64_t offset = sext(bits(w, 21, 15), 7) << size;
  const unsigned n = rn(w), t = rd(w), t2 = rt2(w);
  if (!base_ok(c, n)) return;
  const uint64_t base = xsp(c, n);
  const uint64_t addr = kMode == Mode::Post ? base : base + offset;
  const uint64_t step = 1ull << size;
  if (kLoad) {
    const Quad a = load_v(c, addr, size);
    if (faulted(c)) return;
    const Quad b = load_v(c, addr + step, size);
    if (faulted(c)) return;
    set_v128(c, t, a.lo, a.hi);
    set_v128(c, t2, b.lo, b.hi);
  } else {
    // As for general registers, a fault on the second may leave the first written.
    store_v(c, addr, size, t);
    if (faulted(c)) return;
    store_v(c, addr + step, size, t2);
    if (faulted(c)) return;
  }
  if (kMode != Mode::Offset) set_xsp(c, n, base + offset);
  c.s.pc += 4;
}
}  // namespace

void exec_STUR_simd(Cpu& c, uint32_t w) { ldst_imm<false, false, Mode::Offset>(c, w, imm9(w)); }
void exec_LDUR_simd(Cpu& c, uint32_t w) { ldst_imm<true, false, Mode::Offset>(c, w, imm9(w)); }
void exec_STUR_simd_q(Cpu& c, uint32_t w) { ldst_imm<false, true, Mode::Offset>(c, w, imm9(w)); }
void exec_LDUR_simd_q(Cpu& c, uint32_t w) { ldst_imm<true, true, Mode::Offset>(c, w, imm9(w)); }
void exec_STR_imm_simd_post(Cpu& c, uint32_t w) { ldst_imm<false, false, Mode::Post>(c, w, imm9(w)); }
void exec_LDR_imm_simd_post(Cpu& c, uint32_t w) { ldst_imm<true, false, Mode::Post>(c, w, imm9(w)); }
void exec_STR_imm_simd_post_q(Cpu& c, uint32_t w) { ldst_imm<false, true, Mode::Post>(c, w, imm9(w)); }
void exec_LDR_imm_simd_post_q(Cpu& c, uint32_t w) { ldst_imm<true, true, Mode::Post>(c, w, imm9(w)); }
void exec_STR_imm_simd_pre(Cpu& c, uint32_t w) { ldst_imm<false, false, Mode::Pre>(c, w, imm9(w)); }
void exec_LDR_imm_simd_pre(Cpu& c, uint32_t w) { ldst_imm<true, false, Mode::Pre>(c, w, imm9(w)); }
void exec_STR_imm_simd_pre_q(Cpu& c, uint32_t w) { ldst_imm<false, true, Mode::Pre>(c, w, imm9(w)); }
void exec_LDR_imm_simd_pre_q(Cpu& c, uint32_t w) { ldst_imm<true, true, Mode::Pre>(c, w, imm9(w)); }
void exec_STR_imm_simd_uimm(Cpu& c, uint32_t w) { ldst_uimm<false, false>(c, w); }
void exec_LDR_imm_simd_uimm(Cpu& c, uint32_t w) { ldst_uimm<true, false>(c, w); }
void exec_STR_imm_simd_uimm_q(Cpu& c, uint32_t w) { ldst_uimm<false, true>(c, w); }
void exec_LDR_imm_simd_uimm_q(Cpu& c, uint32_t w) { ldst_uimm<true, true>(c, w); }
void exec_STR_reg_simd(Cpu& c, uint32_t w) { ldst_reg<false, false>(c, w); }
void exec_LDR_reg_simd(Cpu& c, uint32_t w) { ldst_reg<true, false>(c, w); }
void exec_STR_reg_simd_q(Cpu& c, uint32_t w) { ldst_reg<false, true>(c, w); }
void exec_LDR_reg_simd_q(Cpu& c, uint32_t w) { ldst_reg<true, true>(c, w); }

void exec_STNP_simd(Cpu& c, uint32_t w) { ldst_pair<false, Mode::Offset>(c, w); }
void exec_LDNP_simd(Cpu& c, uint32_t w) { ldst_pair<true, Mode::Offset>(c, w); }
void exec_STP_simd_post(Cpu& c, uint32_t w) { ldst_pair<false, Mode::Post>(c, w); }
void exec_LDP_simd_post(Cpu& c, uint32_t w) { ldst_pair<true, Mode::Post>(c, w); }
void exec_STP_simd_off(Cpu& c, uint32_t w) { ldst_pair<false, Mode::Offset>(c, w); }
void exec_LDP_simd_off(Cpu& c, uint32_t w) { ldst_pair<true, Mode::Offset>(c, w); }
void exec_STP_simd_pre(Cpu& c, uint32_t w) { ldst_pair<false, Mode::Pre>(c, w); }
void exec_LDP_simd_pre(Cpu& c, uint32_t w) { ldst_pair<true, Mode::Pre>(c, w); }

// LDR (literal, SIMD&FP): opc 00 S, 01 D, 10 Q, PC-relative.
void exec_LDR_lit_simd(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const uint64_t addr = c.s.pc + (sext(bits(w, 23, 5), 19) << 2);
  const Quad q = load_v(c, addr, 2 + bits(w, 31, 30));
  if (faulted(c)) return;
  set_v128(c, rd(w), q.lo, q.hi);
  c.s.pc += 4;
}

}  // namespace bramble::interp
