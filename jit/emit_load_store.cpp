// IR for the common general-register loads and stores (Arm ARM C4.1.88); exclusives,
// acquire/release and the unprivileged forms run their tier-0 handlers.
#include "cpu/regs.h"
#include "jit/ir_emitter.h"

namespace bramble::jit {

using a64::InsnId;
using llvm::Value;

namespace {

enum class Ext { Zero, SignTo64, SignTo32 };
enum class Mode { Offset, Pre, Post };

Value* extend_loaded(IrEmitter& e, Value* v64, unsigned size, Ext ext) {
  auto& b = e.b();
  if (ext == Ext::Zero || size == 8) return v64;
  Value* narrow = b.CreateTrunc(v64, b.getIntNTy(8 * size));
  if (ext == Ext::SignTo64) return b.CreateSExt(narrow, b.getInt64Ty());
  return b.CreateZExt(b.CreateSExt(narrow, b.getInt32Ty()), b.getInt64Ty());
}

// op: 0 store, 1 load, 2 load signed to 64, 3 load signed to 32 (as in tier 0).
void single(IrEmitter& e, uint32_t w, int op, Mode mode, Value* offset) {
  auto& b = e.b();
  const unsigned size = 1u << bits(w, 31, 30);
  const unsigned n = rn(w), t = rd(w);
  if (n == 31) e.check_sp_alignment();
  Value* base = e.xsp(n);
  Value* addr = mode == Mode::Post ? base : b.CreateAdd(base, offset);
  if (op == 0) {
    e.store(addr, size, e.xr(t));
  } else {
    Value* v = e.load(addr, size);
    e.set_xr(t, extend_loaded(e, v, size, op == 1 ? Ext::Zero : op == 2 ? Ext::SignTo64 : Ext::SignTo32));
  }
  if (mode != Mode::Offset) e.set_xsp(n, b.CreateAdd(base, offset));
}

void pair(IrEmitter& e, uint32_t w, bool load, bool is_signed, Mode mode) {
  auto& b = e.b();
  const unsigned esize = bits(w, 31, 31) ? 8 : 4;
  Value* offset = e.c64(uint64_t(sext(bits(w, 21, 15), 7) * esize));
  const unsigned n = rn(w), t = rd(w), t2 = rt2(w);
  if (n == 31) e.check_sp_alignment();
  Value* base = e.xsp(n);
  Value* addr = mode == Mode::Post ? base : b.CreateAdd(base, offset);
  Value* addr2 = b.CreateAdd(addr, e.c64(esize));
  if (load) {
    const Ext ext = is_signed ? Ext::SignTo64 : Ext::Zero;
    Value* v1 = extend_loaded(e, e.load(addr, esize), esize, ext);
    Value* v2 = extend_loaded(e, e.load(addr2, esize), esize, ext);
    e.set_xr(t, v1);
    e.set_xr(t2, v2);
  } else {
    Value* v1 = e.xr(t);
    Value* v2 = e.xr(t2);
    e.store(addr, esize, v1);
    e.store(addr2, esize, v2);
  }
  if (mode != Mode::Offset) e.set_xsp(n, b.CreateAdd(base, offset));
}

Value* imm9(IrEmitter& e, uint32_t w) { return e.c64(uint64_t(sext(bits(w, 20, 12), 9))); }
Value* uimm12(IrEmitter& e, uint32_t w) { return e.c64(uint64_t(bits(w, 21, 10)) << bits(w, 31, 30)); }

Value* reg_offset(IrEmitter& e, uint32_t w) {
  auto& b = e.b();
  const unsigned shift = bits(w, 12, 12) ? bits(w, 31, 30) : 0;
  Value* m = e.xr(rm(w));
  Value* v;
  switch (bits(w, 15, 13)) {
    case 2: v = b.CreateZExt(b.CreateTrunc(m, b.getInt32Ty()), b.getInt64Ty()); break;  // UXTW
    case 6: v = b.CreateSExt(b.CreateTrunc(m, b.getInt32Ty()), b.getInt64Ty()); break;  // SXTW
    default: v = m; break;                                                               // LSL/SXTX
  }
  return shift ? b.CreateShl(v, shift) : v;
}

}  // namespace

bool emit_load_store(IrEmitter& e, InsnId id, uint32_t w) {
  switch (id) {
    case InsnId::STUR: single(e, w, 0, Mode::Offset, imm9(e, w)); return true;
    case InsnId::LDUR: single(e, w, 1, Mode::Offset, imm9(e, w)); return true;
    case InsnId::LDURS_x: single(e, w, 2, Mode::Offset, imm9(e, w)); return true;
    case InsnId::LDURS_w: single(e, w, 3, Mode::Offset, imm9(e, w)); return true;
    case InsnId::STR_post: single(e, w, 0, Mode::Post, imm9(e, w)); return true;
    case InsnId::LDR_post: single(e, w, 1, Mode::Post, imm9(e, w)); return true;
    case InsnId::LDRS_x_post: single(e, w, 2, Mode::Post, imm9(e, w)); return true;
    case InsnId::LDRS_w_post: single(e, w, 3, Mode::Post, imm9(e, w)); return true;
    case InsnId::STR_pre: single(e, w, 0, Mode::Pre, imm9(e, w)); return true;
    case InsnId::LDR_pre: single(e, w, 1, Mode::Pre, imm9(e, w)); return true;
    case InsnId::LDRS_x_pre: single(e, w, 2, Mode::Pre, imm9(e, w)); return true;
    case InsnId::LDRS_w_pre: single(e, w, 3, Mode::Pre, imm9(e, w)); return true;
    case InsnId::STR_uimm: single(e, w, 0, Mode::Offset, uimm12(e, w)); return true;
    case InsnId::LDR_uimm: single(e, w, 1, Mode::Offset, uimm12(e, w)); return true;
    case InsnId::LDRS_x_uimm: single(e, w, 2, Mode::Offset, uimm12(e, w)); return true;
    case InsnId::LDRS_w_uimm: single(e, w, 3, Mode::Offset, uimm12(e, w)); return true;
    case InsnId::STR_reg: single(e, w, 0, Mode::Offset, reg_offset(e, w)); return true;
    case InsnId::LDR_reg: single(e, w, 1, Mode::Offset, reg_offset(e, w)); return true;
    case InsnId::LDRS_x_reg: single(e, w, 2, Mode::Offset, reg_offset(e, w)); return true;
    case InsnId::LDRS_w_reg: single(e, w, 3, Mode::Offset, reg_offset(e, w)); return true;

    case InsnId::STNP: case InsnId::STP_off: pair(e, w, false, false, Mode::Offset); return true;
    case InsnId::LDNP: case InsnId::LDP_off: pair(e, w, true, false, Mode::Offset); return true;
    case InsnId::STP_pre: pair(e, w, false, false, Mode::Pre); return true;
    case InsnId::LDP_pre: pair(e, w, true, false, Mode::Pre); return true;
    case InsnId::STP_post: pair(e, w, false, false, Mode::Post); return true;
    case InsnId::LDP_post: pair(e, w, true, false, Mode::Post); return true;
    case InsnId::LDPSW_off: pair(e, w, true, true, Mode::Offset); return true;
    case InsnId::LDPSW_pre: pair(e, w, true, true, Mode::Pre); return true;
    case InsnId::LDPSW_post: pair(e, w, true, true, Mode::Post); return true;

    case InsnId::LDR_lit: {
      const unsigned size = bits(w, 30, 30) ? 8 : 4;
      e.set_xr(rd(w), e.load(e.c64(e.pc() + sext(bits(w, 23, 5), 19) * 4), size));
      return true;
    }
    case InsnId::LDRSW_lit:
      e.set_xr(rd(w), extend_loaded(e, e.load(e.c64(e.pc() + sext(bits(w, 23, 5), 19) * 4), 4), 4, Ext::SignTo64));
      return true;
    case InsnId::PRFM_lit: case InsnId::PRFUM: case InsnId::PRFM_reg: case InsnId::PRFM_uimm: case InsnId::NOP:
      return true;
    default:
      return false;
  }
}

}  // namespace bramble::jit
