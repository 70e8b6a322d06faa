// C4.1.89 Data processing -- register (C6.2: logical and add/subtract with shifted or
// extended registers, ADC/SBC, CCMP/CCMN, CSEL family, 1-, 2- and 3-source operations).
#include "cpu/alu.h"
#include "cpu/interp/handlers.h"
#include "cpu/regs.h"

namespace bramble::interp {

namespace {
inline uint64_t shifted_rm(const Cpu& c, uint32_t w, bool is64) {
  return alu::shift_reg(xr(c, rm(w)), bits(w, 23, 22), bits(w, 15, 10), is64);
}

// opc: 0 AND, 1 ORR, 2 EOR, 3 ANDS; kInvert selects BIC/ORN/EON/BICS.
template <int kOpc, bool kInvert>
inline void logical_reg(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  uint64_t b = shifted_rm(c, w, is64);
  if (kInvert) b = ~b;
  const uint64_t a = xr(c, rn(w));
  const uint64_t r = kOpc == 1 ? (a | b) : kOpc == 2 ? (a ^ b) : (a & b);
  if (kOpc == 3) c.s.nzcv = alu::logic_flags(r, is64);
  set_reg(c, is64, rd(w), r);
  c.s.pc += 4;
}

template <bool kSub, bool kSetFlags>
inline void addsub_shifted(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  const uint64_t b = shifted_rm(c, w, is64);
  uint32_t nzcv;
  const uint64_t r = alu::add_with_carry(xr(c, rn(w)), kSub ? ~b : b, kSub, is64, &nzcv);
  if (kSetFlags) c.s.nzcv = nzcv;
  set_reg(c, is64, rd(w), r);
  c.s.pc += 4;
}

template <bool kSub, bool kSetFlags>
inline void addsub_extended(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  const uint64_t b = alu::extend_reg(xr(c, rm(w)), bits(w, 15, 13), bits(w, 12, 10));
  uint32_t nzcv;
  const uint64_t r = alu::add_with_carry(xsp(c, rn(w)), kSub ? ~b : b, kSub, is64, &nzcv);
  if (kSetFlags) {
    c.s.nzcv = nzcv;
    set_reg(c, is64, rd(w), r);
  } else {
    set_reg_sp(c, is64, rd(w), r);
  }
  c.s.pc += 4;
}

template <bool kSub, bool kSetFlags>
inline void addsub_carry(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  const uint64_t b = xr(c, rm(w));
  uint32_t nzcv;
  const uint64_t r =
      alu::add_with_carry(xr(c, rn(w)), kSub ? ~b : b, (c.s.nzcv >> 29) & 1, is64, &nzcv);
  if (kSetFlags) c.s.nzcv = nzcv;
  set_reg(c, is64, rd(w), r);
  c.s.pc += 4;
}

// C6.2.52 CCMN / C6.2.54 CCMP: flags of the comparison if cond holds, else #nzcv.
template <bool kSub, bool kImm>
inline void cond_compare(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  if (alu::condition_holds(bits(w, 15, 12), c.s.nzcv)) {
    const uint64_t b = kImm ? uint64_t(bits(w, 20, 16)) : xr(c, rm(w));
    uint32_t nzcv;
    alu::add_with_carry(xr(c, rn(w)), kSub ? ~b : b, kSub, is64, &nzcv);
    c.s.nzcv = nzcv;
  } else {
    c.s.nzcv = bits(w, 3, 0) << 28;
  }
  c.s.pc += 4;
}

// op = bit 30 (invert), o2 = bit 10 (increment).
template <bool kInvert, bool kIncrement>
inline void cond_select(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  uint64_t r;
  if (alu::condition_holds(bits(w, 15, 12), c.s.nzcv)) {
    r = xr(c, rn(w));
  } else {
    r = xr(c, rm(w));
    if (kInvert) r = ~r;
    if (kIncrement) r += 1;
  }
  set_reg(c, is64, rd(w), r);
  c.s.pc += 4;
}
}  // namespace

void exec_AND_reg(Cpu& c, uint32_t w) { logical_reg<0, false>(c, w); }
void exec_BIC_reg(Cpu& c, uint32_t w) { logical_reg<0, true>(c, w); }
void exec_ORR_reg(Cpu& c, uint32_t w) { logical_reg<1, false>(c, w); }
void exec_ORN_reg(Cpu& c, uint32_t w) { logical_reg<1, true>(c, w); }
void exec_EOR_reg(Cpu& c, uint32_t w) { logical_reg<2, false>(c, w); }
void exec_EON_reg(Cpu& c, uint32_t w) { logical_reg<2, true>(c, w); }
void exec_ANDS_reg(Cpu& c, uint32_t w) { logical_reg<3, false>(c, w); }
void exec_BICS_reg(Cpu& c, uint32_t w) { logical_reg<3, true>(c, w); }

void exec_ADD_reg(Cpu& c, uint32_t w) { addsub_shifted<false, false>(c, w); }
void exec_ADDS_reg(Cpu& c, uint32_t w) { addsub_shifted<false, true>(c, w); }
void exec_SUB_reg(Cpu& c, uint32_t w) { addsub_shifted<true, false>(c, w); }
void exec_SUBS_reg(Cpu& c, uint32_t w) { addsub_shifted<true, true>(c, w); }

void exec_ADD_ext(Cpu& c, uint32_t w) { addsub_extended<false, false>(c, w); }
void exec_ADDS_ext(Cpu& c, uint32_t w) { addsub_extended<false, true>(c, w); }
void exec_SUB_ext(Cpu& c, uint32_t w) { addsub_extended<true, false>(c, w); }
void exec_SUBS_ext(Cpu& c, uint32_t w) { addsub_extended<true, true>(c, w); }

void exec_ADC(Cpu& c, uint32_t w) { addsub_carry<false, false>(c, w); }
void exec_ADCS(Cpu& c, uint32_t w) { addsub_carry<false, true>(c, w); }
void exec_SBC(Cpu& c, uint32_t w) { addsub_carry<true, false>(c, w); }
void exec_SBCS(Cpu& c, uint32_t w) { addsub_carry<true, true>(c, w); }

void exec_CCMN_reg(Cpu& c, uint32_t w) { cond_compare<false, false>(c, w); }
void exec_CCMP_reg(Cpu& c, uint32_t w) { cond_compare<true, false>(c, w); }
void exec_CCMN_imm(Cpu& c, uint32_t w) { cond_compare<false, true>(c, w); }
void exec_CCMP_imm(Cpu& c, uint32_t w) { cond_compare<true, true>(c, w); }

void exec_CSEL(Cpu& c, uint32_t w) { cond_select<false, false>(c, w); }
void exec_CSINC(Cpu& c, uint32_t w) { cond_select<false, true>(c, w); }
void exec_CSINV(Cpu& c, uint32_t w) { cond_select<true, false>(c, w); }
void exec_CSNEG(Cpu& c, uint32_t w) { cond_select<true, true>(c, w); }

// ---- Data-processing (1 source) ----
void exec_RBIT(Cpu& c, uint32_t w) {
  uint64_t v = xr(c, rn(w));
  v = ((v >> 1) & 0x5555555555555555ull) | ((v & 0x5555555555555555ull) << 1);
  v = ((v >> 2) & 0x3333333333333333ull) | ((v & 0x3333333333333333ull) << 2);
  v = ((v >> 4) & 0x0f0f0f0f0f0f0f0full) | ((v & 0x0f0f0f0f0f0f0f0full) << 4);
  v = __builtin_bswap64(v);
  set_reg(c, sf(w), rd(w), sf(w) ? v : (v >> 32));
  c.s.pc += 4;
}

void exec_REV16(Cpu& c, uint32_t w) {
  const uint64_t v = xr(c, rn(w));
  set_reg(c, sf(w), rd(w), ((v >> 8) & 0x00ff00ff00ff00ffull) | ((v & 0x00ff00ff00ff00ffull) << 8));
  c.s.pc += 4;
}

void exec_REV_w(Cpu& c, uint32_t w) {
  set_wr(c, rd(w), __builtin_bswap32(uint32_t(xr(c, rn(w)))));
  c.s.pc += 4;
}

void exec_REV32(Cpu& c, uint32_t w) {
  const uint64_t v = xr(c, rn(w));
  set_xr(c, rd(w), (uint64_t(__builtin_bswap32(uint32_t(v >> 32))) << 32) | __builtin_bswap32(uint32_t(v)));
  c.s.pc += 4;
}

void exec_REV_x(Cpu& c, uint32_t w) {
  set_xr(c, rd(w), __builtin_bswap64(xr(c, rn(w))));
  c.s.pc += 4;
}

void exec_CLZ(Cpu& c, uint32_t w) {
  const uint64_t v = xr(c, rn(w));
  unsigned r;
  if (sf(w)) r = v ? __builtin_clzll(v) : 64;
  else r = uint32_t(v) ? __builtin_clz(uint32_t(v)) : 32;
  set_xr(c, rd(w), r);
  c.s.pc += 4;
}

// CLS: the number of bits after the sign bit that equal it.
void exec_CLS(Cpu& c, uint32_t w) {
  const uint64_t v = xr(c, rn(w));
  unsigned r;
  if (sf(w)) {
    const uint64_t x = (v ^ (v << 1)) | 1;  // bit i set where bit i differs from bit i-1
    r = __builtin_clzll(x);
  } else {
    const uint32_t v32 = uint32_t(v);
    const uint32_t x = (v32 ^ (v32 << 1)) | 1;
    r = __builtin_clz(x);
  }
  set_xr(c, rd(w), r);
  c.s.pc += 4;
}

// ---- Data-processing (2 source) ----
// C6.2.337 UDIV / C6.2.258 SDIV: division by zero gives 0; INT_MIN / -1 gives INT_MIN
// (the mathematical quotient rounded toward zero, truncated to the register width).
void exec_UDIV(Cpu& c, uint32_t w) {
  const uint64_t a = xr(c, rn(w)), b = xr(c, rm(w));
  uint64_t r;
  if (sf(w)) r = b ? a / b : 0;
  else r = uint32_t(b) ? uint32_t(a) / uint32_t(b) : 0;
  set_xr(c, rd(w), r);
  c.s.pc += 4;
}

void exec_SDIV(Cpu& c, uint32_t w) {
  const uint64_t a = xr(c, rn(w)), b = xr(c, rm(w));
  uint64_t r;
  if (sf(w)) {
    const int64_t x = int64_t(a), y = int64_t(b);
    r = y == 0 ? 0 : (y == -1 ? uint64_t(0) - a : uint64_t(x / y));
  } else {
    const int32_t x = int32_t(a), y = int32_t(b);
    r = y == 0 ? 0 : uint32_t(y == -1 ? uint32_t(0) - uint32_t(x) : uint32_t(x / y));
  }
  set_xr(c, rd(w), r);
  c.s.pc += 4;
}

namespace {
template <unsigned kType>
inline void shift_var(Cpu& c, uint32_t w) {
  const bool is64 = sf(w);
  const unsigned amount = unsigned(xr(c, rm(w)) % (is64 ? 64 : 32));
  set_reg(c, is64, rd(w), alu::shift_reg(xr(c, rn(w)), kType, amount, is64));
  c.s.pc += 4;
}
}  // namespace

void exec_LSLV(Cpu& c, uint32_t w) { shift_var<0>(c, w); }
void exec_LSRV(Cpu& c, uint32_t w) { shift_var<1>(c, w); }
void exec_ASRV(Cpu& c, uint32_t w) { shift_var<2>(c, w); }
void exec_RORV(Cpu& c, uint32_t w) { shift_var<3>(c, w); }

void exec_CRC32(Cpu& c, uint32_t w) {
  set_wr(c, rd(w), alu::crc32_update(uint32_t(xr(c, rn(w))), xr(c, rm(w)), 1u << bits(w, 11, 10), false));
  c.s.pc += 4;
}
void exec_CRC32X(Cpu& c, uint32_t w) {
  set_wr(c, rd(w), alu::crc32_update(uint32_t(xr(c, rn(w))), xr(c, rm(w)), 8, false));
  c.s.pc += 4;
}
void exec_CRC32C(Cpu& c, uint32_t w) {
  set_wr(c, rd(w), alu::crc32_update(uint32_t(xr(c, rn(w))), xr(c, rm(w)), 1u << bits(w, 11, 10), true));
  c.s.pc += 4;
}
void exec_CRC32CX(Cpu& c, uint32_t w) {
  set_wr(c, rd(w), alu::crc32_update(uint32_t(xr(c, rn(w))), xr(c, rm(w)), 8, true));
  c.s.pc += 4;
}

// ---- Data-processing (3 source) ----
void exec_MADD(Cpu& c, uint32_t w) {
  set_reg(c, sf(w), rd(w), xr(c, ra(w)) + xr(c, rn(w)) * xr(c, rm(w)));
  c.s.pc += 4;
}
void exec_MSUB(Cpu& c, uint32_t w) {
  set_reg(c, sf(w), rd(w), xr(c, ra(w)) - xr(c, rn(w)) * xr(c, rm(w)));
  c.s.pc += 4;
}
void exec_SMADDL(Cpu& c, uint32_t w) {
  const int64_t p = int64_t(int32_t(xr(c, rn(w)))) * int64_t(int32_t(xr(c, rm(w))));
  set_xr(c, rd(w), xr(c, ra(w)) + uint64_t(p));
  c.s.pc += 4;
}
void exec_SMSUBL(Cpu& c, uint32_t w) {
  const int64_t p = int64_t(int32_t(xr(c, rn(w)))) * int64_t(int32_t(xr(c, rm(w))));
  set_xr(c, rd(w), xr(c, ra(w)) - uint64_t(p));
  c.s.pc += 4;
}
void exec_UMADDL(Cpu& c, uint32_t w) {
  const uint64_t p = uint64_t(uint32_t(xr(c, rn(w)))) * uint32_t(xr(c, rm(w)));
  set_xr(c, rd(w), xr(c, ra(w)) + p);
  c.s.pc += 4;
}
void exec_UMSUBL(Cpu& c, uint32_t w) {
  const uint64_t p = uint64_t(uint32_t(xr(c, rn(w)))) * uint32_t(xr(c, rm(w)));
  set_xr(c, rd(w), xr(c, ra(w)) - p);
  c.s.pc += 4;
}
void exec_SMULH(Cpu& c, uint32_t w) {
  const __int128 p = (__int128)int64_t(xr(c, rn(w))) * int64_t(xr(c, rm(w)));
  set_xr(c, rd(w), uint64_t(p >> 64));
  c.s.pc += 4;
}
void exec_UMULH(Cpu& c, uint32_t w) {
  const unsigned __int128 p = (unsigned __int128)xr(c, rn(w)) * xr(c, rm(w));
  set_xr(c, rd(w), uint64_t(p >> 64));
  c.s.pc += 4;
}

}  // namespace bramble::interp
