// C4.1.86 Data processing -- immediate (C6.2: ADR, ADD (immediate), AND (immediate),
// MOVZ, SBFM, EXTR, ...).
#include "cpu/alu.h"
#include "cpu/interp/handlers.h"
#include "cpu/regs.h"

namespace bramble::interp {

void exec_ADR(Cpu& c, uint32_t w) {
  const int64_t imm = sext((bits(w, 23, 5) << 2) | bits(w, 30, 29), 21);
  set_xr(c, rd(w), c.s.pc + imm);
  c.s.pc += 4;
}

void exec_ADRP(Cpu& c, uint32_t w) {
  const int64_t imm = sext((uint64_t(bits(w, 23, 5)) << 2) | bits(w, 30, 29), 21) * 4096;
  set_xr(c, rd(w), (c.s.pc & ~0xfffull) + imm);
  c.s.pc += 4;
}

namespace {
inline uint64_t addsub_imm_operand(uint32_t w) {
  return uint64_t(bits(w, 21, 10)) << (bits(w, 22, 22) * 12);
}

template <bool kSub, bool kSetFlags>
inline void addsub_imm(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  uint64_t op2 = addsub_imm_operand(w);
  uint32_t nzcv;
  const uint64_t r = alu::add_with_carry(xsp(c, rn(w)), kSub ? ~op2 : op2, kSub, is64, &nzcv);
  if (kSetFlags) {
    c.s.nzcv = nzcv;
    set_reg(c, is64, rd(w), r);
  } else {
    set_reg_sp(c, is64, rd(w), r);
  }
  c.s.pc += 4;
}

template <int kOpc>
inline void logical_imm(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  // The table's UNALLOCATED carve-outs guarantee a valid mask here.
  const uint64_t imm = alu::decode_bit_masks(bits(w, 22, 22), bits(w, 15, 10), bits(w, 21, 16), true).wmask;
  const uint64_t a = xr(c, rn(w));
  uint64_t r;
  switch (kOpc) {
    case 0: r = a & imm; break;
    case 1: r = a | imm; break;
    case 2: r = a ^ imm; break;
    default: r = a & imm; break;
  }
  if (kOpc == 3) {
    c.s.nzcv = alu::logic_flags(r, is64);
    set_reg(c, is64, rd(w), r);
  } else {
    set_reg_sp(c, is64, rd(w), r);
  }
  c.s.pc += 4;
}
}  // namespace

void exec_ADD_imm(Cpu& c, uint32_t w) { addsub_imm<false, false>(c, w); }
void exec_ADDS_imm(Cpu& c, uint32_t w) { addsub_imm<false, true>(c, w); }
void exec_SUB_imm(Cpu& c, uint32_t w) { addsub_imm<true, false>(c, w); }
void exec_SUBS_imm(Cpu& c, uint32_t w) { addsub_imm<true, true>(c, w); }

void exec_AND_imm(Cpu& c, uint32_t w) { logical_imm<0>(c, w); }
void exec_ORR_imm(Cpu& c, uint32_t w) { logical_imm<1>(c, w); }
void exec_EOR_imm(Cpu& c, uint32_t w) { logical_imm<2>(c, w); }
void exec_ANDS_imm(Cpu& c, uint32_t w) { logical_imm<3>(c, w); }

void exec_MOVN(Cpu& c, uint32_t w) {
  const uint64_t v = ~(uint64_t(bits(w, 20, 5)) << (bits(w, 22, 21) * 16));
  set_reg(c, sf(w), rd(w), v);
  c.s.pc += 4;
}

void exec_MOVZ(Cpu& c, uint32_t w) {
  set_xr(c, rd(w), uint64_t(bits(w, 20, 5)) << (bits(w, 22, 21) * 16));
  c.s.pc += 4;
}

void exec_MOVK(Cpu& c, uint32_t w) {
  const unsigned pos = bits(w, 22, 21) * 16;
  const uint64_t v = (xr(c, rd(w)) & ~(0xffffull << pos)) | (uint64_t(bits(w, 20, 5)) << pos);
  set_reg(c, sf(w), rd(w), v);
  c.s.pc += 4;
}

namespace {
// C6.2.249 SBFM / C6.2.35 BFM / C6.2.337 UBFM, through the closed forms in alu.h.
template <int kOpc>
inline void bitfield(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  const unsigned width = is64 ? 64 : 32;
  const unsigned r = bits(w, 21, 16), s = bits(w, 15, 10);
  const uint64_t src = is64 ? xr(c, rn(w)) : uint32_t(xr(c, rn(w)));
  uint64_t result;
  if (kOpc == 0) result = alu::sbfm(src, r, s, width);
  else if (kOpc == 1) result = alu::bfm(xr(c, rd(w)), src, r, s, width);
  else result = alu::ubfm(src, r, s, width);
  set_reg(c, is64, rd(w), result);
  c.s.pc += 4;
}
}  // namespace

void exec_SBFM(Cpu& c, uint32_t w) { bitfield<0>(c, w); }
void exec_BFM(Cpu& c, uint32_t w) { bitfield<1>(c, w); }
void exec_UBFM(Cpu& c, uint32_t w) { bitfield<2>(c, w); }

void exec_EXTR(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  const unsigned lsb = bits(w, 15, 10);
  const uint64_t hi = xr(c, rn(w)), lo = xr(c, rm(w));
  uint64_t r;
  if (is64) {
    r = lsb == 0 ? lo : (lo >> lsb) | (hi << (64 - lsb));
  } else {
    const uint64_t concat = (uint64_t(uint32_t(hi)) << 32) | uint32_t(lo);
    r = uint32_t(concat >> lsb);
  }
  set_reg(c, is64, rd(w), r);
  c.s.pc += 4;
}

}  // namespace bramble::interp
