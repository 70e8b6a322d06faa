// IR for branches (Arm ARM C4.1.87): direct branches leave through chainable exit slots,
// register branches through a run-time lookup.
#include "cpu/regs.h"
#include "jit/ir_emitter.h"

namespace bramble::jit {

using a64::InsnId;
using llvm::Value;

bool emit_branch(IrEmitter& e, InsnId id, uint32_t w) {
  auto& b = e.b();
  switch (id) {
    case InsnId::B:
      e.exit_static(e.pc() + sext(w & 0x3ffffff, 26) * 4, 0);
      return true;
    case InsnId::BL:
      e.set_xr(30, e.c64(e.pc() + 4));
      e.exit_static(e.pc() + sext(w & 0x3ffffff, 26) * 4, 0);
      return true;
    case InsnId::B_cond:
      e.branch_cond(e.cond_holds(w & 15), e.pc() + sext(bits(w, 23, 5), 19) * 4);
      return true;
    case InsnId::CBZ: case InsnId::CBNZ: {
      Value* v = e.reg(sf(w), rd(w));
      Value* zero = llvm::ConstantInt::get(v->getType(), 0);
      Value* taken = id == InsnId::CBZ ? b.CreateICmpEQ(v, zero) : b.CreateICmpNE(v, zero);
      e.branch_cond(taken, e.pc() + sext(bits(w, 23, 5), 19) * 4);
      return true;
    }
    case InsnId::TBZ: case InsnId::TBNZ: {
      const unsigned bit = (bits(w, 31, 31) << 5) | bits(w, 23, 19);
      Value* set = b.CreateICmpNE(b.CreateAnd(e.xr(rd(w)), e.c64(1ull << bit)), e.c64(0));
      e.branch_cond(id == InsnId::TBNZ ? set : b.CreateNot(set), e.pc() + sext(bits(w, 18, 5), 14) * 4);
      return true;
    }
    case InsnId::BR: case InsnId::RET:
      e.exit_indirect(e.xr(rn(w)));
      return true;
    case InsnId::BLR: {
      Value* target = e.xr(rn(w));  // read before X30 is written
      e.set_xr(30, e.c64(e.pc() + 4));
      e.exit_indirect(target);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace bramble::jit
