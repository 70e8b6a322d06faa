// C4.1.88 Advanced SIMD load/store multiple structures and single structure (C7.2: LD1-LD4
// and ST1-ST4 of whole registers or one lane, LD1R-LD4R, with post-index by immediate or
// register), decoded generically from the word as the Arm ARM's shared pseudocode does.
//
// Registers change only when every access succeeded: the transfer works on a copy of the
// register file. A store that faults part-way may leave earlier elements written, which
// the architecture allows.
#include <cstring>

#include "cpu/interp/handlers.h"
#include "cpu/interp/ldst_common.h"
#include "cpu/memory_access.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"

namespace bramble::interp {

namespace {
using Regs = uint64_t[32][2];

uint8_t* element_ptr(Regs& v, unsigned reg, unsigned index, unsigned ebytes) {
  return reinterpret_cast<uint8_t*>(v[reg]) + index * ebytes;
}

// One element between memory and the register copy; false when the access faulted.
bool transfer(Cpu& c, bool load_op, uint64_t addr, uint8_t* elem, unsigned ebytes) {
  uint64_t v = 0;
  if (load_op) {
    switch (ebytes) {
      case 1: v = load<uint8_t>(c, addr); break;
      case 2: v = load<uint16_t>(c, addr); break;
      case 4: v = load<uint32_t>(c, addr); break;
      default: v = load<uint64_t>(c, addr); break;
    }
    if (faulted(c)) return false;
    std::memcpy(elem, &v, ebytes);
  } else {
    std::memcpy(&v, elem, ebytes);
    switch (ebytes) {
      case 1: store<uint8_t>(c, addr, uint8_t(v)); break;
      case 2: store<uint16_t>(c, addr, uint16_t(v)); break;
      case 4: store<uint32_t>(c, addr, uint32_t(v)); break;
      default: store<uint64_t>(c, addr, v); break;
    }
    if (faulted(c)) return false;
  }
  return true;
}

// The post-index writeback: Rm = 31 adds the bytes transferred, otherwise Xm.
void finish(Cpu& c, uint32_t w, uint64_t base, uint64_t transferred) {
  if (bits(w, 23, 23)) {
    const unsigned m = rm(w);
    set_xsp(c, rn(w), base + (m == 31 ? transferred : c.s.x[m]));
  }
  c.s.pc += 4;
}

// LDn/STn (multiple structures): opcode gives the repeat count and structure size.
void multiple(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const bool load_op = bits(w, 22, 22), q = bits(w, 30, 30);
  const unsigned opcode = bits(w, 15, 12), size = bits(w, 11, 10), t = rd(w);
  unsigned rpt, selem;
  switch (opcode) {
    case 0b0000: rpt = 1; selem = 4; break;
    case 0b0010: rpt = 4; selem = 1; break;
    case 0b0100: rpt = 1; selem = 3; break;
    case 0b0110: rpt = 3; selem = 1; break;
    case 0b0111: rpt = 1; selem = 1; break;
    case 0b1000: rpt = 1; selem = 2; break;
    default: rpt = 2; selem = 1; break;  // 0b1010
  }
  if (!base_ok(c, rn(w))) return;
  const uint64_t base = xsp(c, rn(w));
  const unsigned ebytes = 1u << size, elements = (q ? 16 : 8) / ebytes;
  const uint64_t total = uint64_t(rpt) * selem * elements * ebytes;
  // Memory order: for each repeat r, element e, structure member s, register t + r + s.
  auto each_element = [&](auto&& fn) {  // fn(reg, element, offset); false stops
    uint64_t offs = 0;
    for (unsigned r = 0; r < rpt; ++r)
      for (unsigned e = 0; e < elements; ++e)
        for (unsigned s = 0; s < selem; ++s, offs += ebytes)
          if (!fn((t + r + s) % 32, e, offs)) return false;
    return true;
  };
  if (uint8_t* host = direct_range(c, base, total, ebytes, !load_op)) {
    // Nothing can fault: straight between memory and the registers. LD1/ST1 memory
    // holds the registers one after another, moved with fixed sizes (a variable-length
    // memcpy here became a slow `rep movs`).
    const unsigned reg_bytes = elements * ebytes;
    if (selem == 1) {
      for (unsigned r = 0; r < rpt; ++r) {
        uint8_t* reg = reinterpret_cast<uint8_t*>(c.s.v[(t + r) % 32]);
        uint8_t* mem = host + r * reg_bytes;
        if (reg_bytes == 16) load_op ? std::memcpy(reg, mem, 16) : std::memcpy(mem, reg, 16);
        else load_op ? std::memcpy(reg, mem, 8) : std::memcpy(mem, reg, 8);
      }
    } else {
      each_element([&](unsigned reg, unsigned e, uint64_t offs) {
        uint8_t* elem = element_ptr(c.s.v, reg, e, ebytes);
        load_op ? std::memcpy(elem, host + offs, ebytes) : std::memcpy(host + offs, elem, ebytes);
        return true;
      });
    }
    if (load_op && !q)
      for (unsigned i = 0; i < rpt * selem; ++i) c.s.v[(t + i) % 32][1] = 0;
    finish(c, w, base, total);
    return;
  }
  // Element by element on a copy of the registers, which change only if all succeed.
  Regs v;
  std::memcpy(v, c.s.v, sizeof v);
  if (!each_element([&](unsigned reg, unsigned e, uint64_t offs) {
        return transfer(c, load_op, base + offs, element_ptr(v, reg, e, ebytes), ebytes);
      }))
    return;
  if (load_op) {
    // Each register written is written whole: a 64-bit transfer zeroes the upper half.
    for (unsigned i = 0; i < rpt * selem; ++i) {
      const unsigned reg = (t + i) % 32;
      c.s.v[reg][0] = v[reg][0];
      c.s.v[reg][1] = q ? v[reg][1] : 0;
    }
  }
  finish(c, w, base, total);
}

// LDn/STn (single structure) and LDnR: one lane of each register, or one element
// replicated to every lane.
void single(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const bool load_op = bits(w, 22, 22), q = bits(w, 30, 30);
  const unsigned opcode = bits(w, 15, 13), s_bit = bits(w, 12, 12), size = bits(w, 11, 10), t = rd(w);
  const unsigned selem = ((opcode & 1) << 1 | bits(w, 21, 21)) + 1;
  unsigned scale = opcode >> 1, index = 0;
  bool replicate = false;
  switch (scale) {
    case 3: replicate = true; scale = size; break;
    case 0: index = q << 3 | s_bit << 2 | size; break;
    case 1: index = q << 2 | s_bit << 1 | (size >> 1); break;
    default:
      if (size & 1) {
        index = q;
        scale = 3;
      } else {
        index = q << 1 | s_bit;
      }
  }
  if (!base_ok(c, rn(w))) return;
  const uint64_t base = xsp(c, rn(w));
  const unsigned ebytes = 1u << scale;
  Regs v;
  std::memcpy(v, c.s.v, sizeof v);
  uint64_t offs = 0;
  unsigned tt = t;
  for (unsigned s = 0; s < selem; ++s) {
    if (replicate) {
      uint8_t elem[8];
      if (!transfer(c, true, base + offs, elem, ebytes)) return;
      for (unsigned i = 0; i < (q ? 16u : 8u) / ebytes; ++i) std::memcpy(element_ptr(v, tt, i, ebytes), elem, ebytes);
      if (!q) v[tt][1] = 0;
    } else if (!transfer(c, load_op, base + offs, element_ptr(v, tt, index, ebytes), ebytes)) {
      return;
    }
    offs += ebytes;
    tt = (tt + 1) % 32;
  }
  if (load_op) std::memcpy(c.s.v, v, sizeof v);  // a lane load keeps the other lanes
  finish(c, w, base, offs);
}

// Bit 24 tells the two groups apart.
inline void structure(Cpu& c, uint32_t w) {
  if (bits(w, 24, 24)) single(c, w);
  else multiple(c, w);
}
}  // namespace

#define BRAMBLE_STRUCTURE_INSNS(X) \
    X(ST1_multi1) X(ST1_multi2) X(ST1_multi3) X(ST1_multi4) X(ST2_multi) X(ST3_multi) X(ST4_multi) X(LD1_multi1) \
    X(LD1_multi2) X(LD1_multi3) X(LD1_multi4) X(LD2_multi) X(LD3_multi) X(LD4_multi) X(ST1_multi1_post) \
    X(ST1_multi2_post) X(ST1_multi3_post) X(ST1_multi4_post) X(ST2_multi_post) X(ST3_multi_post) \
    X(ST4_multi_post) X(LD1_multi1_post) X(LD1_multi2_post) X(LD1_multi3_post) X(LD1_multi4_post) \
    X(LD2_multi_post) X(LD3_multi_post) X(LD4_multi_post) X(ST1_single_b) X(ST1_single_h) X(ST1_single_s) \
    X(ST1_single_d) X(ST2_single_b) X(ST2_single_h) X(ST2_single_s) X(ST2_single_d) X(ST3_single_b) \
    X(ST3_single_h) X(ST3_single_s) X(ST3_single_d) X(ST4_single_b) X(ST4_single_h) X(ST4_single_s) \
    X(ST4_single_d) X(LD1_single_b) X(LD1_single_h) X(LD1_single_s) X(LD1_single_d) X(LD2_single_b) \
    X(LD2_single_h) X(LD2_single_s) X(LD2_single_d) X(LD3_single_b) X(LD3_single_h) X(LD3_single_s) \
    X(LD3_single_d) X(LD4_single_b) X(LD4_single_h) X(LD4_single_s) X(LD4_single_d) X(LD1R) X(LD2R) X(LD3R) \
    X(LD4R) X(ST1_single_b_post) X(ST1_single_h_post) X(ST1_single_s_post) X(ST1_single_d_post) \
    X(ST2_single_b_post) X(ST2_single_h_post) X(ST2_single_s_post) X(ST2_single_d_post) X(ST3_single_b_post) \
    X(ST3_single_h_post) X(ST3_single_s_post) X(ST3_single_d_post) X(ST4_single_b_post) X(ST4_single_h_post) \
    X(ST4_single_s_post) X(ST4_single_d_post) X(LD1_single_b_post) X(LD1_single_h_post) X(LD1_single_s_post) \
    X(LD1_single_d_post) X(LD2_single_b_post) X(LD2_single_h_post) X(LD2_single_s_post) X(LD2_single_d_post) \
    X(LD3_single_b_post) X(LD3_single_h_post) X(LD3_single_s_post) X(LD3_single_d_post) X(LD4_single_b_post) \
    X(LD4_single_h_post) X(LD4_single_s_post) X(LD4_single_d_post) X(LD1R_post) X(LD2R_post) X(LD3R_post) \
    X(LD4R_post)

#define BRAMBLE_DEFINE_STRUCTURE_HANDLER(name) \
  void exec_##name(Cpu& c, uint32_t w) { structure(c, w); }
BRAMBLE_STRUCTURE_INSNS(BRAMBLE_DEFINE_STRUCTURE_HANDLER)
#undef BRAMBLE_DEFINE_STRUCTURE_HANDLER

}  // namespace bramble::interp
