// IR for the data-processing instructions (Arm ARM C4.1.86 and C4.1.89). Each follows the
// same pseudocode as its tier-0 handler in cpu/interp/; the shared rules whose operands
// are constant at translation time (DecodeBitMasks) are evaluated once, here.
#include "cpu/alu.h"
#include "cpu/regs.h"
#include "jit/ir_emitter.h"

namespace bramble::jit {

using a64::InsnId;
using llvm::Value;

namespace {

Value* constant(IrEmitter& e, bool sf, uint64_t v) { return sf ? e.c64(v) : e.c32(uint32_t(v)); }

Value* shift_by(IrEmitter& e, Value* x, unsigned type, unsigned amount, bool sf) {
  auto& b = e.b();
  const unsigned width = sf ? 64 : 32;
  if (amount == 0) return x;
  switch (type) {
    case 0: return b.CreateShl(x, amount);
    case 1: return b.CreateLShr(x, amount);
    case 2: return b.CreateAShr(x, amount);
    default: return b.CreateOr(b.CreateLShr(x, amount), b.CreateShl(x, width - amount));
  }
}

Value* extend(IrEmitter& e, Value* x64, unsigned option, unsigned shift, bool sf) {
  auto& b = e.b();
  Value* v;
  switch (option) {
    case 0: v = b.CreateZExt(b.CreateTrunc(x64, b.getInt8Ty()), b.getInt64Ty()); break;
    case 1: v = b.CreateZExt(b.CreateTrunc(x64, b.getInt16Ty()), b.getInt64Ty()); break;
    case 2: v = b.CreateZExt(b.CreateTrunc(x64, b.getInt32Ty()), b.getInt64Ty()); break;
    case 4: v = b.CreateSExt(b.CreateTrunc(x64, b.getInt8Ty()), b.getInt64Ty()); break;
    case 5: v = b.CreateSExt(b.CreateTrunc(x64, b.getInt16Ty()), b.getInt64Ty()); break;
    case 6: v = b.CreateSExt(b.CreateTrunc(x64, b.getInt32Ty()), b.getInt64Ty()); break;
    default: v = x64; break;
  }
  if (shift) v = b.CreateShl(v, shift);
  return sf ? v : b.CreateTrunc(v, b.getInt32Ty());
}

// Add/subtract: Rd = Rn +/- op2, with flags when set_flags. rd_sp / rn_sp: register 31
// means SP for that operand.
void addsub(IrEmitter& e, uint32_t w, Value* op2, bool sub, bool set_flags, bool rn_sp, bool rd_sp) {
  auto& b = e.b();
  const bool is64 = sf(w);
  Value* a = rn_sp ? (is64 ? e.xsp(rn(w)) : b.CreateTrunc(e.xsp(rn(w)), b.getInt32Ty())) : e.reg(is64, rn(w));
  Value* flags = nullptr;
  Value* r = e.add_with_carry(a, sub ? b.CreateNot(op2) : op2, sub ? b.getTrue() : nullptr, set_flags ? &flags : nullptr);
  if (set_flags) e.set_nzcv(flags);
  if (rd_sp && !set_flags) e.set_reg_sp(is64, rd(w), r);
  else e.set_reg(is64, rd(w), r);
}

void logical(IrEmitter& e, uint32_t w, Value* op2, unsigned opc, bool invert, bool rd_sp) {
  auto& b = e.b();
  const bool is64 = sf(w);
  if (invert) op2 = b.CreateNot(op2);
  Value* a = e.reg(is64, rn(w));
  Value* r = opc == 1 ? b.CreateOr(a, op2) : opc == 2 ? b.CreateXor(a, op2) : b.CreateAnd(a, op2);
  if (opc == 3) e.set_nzcv(e.logic_flags(r));
  if (rd_sp && opc != 3) e.set_reg_sp(is64, rd(w), r);
  else e.set_reg(is64, rd(w), r);
}

void bitfield(IrEmitter& e, uint32_t w, int kind) {
  auto& b = e.b();
  const bool is64 = sf(w);
  const unsigned width = is64 ? 64 : 32;
  const unsigned r = bits(w, 21, 16), s = bits(w, 15, 10);
  const alu::BitMasks m = alu::decode_bit_masks(bits(w, 22, 22), s, r, false);
  const uint64_t wmask = is64 ? m.wmask : uint32_t(m.wmask), tmask = is64 ? m.tmask : uint32_t(m.tmask);
  Value* src = e.reg(is64, rn(w));
  Value* rot = shift_by(e, src, 3, r % width, is64);
  Value* result;
  if (kind == 0) {  // SBFM: replicate bit S above the field
    Value* top = b.CreateAShr(b.CreateShl(src, width - 1 - s), width - 1);
    result = b.CreateOr(b.CreateAnd(top, constant(e, is64, ~tmask)), b.CreateAnd(rot, constant(e, is64, wmask & tmask)));
  } else if (kind == 1) {  // BFM
    Value* dst = e.reg(is64, rd(w));
    Value* bot = b.CreateOr(b.CreateAnd(dst, constant(e, is64, ~wmask)), b.CreateAnd(rot, constant(e, is64, wmask)));
    result = b.CreateOr(b.CreateAnd(dst, constant(e, is64, ~tmask)), b.CreateAnd(bot, constant(e, is64, tmask)));
  } else {  // UBFM
    result = b.CreateAnd(rot, constant(e, is64, wmask & tmask));
  }
  e.set_reg(is64, rd(w), result);
}

void cond_select(IrEmitter& e, uint32_t w, bool invert, bool increment) {
  auto& b = e.b();
  const bool is64 = sf(w);
  Value* other = e.reg(is64, rm(w));
  if (invert) other = b.CreateNot(other);
  if (increment) other = b.CreateAdd(other, constant(e, is64, 1));
  e.set_reg(is64, rd(w), b.CreateSelect(e.cond_holds(bits(w, 15, 12)), e.reg(is64, rn(w)), other));
}

void cond_compare(IrEmitter& e, uint32_t w, bool sub, bool imm) {
  auto& b = e.b();
  const bool is64 = sf(w);
  Value* op2 = imm ? constant(e, is64, bits(w, 20, 16)) : e.reg(is64, rm(w));
  Value* flags = nullptr;
  e.add_with_carry(e.reg(is64, rn(w)), sub ? b.CreateNot(op2) : op2, sub ? b.getTrue() : nullptr, &flags);
  e.set_nzcv(b.CreateSelect(e.cond_holds(bits(w, 15, 12)), flags, e.c32(bits(w, 3, 0) << 28)));
}

void shift_var(IrEmitter& e, uint32_t w, unsigned type) {
  auto& b = e.b();
  const bool is64 = sf(w);
  const unsigned width = is64 ? 64 : 32;
  Value* x = e.reg(is64, rn(w));
  Value* amt = b.CreateAnd(e.reg(is64, rm(w)), constant(e, is64, width - 1));
  Value* r;
  switch (type) {
    case 0: r = b.CreateShl(x, amt); break;
    case 1: r = b.CreateLShr(x, amt); break;
    case 2: r = b.CreateAShr(x, amt); break;
    default: {
      llvm::Function* fshr = llvm::Intrinsic::getDeclaration(b.GetInsertBlock()->getModule(), llvm::Intrinsic::fshr, {x->getType()});
      r = b.CreateCall(fshr, {x, x, amt});
    }
  }
  e.set_reg(is64, rd(w), r);
}

// UDIV/SDIV: x / 0 = 0 and INT_MIN / -1 = INT_MIN, which LLVM's udiv/sdiv leave undefined.
void divide(IrEmitter& e, uint32_t w, bool is_signed) {
  auto& b = e.b();
  const bool is64 = sf(w);
  Value* x = e.reg(is64, rn(w));
  Value* y = e.reg(is64, rm(w));
  Value* zero = constant(e, is64, 0);
  Value* y_is_zero = b.CreateICmpEQ(y, zero);
  Value* safe_y = b.CreateSelect(y_is_zero, constant(e, is64, 1), y);
  Value* q;
  if (is_signed) {
    Value* minus_one = b.CreateICmpEQ(safe_y, llvm::ConstantInt::getSigned(safe_y->getType(), -1));
    Value* safe2 = b.CreateSelect(minus_one, constant(e, is64, 1), safe_y);
    q = b.CreateSelect(minus_one, b.CreateNeg(x), b.CreateSDiv(x, safe2));
  } else {
    q = b.CreateUDiv(x, safe_y);
  }
  e.set_reg(is64, rd(w), b.CreateSelect(y_is_zero, zero, q));
}

}  // namespace

bool emit_data_processing(IrEmitter& e, InsnId id, uint32_t w) {
  auto& b = e.b();
  const bool is64 = sf(w);
  switch (id) {
    case InsnId::ADR:
      e.set_xr(rd(w), e.c64(e.pc() + sext((bits(w, 23, 5) << 2) | bits(w, 30, 29), 21)));
      return true;
    case InsnId::ADRP:
      e.set_xr(rd(w), e.c64((e.pc() & ~0xfffull) + sext((uint64_t(bits(w, 23, 5)) << 2) | bits(w, 30, 29), 21) * 4096));
      return true;

    case InsnId::ADD_imm: case InsnId::ADDS_imm: case InsnId::SUB_imm: case InsnId::SUBS_imm: {
      const bool sub = id == InsnId::SUB_imm || id == InsnId::SUBS_imm;
      const bool flags = id == InsnId::ADDS_imm || id == InsnId::SUBS_imm;
      addsub(e, w, constant(e, is64, uint64_t(bits(w, 21, 10)) << (bits(w, 22, 22) * 12)), sub, flags, true, true);
      return true;
    }
    case InsnId::ADD_reg: case InsnId::ADDS_reg: case InsnId::SUB_reg: case InsnId::SUBS_reg: {
      const bool sub = id == InsnId::SUB_reg || id == InsnId::SUBS_reg;
      const bool flags = id == InsnId::ADDS_reg || id == InsnId::SUBS_reg;
      addsub(e, w, shift_by(e, e.reg(is64, rm(w)), bits(w, 23, 22), bits(w, 15, 10), is64), sub, flags, false, false);
      return true;
    }
    case InsnId::ADD_ext: case InsnId::ADDS_ext: case InsnId::SUB_ext: case InsnId::SUBS_ext: {
      const bool sub = id == InsnId::SUB_ext || id == InsnId::SUBS_ext;
      const bool flags = id == InsnId::ADDS_ext || id == InsnId::SUBS_ext;
      addsub(e, w, extend(e, e.xr(rm(w)), bits(w, 15, 13), bits(w, 12, 10), is64), sub, flags, true, true);
      return true;
    }
    case InsnId::ADC: case InsnId::ADCS: case InsnId::SBC: case InsnId::SBCS: {
      const bool sub = id == InsnId::SBC || id == InsnId::SBCS;
      const bool set = id == InsnId::ADCS || id == InsnId::SBCS;
      Value* op2 = e.reg(is64, rm(w));
      Value* carry = b.CreateTrunc(b.CreateLShr(e.nzcv(), 29), b.getInt1Ty());
      Value* flags = nullptr;
      Value* r = e.add_with_carry(e.reg(is64, rn(w)), sub ? b.CreateNot(op2) : op2, carry, set ? &flags : nullptr);
      if (set) e.set_nzcv(flags);
      e.set_reg(is64, rd(w), r);
      return true;
    }

    case InsnId::AND_imm: case InsnId::ORR_imm: case InsnId::EOR_imm: case InsnId::ANDS_imm: {
      const uint64_t imm = alu::decode_bit_masks(bits(w, 22, 22), bits(w, 15, 10), bits(w, 21, 16), true).wmask;
      logical(e, w, constant(e, is64, imm), bits(w, 30, 29), false, true);
      return true;
    }
    case InsnId::AND_reg: case InsnId::BIC_reg: case InsnId::ORR_reg: case InsnId::ORN_reg:
    case InsnId::EOR_reg: case InsnId::EON_reg: case InsnId::ANDS_reg: case InsnId::BICS_reg:
      logical(e, w, shift_by(e, e.reg(is64, rm(w)), bits(w, 23, 22), bits(w, 15, 10), is64), bits(w, 30, 29),
              bits(w, 21, 21), false);
      return true;

    case InsnId::MOVZ:
      e.set_xr(rd(w), e.c64(uint64_t(bits(w, 20, 5)) << (bits(w, 22, 21) * 16)));
      return true;
    case InsnId::MOVN: {
      const uint64_t v = ~(uint64_t(bits(w, 20, 5)) << (bits(w, 22, 21) * 16));
      e.set_xr(rd(w), e.c64(is64 ? v : uint32_t(v)));
      return true;
    }
    case InsnId::MOVK: {
      const unsigned pos = bits(w, 22, 21) * 16;
      Value* v = b.CreateOr(b.CreateAnd(e.xr(rd(w)), e.c64(~(0xffffull << pos))), e.c64(uint64_t(bits(w, 20, 5)) << pos));
      e.set_xr(rd(w), is64 ? v : b.CreateAnd(v, e.c64(0xffffffffull)));
      return true;
    }

    case InsnId::SBFM: bitfield(e, w, 0); return true;
    case InsnId::BFM: bitfield(e, w, 1); return true;
    case InsnId::UBFM: bitfield(e, w, 2); return true;
    case InsnId::EXTR: {
      const unsigned lsb = bits(w, 15, 10);
      Value* hi = e.reg(is64, rn(w));
      Value* lo = e.reg(is64, rm(w));
      llvm::Function* fshr = llvm::Intrinsic::getDeclaration(b.GetInsertBlock()->getModule(), llvm::Intrinsic::fshr, {hi->getType()});
      e.set_reg(is64, rd(w), b.CreateCall(fshr, {hi, lo, constant(e, is64, lsb)}));
      return true;
    }

    case InsnId::CSEL: cond_select(e, w, false, false); return true;
    case InsnId::CSINC: cond_select(e, w, false, true); return true;
    case InsnId::CSINV: cond_select(e, w, true, false); return true;
    case InsnId::CSNEG: cond_select(e, w, true, true); return true;
    case InsnId::CCMN_reg: cond_compare(e, w, false, false); return true;
    case InsnId::CCMP_reg: cond_compare(e, w, true, false); return true;
    case InsnId::CCMN_imm: cond_compare(e, w, false, true); return true;
    case InsnId::CCMP_imm: cond_compare(e, w, true, true); return true;

    case InsnId::LSLV: shift_var(e, w, 0); return true;
    case InsnId::LSRV: shift_var(e, w, 1); return true;
    case InsnId::ASRV: shift_var(e, w, 2); return true;
    case InsnId::RORV: shift_var(e, w, 3); return true;
    case InsnId::UDIV: divide(e, w, false); return true;
    case InsnId::SDIV: divide(e, w, true); return true;

    case InsnId::MADD: case InsnId::MSUB: {
      Value* p = b.CreateMul(e.reg(is64, rn(w)), e.reg(is64, rm(w)));
      Value* a = e.reg(is64, ra(w));
      e.set_reg(is64, rd(w), id == InsnId::MADD ? b.CreateAdd(a, p) : b.CreateSub(a, p));
      return true;
    }
    case InsnId::SMADDL: case InsnId::SMSUBL: case InsnId::UMADDL: case InsnId::UMSUBL: {
      const bool is_signed = id == InsnId::SMADDL || id == InsnId::SMSUBL;
      auto ext = [&](Value* v) {
        Value* t = b.CreateTrunc(v, b.getInt32Ty());
        return is_signed ? b.CreateSExt(t, b.getInt64Ty()) : b.CreateZExt(t, b.getInt64Ty());
      };
      Value* p = b.CreateMul(ext(e.xr(rn(w))), ext(e.xr(rm(w))));
      const bool add = id == InsnId::SMADDL || id == InsnId::UMADDL;
      e.set_xr(rd(w), add ? b.CreateAdd(e.xr(ra(w)), p) : b.CreateSub(e.xr(ra(w)), p));
      return true;
    }
    case InsnId::SMULH: case InsnId::UMULH: {
      const bool is_signed = id == InsnId::SMULH;
      auto ext = [&](Value* v) { return is_signed ? b.CreateSExt(v, b.getInt128Ty()) : b.CreateZExt(v, b.getInt128Ty()); };
      Value* p = b.CreateMul(ext(e.xr(rn(w))), ext(e.xr(rm(w))));
      e.set_xr(rd(w), b.CreateTrunc(b.CreateLShr(p, 64), b.getInt64Ty()));
      return true;
    }

    case InsnId::CLZ: {
      Value* x = e.reg(is64, rn(w));
      llvm::Function* ctlz = llvm::Intrinsic::getDeclaration(b.GetInsertBlock()->getModule(), llvm::Intrinsic::ctlz, {x->getType()});
      e.set_reg(is64, rd(w), b.CreateCall(ctlz, {x, b.getFalse()}));
      return true;
    }
    case InsnId::REV_w: case InsnId::REV_x: {
      Value* x = e.reg(id == InsnId::REV_x, rn(w));
      llvm::Function* bswap = llvm::Intrinsic::getDeclaration(b.GetInsertBlock()->getModule(), llvm::Intrinsic::bswap, {x->getType()});
      e.set_reg(id == InsnId::REV_x, rd(w), b.CreateCall(bswap, {x}));
      return true;
    }
    default:
      return false;
  }
}

}  // namespace bramble::jit
