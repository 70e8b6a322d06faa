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

Value* IrEmitter::direct_range(Value* addr, unsigned bytes, unsigned align, bool write, Value** host) {
  Value* entry;
  Value* ok = tlb_hit(addr, bytes, write ? offsetof(FastTlbEntry, write_tag) : offsetof(FastTlbEntry, read_tag), &entry,
                      align);
  Value* host_int = b_.CreateAdd(addr, host_addend(entry));
  *host = b_.CreateIntToPtr(host_int, b_.getPtrTy());
  if (write) {
    // As IrEmitter::store: a watched page (code, the exclusive monitor) needs the slow
    // path. Where ok fails the address may be outside RAM: RAM's first page is asked.
    Value* in_ram = b_.CreateSelect(ok, host_int, c64(reinterpret_cast<uintptr_t>(mach_.ram)));
    ok = b_.CreateAnd(ok, b_.CreateNot(store_watched(in_ram)));
  }
  return ok;
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

void IrEmitter::reset_mxcsr() {
  b_.CreateStore(c32(0x1f80), mxcsr_);  // the x86 reset value: all masked, nearest, flags clear
  b_.CreateIntrinsic(llvm::Intrinsic::x86_sse_ldmxcsr, {}, {mxcsr_});
}

void IrEmitter::place_mxcsr_resets() {
  if (!uses_host_fp_) return;
  b_.SetInsertPoint(entry_branch_);
  reset_mxcsr();
  for (llvm::Instruction* call : helper_calls_) {
    b_.SetInsertPoint(call->getNextNode());
    reset_mxcsr();
  }
}

Value* IrEmitter::host_fp(const std::function<Value*()>& op) {
  // Constrained (strict) FP operations keep their order relative to the MXCSR accesses;
  // plain ones could legally be moved or folded across them.
  fn_->addFnAttr(llvm::Attribute::StrictFP);
  uses_host_fp_ = true;
  b_.setIsFPConstrained(true);
  b_.setDefaultConstrainedRounding(llvm::RoundingMode::NearestTiesToEven);
  b_.setDefaultConstrainedExcept(llvm::fp::ebStrict);
  Value* r = op();
  b_.setIsFPConstrained(false);
  return r;
}

Value* IrEmitter::host_fp_flags() {
  b_.CreateIntrinsic(llvm::Intrinsic::x86_sse_stmxcsr, {}, {mxcsr_});
  return b_.CreateAnd(b_.CreateLoad(b_.getInt32Ty(), mxcsr_), c32(0x3f));
}

void IrEmitter::simd_native(bool default_fpcr, bool handler_writes_gprs, const std::function<Value*()>& compute,
                            const std::function<void()>& commit) {
  auto* handler = reinterpret_cast<const void*>(blk_->handlers[index_]);
  BasicBlock* done = BasicBlock::Create(ctx_, "simd_done", fn_);
  // The access check, once per run of straight-line code: only a handler (an MSR) can
  // change CPACR/CPTR or the EL within a translation.
  if (!fp_access_checked_) {
    BasicBlock* go = BasicBlock::Create(ctx_, "simd_go", fn_);
    BasicBlock* trap = BasicBlock::Create(ctx_, "simd_trap", fn_);
    b_.CreateCondBr(fp_access_allowed(), go, trap);
    // The handler takes the trap and the translation leaves; a full helper call.
    b_.SetInsertPoint(trap);
    call_at_insn(b_.getVoidTy(), handler, {cpu_, c32(blk_->words[index_])});
    if (handler_writes_gprs) reload();
    b_.CreateBr(done);
    b_.SetInsertPoint(go);
    fp_access_checked_ = true;
  }
  // Redoing the instruction exactly: the handler of an FP operation reads and writes
  // only V registers, FPCR and FPSR (which live in CpuState) and cannot fault, so it is
  // a plain call: no write-back of the general registers, no exit check. (Its pc + 4
  // lands in a CpuState pc that every way out of the translation overwrites.) One that
  // touches the general registers gets a full helper call.
  BasicBlock* redo = nullptr;
  auto redo_block = [&] {
    if (!redo) redo = BasicBlock::Create(ctx_, "simd_redo", fn_);
    return redo;
  };
  if (default_fpcr) {
    // FPCR.RMode (23:22) = round to nearest and FZ (24) = 0; DN and AHP cannot matter
    // where the results are checked to be numbers of single or double precision.
    BasicBlock* fast = BasicBlock::Create(ctx_, "simd_fast", fn_);
    Value* fpcr = state_load(b_.getInt32Ty(), offsetof(CpuState, fpcr));
    b_.CreateCondBr(b_.CreateICmpEQ(b_.CreateAnd(fpcr, c32(0x01c00000)), c32(0)), fast, redo_block());
    b_.SetInsertPoint(fast);
  }
  if (Value* exact = compute ? compute() : nullptr) {
    BasicBlock* write = BasicBlock::Create(ctx_, "simd_commit", fn_);
    b_.CreateCondBr(exact, write, redo_block());
    b_.SetInsertPoint(write);
  }
  commit();
  b_.CreateBr(done);
  if (redo) {
    b_.SetInsertPoint(redo);
    if (handler_writes_gprs) {
      // A load or store: the handler reads the registers, may fault and writes back.
      call_at_insn(b_.getVoidTy(), handler, {cpu_, c32(blk_->words[index_])});
      reload();
    } else {
      auto* ty = llvm::FunctionType::get(b_.getVoidTy(), {b_.getPtrTy(), b_.getInt32Ty()}, false);
      helper_calls_.push_back(b_.CreateCall(ty, fn_ptr(handler), {cpu_, c32(blk_->words[index_])}));
    }
    b_.CreateBr(done);
  }
  b_.SetInsertPoint(done);
}

}  // namespace bramble::jit
