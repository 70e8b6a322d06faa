// Advanced SIMD instructions that move data without arithmetic (C7.2): copy (DUP, INS,
// UMOV, SMOV), modified immediate (MOVI, MVNI, ORR, BIC, FMOV vector), permute (ZIP, UZP,
// TRN), EXT and the table lookups TBL/TBX. None of them touches FPSR.
//
// A result of 64 bits (Q = 0) zeroes the upper half of the destination; element inserts
// (INS) keep the other lanes.
#include <cstring>

#include "cpu/fp/arm_fp.h"
#include "cpu/interp/handlers.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"
#include "cpu/vregs.h"

namespace bramble::interp {

namespace {
template <typename Body>
inline void simd_instruction(Cpu& c, Body&& body) {
  if (fp_access_trapped(c)) return;
  body();
  c.s.pc += 4;
}

inline bool q_bit(uint32_t w) { return bits(w, 30, 30); }

// The element size (log2 bytes) of imm5 in the copy group: its lowest set bit.
inline unsigned copy_size(uint32_t w) { return __builtin_ctz(bits(w, 20, 16)); }
inline unsigned copy_index(uint32_t w) { return bits(w, 20, 16) >> (copy_size(w) + 1); }

inline uint64_t replicate(uint64_t x, unsigned ebytes) {
  uint64_t r = 0;
  for (unsigned i = 0; i < 8; i += ebytes) r |= x << (8 * i);
  return r;
}

// AdvSIMDExpandImm (C2.x): the 64-bit pattern of op, cmode and imm8.
uint64_t expand_simd_imm(unsigned op, unsigned cmode, uint8_t imm8) {
  const uint64_t i = imm8;
  switch (cmode >> 1) {
    case 0: return replicate(i, 4);
    case 1: return replicate(i << 8, 4);
    case 2: return replicate(i << 16, 4);
    case 3: return replicate(i << 24, 4);
    case 4: return replicate(i, 2);
    case 5: return replicate(i << 8, 2);
    case 6: return replicate((cmode & 1) ? (i << 16) | 0xffff : (i << 8) | 0xff, 4);  // MSL: shifting ones
    default:
      if (!(cmode & 1)) {
        if (!op) return replicate(i, 1);
        uint64_t r = 0;  // each bit of imm8 becomes a byte of ones or zeros
        for (unsigned b = 0; b < 8; ++b)
          if ((imm8 >> b) & 1) r |= 0xffull << (8 * b);
        return r;
      }
      if (!op) return replicate(fp::expand_imm(fp::kSingle, imm8), 4);
      return fp::expand_imm(fp::kDouble, imm8);
  }
}

// Every modified-immediate line: MOVI/MVNI write the pattern (inverted), ORR/BIC combine
// it with Vd; the FMOV forms are MOVI of an FP pattern.
inline void modified_immediate(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const unsigned op = bits(w, 29, 29), cmode = bits(w, 15, 12);
    const uint8_t imm8 = uint8_t(bits(w, 18, 16) << 5 | bits(w, 9, 5));
    const uint64_t imm = expand_simd_imm(op, cmode, imm8);
    const bool q = q_bit(w);
    const unsigned d = rd(w);
    const bool logical = (cmode & 1) && (cmode >> 2) != 3;  // ORR/BIC: cmode 0xx1 and 10x1
    uint64_t lo, hi;
    if (logical) {
      lo = op ? c.s.v[d][0] & ~imm : c.s.v[d][0] | imm;
      hi = op ? c.s.v[d][1] & ~imm : c.s.v[d][1] | imm;
    } else {
      const bool invert = op && cmode != 0b1110 && cmode != 0b1111;  // MVNI
      lo = hi = invert ? ~imm : imm;
    }
    set_v128(c, d, lo, q ? hi : 0);
  });
}

enum class Permute { Uzp, Trn, Zip };

template <Permute kKind, unsigned kPart>
inline void permute(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const bool q = q_bit(w);
    const unsigned ebytes = 1u << bits(w, 23, 22), elements = (q ? 16 : 8) / ebytes;
    const Lanes n = Lanes::of(c, rn(w)), m = Lanes::of(c, rm(w));
    Lanes r{};
    for (unsigned e = 0; e < elements; ++e) {
      uint64_t x;
      if (kKind == Permute::Uzp) {
        // Even (UZP1) or odd (UZP2) elements of the concatenation m:n, n first.
        const unsigned src = 2 * e + kPart;
        x = src < elements ? n.get(ebytes, src) : m.get(ebytes, src - elements);
      } else if (kKind == Permute::Trn) {
        const unsigned pair = e / 2;
        x = (e & 1 ? m : n).get(ebytes, 2 * pair + kPart);
      } else {
        const unsigned base = kPart * elements / 2;
        x = (e & 1 ? m : n).get(ebytes, base + e / 2);
      }
      r.set(ebytes, e, x);
    }
    set_vector(c, rd(w), r, q);
  });
}

// TBL/TBX: bytes of the table Vn..Vn+len (wrapping at V31) indexed by Vm's bytes; an
// index past the table gives 0 (TBL) or keeps Vd's byte (TBX).
template <bool kExtension>
inline void table_lookup(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const bool q = q_bit(w);
    const unsigned regs = bits(w, 14, 13) + 1;
    uint8_t table[64];
    for (unsigned i = 0; i < regs; ++i) std::memcpy(table + 16 * i, c.s.v[(rn(w) + i) % 32], 16);
    const Lanes idx = Lanes::of(c, rm(w));
    Lanes r = Lanes::of(c, rd(w));
    for (unsigned i = 0; i < (q ? 16u : 8u); ++i) {
      const unsigned k = idx.b[i];
      if (k < 16 * regs) r.b[i] = table[k];
      else if (!kExtension) r.b[i] = 0;
    }
    set_vector(c, rd(w), r, q);
  });
}
}  // namespace

