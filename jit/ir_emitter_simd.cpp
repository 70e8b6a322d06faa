// IrEmitter's SIMD&FP support: V register access, the access-trap check, host FP under a
// known MXCSR, and the native-or-handler shape every natively emitted SIMD&FP instruction
// takes (emit_fp_simd.cpp decides which instructions and how).
#include <llvm/IR/IntrinsicsX86.h>

#include <cstddef>

#include "cpu/stored_sysregs.h"
#include "jit/ir_emitter.h"

namespace bramble::jit {

using llvm::BasicBlock;
using llvm::Value;

namespace {
size_t stored_offset(uint32_t key) { return offsetof(CpuState, stored_sysregs) + 8 * size_t(stored_index(key)); }
}  // namespace

// V registers are 8-byte aligned in CpuState: the accesses say so (a 16-byte aligned
// vector move would fault).
Value* IrEmitter::vreg(unsigned r) {
  auto* l = b_.CreateAlignedLoad(llvm::FixedVectorType::get(b_.getInt64Ty(), 2), field_ptr(offsetof(CpuState, v) + 16 * r),
                                 llvm::Align(8));
  l->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_state_);
  return l;
}

void IrEmitter::set_vreg(unsigned r, Value* v) {
  v = b_.CreateBitCast(v, llvm::FixedVectorType::get(b_.getInt64Ty(), 2));
  auto* st = b_.CreateAlignedStore(v, field_ptr(offsetof(CpuState, v) + 16 * r), llvm::Align(8));
  st->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_state_);
}

Value* IrEmitter::fpsr() { return state_load(b_.getInt32Ty(), offsetof(CpuState, fpsr)); }
void IrEmitter::set_fpsr(Value* v) { state_store(v, offsetof(CpuState, fpsr)); }

// The same rule as fp_access_trapped() (cpu/sysregs.cpp) for the block's EL, which is
// fixed for the translation.
Value* IrEmitter::fp_access_allowed() {
  const unsigned el = blk_->mode & kModeEl;
  auto bit_clear = [&](uint32_t key, unsigned bit) {
    Value* v = state_load(b_.getInt64Ty(), stored_offset(key));
    return b_.CreateICmpEQ(b_.CreateAnd(v, c64(1ull << bit)), c64(0));
  };
  Value* ok = bit_clear(reg::CPTR_EL3, 10);  // TFP
  if (el <= 2) ok = b_.CreateAnd(ok, bit_clear(reg::CPTR_EL2, 10));
  if (el <= 1) {
    Value* fpen = b_.CreateAnd(b_.CreateLShr(state_load(b_.getInt64Ty(), stored_offset(reg::CPACR_EL1)), 20), 3);
    Value* fpen_ok = el == 0 ? b_.CreateICmpEQ(fpen, c64(3)) : b_.CreateICmpNE(b_.CreateAnd(fpen, 1), c64(0));
    ok = b_.CreateAnd(ok, fpen_ok);
  }
  return ok;
}

Value* IrEmitter::host_fp(const std::function<Value*()>& op, Value** flags) {
  // Constrained (strict) FP operations keep their order relative to the MXCSR accesses;
  // plain ones could legally be moved or folded across them.
  fn_->addFnAttr(llvm::Attribute::StrictFP);
  b_.CreateStore(c32(0x1f80), mxcsr_);  // the x86 reset value
  b_.CreateIntrinsic(llvm::Intrinsic::x86_sse_ldmxcsr, {}, {mxcsr_});
  b_.setIsFPConstrained(true);
  b_.setDefaultConstrainedRounding(llvm::RoundingMode::NearestTiesToEven);
  b_.setDefaultConstrainedExcept(llvm::fp::ebStrict);
  Value* r = op();
  b_.setIsFPConstrained(false);
  b_.CreateIntrinsic(llvm::Intrinsic::x86_sse_stmxcsr, {}, {mxcsr_});
  *flags = b_.CreateAnd(b_.CreateLoad(b_.getInt32Ty(), mxcsr_), c32(0x3f));
  return r;
}

void IrEmitter::simd_native(bool default_fpcr, const std::function<Value*()>& compute,
                            const std::function<void()>& commit) {
  BasicBlock* fast = BasicBlock::Create(ctx_, "simd_fast", fn_);
  BasicBlock* slow = BasicBlock::Create(ctx_, "simd_slow", fn_);
  BasicBlock* done = BasicBlock::Create(ctx_, "simd_done", fn_);
  Value* ok = fp_access_allowed();
  if (default_fpcr) {
    // FPCR.RMode (23:22) = round to nearest and FZ (24) = 0; DN and AHP cannot matter
    // where the results are checked to be numbers of single or double precision.
    Value* fpcr = state_load(b_.getInt32Ty(), offsetof(CpuState, fpcr));
    ok = b_.CreateAnd(ok, b_.CreateICmpEQ(b_.CreateAnd(fpcr, c32(0x01c00000)), c32(0)));
  }
  b_.CreateCondBr(ok, fast, slow);
  b_.SetInsertPoint(fast);
  if (Value* exact = compute ? compute() : nullptr) {
    BasicBlock* write = BasicBlock::Create(ctx_, "simd_commit", fn_);
    b_.CreateCondBr(exact, write, slow);
    b_.SetInsertPoint(write);
  }
  commit();
  b_.CreateBr(done);
  b_.SetInsertPoint(slow);
  call_at_insn(b_.getVoidTy(), reinterpret_cast<const void*>(blk_->handlers[index_]), {cpu_, c32(blk_->words[index_])});
  reload();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
}

}  // namespace bramble::jit