// ---- Copy ----
void exec_DUP_elem(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const unsigned ebytes = 1u << copy_size(w);
    const uint64_t x = replicate(Lanes::of(c, rn(w)).get(ebytes, copy_index(w)), ebytes);
    set_v128(c, rd(w), x, q_bit(w) ? x : 0);
  });
}
// DUP (element), scalar form (MOV Bd, Vn.B[i] ...): the element alone, the rest zeroed.
void exec_DUP_elem_scalar(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const unsigned ebytes = 1u << copy_size(w);
    set_vscalar(c, rd(w), Lanes::of(c, rn(w)).get(ebytes, copy_index(w)), 8 * ebytes);
  });
}
void exec_DUP_gen(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const unsigned ebytes = 1u << copy_size(w);
    const uint64_t mask = ebytes == 8 ? ~0ull : (1ull << (8 * ebytes)) - 1;
    const uint64_t x = replicate(xr(c, rn(w)) & mask, ebytes);
    set_v128(c, rd(w), x, q_bit(w) ? x : 0);
  });
}
void exec_UMOV(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const unsigned ebytes = 1u << copy_size(w);
    set_reg(c, q_bit(w), rd(w), Lanes::of(c, rn(w)).get(ebytes, copy_index(w)));
  });
}
void exec_SMOV(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const unsigned size = copy_size(w);
    const int64_t x = sext(Lanes::of(c, rn(w)).get(1u << size, copy_index(w)), 8u << size);
    set_reg(c, q_bit(w), rd(w), uint64_t(x));
  });
}
void exec_INS_gen(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const unsigned ebytes = 1u << copy_size(w);
    Lanes d = Lanes::of(c, rd(w));
    d.set(ebytes, copy_index(w), xr(c, rn(w)));
    set_vector(c, rd(w), d, true);
  });
}
void exec_INS_elem(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const unsigned size = copy_size(w), ebytes = 1u << size;
    const unsigned src_index = bits(w, 14, 11) >> size;
    Lanes d = Lanes::of(c, rd(w));
    d.set(ebytes, copy_index(w), Lanes::of(c, rn(w)).get(ebytes, src_index));
    set_vector(c, rd(w), d, true);
  });
}

// ---- Modified immediate ----
#define BRAMBLE_MODIFIED_IMMEDIATE(X)                                                                               \
  X(MOVI_32_lsl0) X(ORR_vimm_32_lsl0) X(MVNI_32_lsl0) X(BIC_vimm_32_lsl0) X(MOVI_32_lsl8) X(ORR_vimm_32_lsl8)      \
  X(MVNI_32_lsl8) X(BIC_vimm_32_lsl8) X(MOVI_32_lsl16) X(ORR_vimm_32_lsl16) X(MVNI_32_lsl16) X(BIC_vimm_32_lsl16) \
  X(MOVI_32_lsl24) X(ORR_vimm_32_lsl24) X(MVNI_32_lsl24) X(BIC_vimm_32_lsl24) X(MOVI_16_lsl0) X(ORR_vimm_16_lsl0)  \
  X(MVNI_16_lsl0) X(BIC_vimm_16_lsl0) X(MOVI_16_lsl8) X(ORR_vimm_16_lsl8) X(MVNI_16_lsl8) X(BIC_vimm_16_lsl8)      \
  X(MOVI_32_msl8) X(MVNI_32_msl8) X(MOVI_32_msl16) X(MVNI_32_msl16) X(MOVI_8) X(MOVI_64) X(FMOV_vimm_S)            \
  X(FMOV_vimm_D)
#define BRAMBLE_DEFINE(name) \
  void exec_##name(Cpu& c, uint32_t w) { modified_immediate(c, w); }
BRAMBLE_MODIFIED_IMMEDIATE(BRAMBLE_DEFINE)
#undef BRAMBLE_DEFINE
#undef BRAMBLE_MODIFIED_IMMEDIATE

// ---- Permute, extract, table lookup ----
void exec_UZP1(Cpu& c, uint32_t w) { permute<Permute::Uzp, 0>(c, w); }
void exec_UZP2(Cpu& c, uint32_t w) { permute<Permute::Uzp, 1>(c, w); }
void exec_TRN1(Cpu& c, uint32_t w) { permute<Permute::Trn, 0>(c, w); }
void exec_TRN2(Cpu& c, uint32_t w) { permute<Permute::Trn, 1>(c, w); }
void exec_ZIP1(Cpu& c, uint32_t w) { permute<Permute::Zip, 0>(c, w); }
void exec_ZIP2(Cpu& c, uint32_t w) { permute<Permute::Zip, 1>(c, w); }

void exec_EXT(Cpu& c, uint32_t w) {
  simd_instruction(c, [&] {
    const bool q = q_bit(w);
    const unsigned bytes = q ? 16 : 8, pos = bits(w, 14, 11);
    uint8_t concat[32];
    std::memcpy(concat, c.s.v[rn(w)], bytes);  // Vm:Vn, Vn in the low bytes
    std::memcpy(concat + bytes, c.s.v[rm(w)], bytes);
    Lanes r{};
    std::memcpy(r.b, concat + pos, bytes);
    set_vector(c, rd(w), r, q);
  });
}

void exec_TBL(Cpu& c, uint32_t w) { table_lookup<false>(c, w); }
void exec_TBX(Cpu& c, uint32_t w) { table_lookup<true>(c, w); }

}  // namespace bramble::interp
