#include "jit/ir_emitter.h"

#include <cstddef>

#include "jit/runtime.h"

namespace bramble::jit {

using llvm::BasicBlock;
using llvm::Type;
using llvm::Value;

IrEmitter::IrEmitter(llvm::Module& m, const MachineImage& mach, const std::vector<const BlockImage*>& members,
                     const std::string& fn_name)
    : mod_(m), ctx_(m.getContext()), b_(ctx_), mach_(mach), members_(members), blk_(members[0]) {
  auto* ptr = llvm::PointerType::get(ctx_, 0);
  jit_fn_type_ = llvm::FunctionType::get(Type::getVoidTy(ctx_), {ptr, ptr, ptr}, false);
  fn_ = llvm::Function::Create(jit_fn_type_, llvm::Function::ExternalLinkage, fn_name, mod_);
  auto args = fn_->arg_begin();
  s_ = &*args++;
  ctl_ = &*args++;
  cpu_ = &*args;
  // No noalias on the state pointer: tier-0 handlers called from the code reach the same
  // CpuState through the Cpu pointer, and LLVM must not assume they leave it alone.
  fn_->addParamAttr(1, llvm::Attribute::NoAlias);
  fn_->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::MDBuilder md(ctx_);
  llvm::MDNode* root = md.createTBAARoot("bramble");
  auto tag = [&](const char* name) {
    llvm::MDNode* t = md.createTBAAScalarTypeNode(name, root);
    return md.createTBAAStructTagNode(t, t, 0);
  };
  tbaa_state_ = tag("guest state");
  tbaa_guest_ = tag("guest memory");
  tbaa_ctl_ = tag("run-time control");
}

// ---- state access ----

Value* IrEmitter::field_ptr(size_t offset) { return b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), s_, offset); }

Value* IrEmitter::state_load(Type* t, size_t offset) {
  auto* l = b_.CreateLoad(t, field_ptr(offset));
  l->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_state_);
  return l;
}

llvm::Instruction* IrEmitter::state_store(Value* v, size_t offset) {
  auto* st = b_.CreateStore(v, field_ptr(offset));
  st->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_state_);
  return st;
}

Type* IrEmitter::slot_type(unsigned slot) { return slot == kNzcvSlot ? b_.getInt32Ty() : b_.getInt64Ty(); }
size_t IrEmitter::slot_offset(unsigned slot) {
  return slot == kNzcvSlot ? offsetof(CpuState, nzcv) : offsetof(CpuState, x) + 8 * slot;
}
Value* IrEmitter::read_slot(unsigned slot) { return b_.CreateLoad(slot_type(slot), slots_[slot]); }
void IrEmitter::write_slot(unsigned slot, Value* v) {
  b_.CreateStore(v, slots_[slot]);
  written_.set(slot);
}

void IrEmitter::flush(const std::bitset<kSlots>& which) {
  for (unsigned i = 0; i < kSlots; ++i)
    if (which.test(i)) state_store(read_slot(i), slot_offset(i));
}

void IrEmitter::reload() {
  for (unsigned i = 0; i < kSlots; ++i) b_.CreateStore(state_load(slot_type(i), slot_offset(i)), slots_[i]);
}

Value* IrEmitter::ctl_ptr(size_t offset) { return b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), ctl_, offset); }

Value* IrEmitter::ctl_load(Type* t, size_t offset) {
  auto* l = b_.CreateLoad(t, ctl_ptr(offset));
  l->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_ctl_);
  return l;
}

void IrEmitter::ctl_store(Value* v, size_t offset) {
  b_.CreateStore(v, ctl_ptr(offset))->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_ctl_);
}

void IrEmitter::place_flushes() {
  for (llvm::Instruction* before : flush_points_) {
    b_.SetInsertPoint(before);
    flush(written_);
    ctl_store(b_.CreateLoad(b_.getInt64Ty(), budget_), offsetof(ExecControl, budget));
  }
}

Value* IrEmitter::xr(unsigned r) { return r == 31 ? c64(0) : read_slot(r); }
Value* IrEmitter::xsp(unsigned r) { return read_slot(r); }
Value* IrEmitter::reg(bool sf, unsigned r) { return sf ? xr(r) : b_.CreateTrunc(xr(r), b_.getInt32Ty()); }

void IrEmitter::set_xr(unsigned r, Value* v) {
  if (r != 31) write_slot(r, v);
}
void IrEmitter::set_xsp(unsigned r, Value* v) { write_slot(r, v); }
void IrEmitter::set_reg(bool, unsigned r, Value* v) {
  set_xr(r, v->getType()->isIntegerTy(64) ? v : b_.CreateZExt(v, b_.getInt64Ty()));
}
void IrEmitter::set_reg_sp(bool, unsigned r, Value* v) {
  set_xsp(r, v->getType()->isIntegerTy(64) ? v : b_.CreateZExt(v, b_.getInt64Ty()));
}

Value* IrEmitter::nzcv() { return read_slot(kNzcvSlot); }
void IrEmitter::set_nzcv(Value* v) { write_slot(kNzcvSlot, v); }

llvm::Instruction* IrEmitter::write_pc(uint64_t pc) { return state_store(c64(pc), offsetof(CpuState, pc)); }

Value* IrEmitter::cond_holds(unsigned cond) {
  Value* f = nzcv();
  auto bit = [&](unsigned k) { return b_.CreateTrunc(b_.CreateLShr(f, k), b_.getInt1Ty()); };
  Value* r;
  switch (cond >> 1) {
    case 0: r = bit(30); break;                                           // EQ: Z
    case 1: r = bit(29); break;                                           // CS: C
    case 2: r = bit(31); break;                                           // MI: N
    case 3: r = bit(28); break;                                           // VS: V
    case 4: r = b_.CreateAnd(bit(29), b_.CreateNot(bit(30))); break;      // HI
    case 5: r = b_.CreateICmpEQ(bit(31), bit(28)); break;                 // GE
    case 6: r = b_.CreateAnd(b_.CreateICmpEQ(bit(31), bit(28)), b_.CreateNot(bit(30))); break;  // GT
    default: r = b_.getTrue(); break;                                     // AL, NV
  }
  return ((cond & 1) && cond != 15) ? b_.CreateNot(r) : r;
}

Value* IrEmitter::add_with_carry(Value* x, Value* y, Value* carry_in, Value** flags) {
  auto* t = llvm::cast<llvm::IntegerType>(x->getType());
  const unsigned w = t->getBitWidth();
  if (!flags) {
    Value* r = b_.CreateAdd(x, y);
    return carry_in ? b_.CreateAdd(r, b_.CreateZExt(carry_in, t)) : r;
  }
  Type* wide = b_.getIntNTy(2 * w);
  Value* sum = b_.CreateAdd(b_.CreateZExt(x, wide), b_.CreateZExt(y, wide));
  if (carry_in) sum = b_.CreateAdd(sum, b_.CreateZExt(carry_in, wide));
  Value* r = b_.CreateTrunc(sum, t);
  Value* c = b_.CreateTrunc(b_.CreateLShr(sum, w), b_.getInt1Ty());
  Value* v = b_.CreateICmpSLT(b_.CreateAnd(b_.CreateNot(b_.CreateXor(x, y)), b_.CreateXor(x, r)), llvm::ConstantInt::get(t, 0));
  Value* n = b_.CreateICmpSLT(r, llvm::ConstantInt::get(t, 0));
  Value* z = b_.CreateICmpEQ(r, llvm::ConstantInt::get(t, 0));
  auto at = [&](Value* bit, unsigned k) { return b_.CreateShl(b_.CreateZExt(bit, b_.getInt32Ty()), k); };
  *flags = b_.CreateOr(b_.CreateOr(at(n, 31), at(z, 30)), b_.CreateOr(at(c, 29), at(v, 28)));
  return r;
}

Value* IrEmitter::logic_flags(Value* r) {
  Value* zero = llvm::ConstantInt::get(r->getType(), 0);
  Value* n = b_.CreateZExt(b_.CreateICmpSLT(r, zero), b_.getInt32Ty());
  Value* z = b_.CreateZExt(b_.CreateICmpEQ(r, zero), b_.getInt32Ty());
  return b_.CreateOr(b_.CreateShl(n, 31), b_.CreateShl(z, 30));
}

// ---- guest memory ----

Value* IrEmitter::fn_ptr(const void* p) {
  return b_.CreateIntToPtr(c64(reinterpret_cast<uintptr_t>(p)), llvm::PointerType::get(ctx_, 0));
}

Value* IrEmitter::tlb_hit(Value* addr, unsigned size, size_t tag_offset, Value** entry, unsigned align) {
  if (align == 0) align = size;
  const uint32_t flat = blk_->mode & ~kModeEl;
  if (flat != kModeTlb) {
    // The block runs with stage 1 off (its mode says so, and a translation change gives
    // it another mode): virtual = physical, so the test is a RAM bounds check, plus
    // alignment for Device memory. The entry's addend is replaced by the RAM mapping.
    *entry = nullptr;
    Value* off = b_.CreateSub(addr, c64(mach_.ram_base));
    Value* hit = b_.CreateICmpULE(off, c64(mach_.ram_size - size));
    if (flat == kModeFlatDevice && align > 1)
      hit = b_.CreateAnd(hit, b_.CreateICmpEQ(b_.CreateAnd(addr, c64(align - 1)), c64(0)));
    return hit;
  }
  // The same test as cpu/memory_access.h: the tag of the slot for addr's page must equal
  // the page of the access's last byte, and where alignment is enforced the address
  // must be aligned.
  const unsigned ctx = blk_->mode & kModeEl;  // the block's EL (Block::mode)
  Value* slot = b_.CreateAnd(b_.CreateLShr(addr, 12), c64(kFastTlbSize - 1));
  Value* base = fn_ptr(&mach_.tlb->e[ctx][0]);
  *entry = b_.CreateGEP(b_.getInt8Ty(), base, b_.CreateMul(slot, c64(sizeof(FastTlbEntry))));
  auto field = [&](size_t off) {
    auto* l = b_.CreateLoad(b_.getInt64Ty(), b_.CreateGEP(b_.getInt8Ty(), *entry, c64(off)));
    l->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_ctl_);
    return l;
  };
  Value* last_page = b_.CreateAnd(b_.CreateAdd(addr, c64(size - 1)), c64(~0xfffull));
  Value* hit = b_.CreateICmpEQ(field(tag_offset), last_page);
  if (align > 1) {
    Value* misaligned = b_.CreateAnd(b_.CreateAnd(addr, c64(align - 1)), field(offsetof(FastTlbEntry, align_mask)));
    hit = b_.CreateAnd(hit, b_.CreateICmpEQ(misaligned, c64(0)));
  }
  return hit;
}

Value* IrEmitter::host_addend(Value* entry) {
  if (!entry) return c64(reinterpret_cast<uintptr_t>(mach_.ram) - mach_.ram_base);  // flat
  auto* l = b_.CreateLoad(b_.getInt64Ty(), b_.CreateGEP(b_.getInt8Ty(), entry, c64(offsetof(FastTlbEntry, addend))));
  l->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_ctl_);
  return l;
}

Value* IrEmitter::load(Value* addr, unsigned size) {
  Type* it = b_.getIntNTy(8 * size);
  Value* entry;
  Value* hit = tlb_hit(addr, size, offsetof(FastTlbEntry, read_tag), &entry);
  BasicBlock* fast = BasicBlock::Create(ctx_, "ld.fast", fn_);
  BasicBlock* slow = BasicBlock::Create(ctx_, "ld.slow", fn_);
  BasicBlock* join = BasicBlock::Create(ctx_, "ld.join", fn_);
  b_.CreateCondBr(hit, fast, slow, llvm::MDBuilder(ctx_).createBranchWeights(1000, 1));

  b_.SetInsertPoint(fast);
  Value* addend = host_addend(entry);
  Value* host = b_.CreateIntToPtr(b_.CreateAdd(addr, addend), b_.getPtrTy());
  auto* l = b_.CreateAlignedLoad(it, host, llvm::MaybeAlign(1));
  l->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_guest_);
  Value* vf = b_.CreateZExt(l, b_.getInt64Ty());
  b_.CreateBr(join);

  // The slow path translates, reaches devices, and may take a Data Abort: the registers
  // are in CpuState before it, and the translation leaves if it faulted.
  b_.SetInsertPoint(slow);
  Value* vs = call_at_insn(b_.getInt64Ty(), reinterpret_cast<const void*>(&bramble_jit_load_slow), {cpu_, addr, c32(size)});
  BasicBlock* slow_end = b_.GetInsertBlock();
  b_.CreateBr(join);

  b_.SetInsertPoint(join);
  auto* phi = b_.CreatePHI(b_.getInt64Ty(), 2);
  phi->addIncoming(vf, fast);
  phi->addIncoming(vs, slow_end);
  return phi;
}

Value* IrEmitter::store_watched(Value* host_int) {
  Value* ram_off = b_.CreateSub(host_int, c64(reinterpret_cast<uintptr_t>(mach_.ram)));
  auto* flag = b_.CreateLoad(b_.getInt8Ty(), b_.CreateGEP(b_.getInt8Ty(), fn_ptr(mach_.store_watch), b_.CreateLShr(ram_off, 12)));
  flag->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_ctl_);
  return b_.CreateICmpNE(flag, b_.getInt8(0));
}

void IrEmitter::store(Value* addr, unsigned size, Value* value) {
  Type* it = b_.getIntNTy(8 * size);
  Value* v64 = value->getType()->isIntegerTy(64) ? value : b_.CreateZExt(value, b_.getInt64Ty());
  Value* entry;
  Value* hit = tlb_hit(addr, size, offsetof(FastTlbEntry, write_tag), &entry);
  BasicBlock* check = BasicBlock::Create(ctx_, "st.check", fn_);
  BasicBlock* fast = BasicBlock::Create(ctx_, "st.fast", fn_);
  BasicBlock* slow = BasicBlock::Create(ctx_, "st.slow", fn_);
  BasicBlock* join = BasicBlock::Create(ctx_, "st.join", fn_);
  b_.CreateCondBr(hit, check, slow, llvm::MDBuilder(ctx_).createBranchWeights(1000, 1));

  // Stores into a watched page (decoded code, or an address the exclusive monitor tags)
  // take the slow path, which drops code and clears the monitor as tier 0 does.
  b_.SetInsertPoint(check);
  Value* addend = host_addend(entry);
  Value* host_int = b_.CreateAdd(addr, addend);
  b_.CreateCondBr(store_watched(host_int), slow, fast, llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));

  b_.SetInsertPoint(fast);
  auto* st = b_.CreateAlignedStore(b_.CreateTrunc(v64, it), b_.CreateIntToPtr(host_int, b_.getPtrTy()), llvm::MaybeAlign(1));
  st->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_guest_);
  b_.CreateBr(join);

  b_.SetInsertPoint(slow);
  call_at_insn(b_.getVoidTy(), reinterpret_cast<const void*>(&bramble_jit_store_slow), {cpu_, addr, c32(size), v64});
  b_.CreateBr(join);

  b_.SetInsertPoint(join);
}

// ---- control flow ----

void IrEmitter::chain_or_return(Value* target_fn, int slot) {
  BasicBlock* chain = BasicBlock::Create(ctx_, "chain", fn_);
  BasicBlock* ret = BasicBlock::Create(ctx_, "to_dispatcher", fn_);
  b_.CreateCondBr(b_.CreateIsNull(target_fn), ret, chain);

  b_.SetInsertPoint(chain);
  if (mach_.count_chains)
    ctl_store(b_.CreateAdd(ctl_load(b_.getInt64Ty(), offsetof(ExecControl, chained)), c64(1)),
              offsetof(ExecControl, chained));
  auto* call = b_.CreateCall(jit_fn_type_, target_fn, {s_, ctl_, cpu_});
  call->setTailCallKind(llvm::CallInst::TCK_MustTail);
  b_.CreateRetVoid();

  b_.SetInsertPoint(ret);
  ctl_store(fn_ptr(blk_->block), offsetof(ExecControl, last_block));
  ctl_store(b_.getInt32(uint32_t(slot)), offsetof(ExecControl, last_exit));
  b_.CreateRetVoid();
  ended_ = true;
}

void IrEmitter::exit_static(uint64_t target, int slot) {
  if (const int m = member_at(target); m >= 0) {
    // An edge inside the region (a loop's back edge, most often) stays inside the
    // function; the budget is checked again at the member's head.
    b_.CreateBr(heads_[m]);
    ended_ = true;
    return;
  }
  flush_here(write_pc(target));
  auto* l = b_.CreateLoad(b_.getPtrTy(), fn_ptr(&blk_->exit_slots[slot]));
  l->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_ctl_);
  chain_or_return(l, slot);
}

void IrEmitter::exit_indirect(Value* target) {
  flush_here(state_store(target, offsetof(CpuState, pc)));
  auto* ty = llvm::FunctionType::get(b_.getPtrTy(), {b_.getPtrTy(), b_.getInt64Ty()}, false);
  Value* fn = b_.CreateCall(ty, fn_ptr(reinterpret_cast<const void*>(&bramble_jit_lookup)), {cpu_, target});
  chain_or_return(fn, -1);
}

void IrEmitter::branch_cond(Value* taken, uint64_t target) {
  BasicBlock* t = BasicBlock::Create(ctx_, "taken", fn_);
  BasicBlock* f = BasicBlock::Create(ctx_, "not_taken", fn_);
  b_.CreateCondBr(taken, t, f);
  b_.SetInsertPoint(t);
  exit_static(target, 0);
  b_.SetInsertPoint(f);
  exit_static(pc_ + 4, 1);
}

void IrEmitter::check_exit_after_helper() {
  // The helper may have stopped the core (undefined instruction, semihosting exit, ...):
  // leave with the instructions after it not counted as run.
  Value* l = ctl_load(b_.getInt8Ty(), offsetof(ExecControl, exit));
  BasicBlock* out = BasicBlock::Create(ctx_, "stopped", fn_);
  BasicBlock* cont = BasicBlock::Create(ctx_, "cont", fn_);
  b_.CreateCondBr(b_.CreateICmpNE(l, b_.getInt8(0)), out, cont);
  b_.SetInsertPoint(out);
  const uint64_t not_run = blk_->words.size() - index_ - 1;
  if (not_run)
    ctl_store(b_.CreateAdd(ctl_load(b_.getInt64Ty(), offsetof(ExecControl, budget)), c64(not_run)),
              offsetof(ExecControl, budget));
  b_.CreateRetVoid();
  b_.SetInsertPoint(cont);
}

Value* IrEmitter::call_at_insn(llvm::Type* ret, const void* fn, std::initializer_list<Value*> args) {
  // Everything written reaches CpuState first (the helper may read any register or take
  // an exception at this instruction); if it stopped the core or took one, leave.
  flush_here(write_pc(pc_));
  std::vector<Type*> types;
  for (Value* a : args) types.push_back(a->getType());
  auto* r = b_.CreateCall(llvm::FunctionType::get(ret, types, false), fn_ptr(fn), args);
  helper_calls_.push_back(r);
  check_exit_after_helper();
  return r;
}

void IrEmitter::call_handler() {
  fp_access_checked_ = false;  // the handler may be an MSR to CPACR/CPTR
  // The handler may read any register: everything written reaches CpuState first.
  call_at_insn(b_.getVoidTy(), reinterpret_cast<const void*>(blk_->handlers[index_]), {cpu_, c32(blk_->words[index_])});
  reload();
  // The handler has left pc at the next instruction; at the block's end that may be a
  // branch target, so leave through a lookup.
  if (last()) exit_indirect(state_load(b_.getInt64Ty(), offsetof(CpuState, pc)));
}

void IrEmitter::check_sp_alignment() {
  const unsigned el = blk_->mode & kModeEl;  // the block's EL (Block::mode)
  Value* sctlr = state_load(b_.getInt64Ty(), offsetof(CpuState, sctlr_el) + 8 * (el == 0 ? 1 : el));
  Value* enabled = b_.CreateICmpNE(b_.CreateAnd(sctlr, c64(el == 0 ? 16 : 8)), c64(0));
  Value* misaligned = b_.CreateICmpNE(b_.CreateAnd(xsp(31), c64(15)), c64(0));
  BasicBlock* fault = BasicBlock::Create(ctx_, "sp_fault", fn_);
  BasicBlock* ok = BasicBlock::Create(ctx_, "sp_ok", fn_);
  b_.CreateCondBr(b_.CreateAnd(enabled, misaligned), fault, ok);
  b_.SetInsertPoint(fault);
  call_at_insn(b_.getVoidTy(), reinterpret_cast<const void*>(&bramble_jit_sp_alignment_fault), {cpu_});  // leaves
  b_.CreateBr(ok);            // (not reached)
  b_.SetInsertPoint(ok);
}

int IrEmitter::member_at(uint64_t pc) const {
  for (size_t i = 0; i < members_.size(); ++i)
    if (members_[i]->pc == pc) return int(i);
  return -1;
}

llvm::Function* IrEmitter::emit() {
  BasicBlock* entry = BasicBlock::Create(ctx_, "entry", fn_);
  std::vector<BasicBlock*> bodies, bails;
  for (size_t i = 0; i < members_.size(); ++i) {
    heads_.push_back(BasicBlock::Create(ctx_, "head" + std::to_string(i), fn_));
    bodies.push_back(BasicBlock::Create(ctx_, "body" + std::to_string(i), fn_));
    bails.push_back(BasicBlock::Create(ctx_, "no_budget" + std::to_string(i), fn_));
  }
  b_.SetInsertPoint(entry);
  for (unsigned i = 0; i < kSlots; ++i) slots_[i] = b_.CreateAlloca(slot_type(i));
  budget_ = b_.CreateAlloca(b_.getInt64Ty());
  mxcsr_ = b_.CreateAlloca(b_.getInt32Ty());
  reload();
  b_.CreateStore(ctl_load(b_.getInt64Ty(), offsetof(ExecControl, budget)), budget_);
  entry_branch_ = b_.CreateBr(heads_[0]);

  for (size_t m = 0; m < members_.size(); ++m) {
    blk_ = members_[m];
    ended_ = false;
    fp_access_checked_ = false;
    const uint64_t n = blk_->words.size();
    // A block runs only if the slice has room for all of it; otherwise the dispatcher
    // runs the rest of the slice in tier 0, instruction by instruction.
    b_.SetInsertPoint(heads_[m]);
    Value* budget = b_.CreateLoad(b_.getInt64Ty(), budget_);
    b_.CreateCondBr(b_.CreateICmpSLT(budget, c64(n)), bails[m], bodies[m]);
    b_.SetInsertPoint(bodies[m]);
    b_.CreateStore(b_.CreateSub(budget, c64(n)), budget_);

    for (index_ = 0; index_ < n && !ended_; ++index_) {
      pc_ = blk_->pc + 4 * index_;
      const uint32_t w = blk_->words[index_];
      const a64::InsnId id = a64::decode(w);
      const bool inline_ir = id != a64::InsnId::UNALLOCATED &&
                             (emit_branch(*this, id, w) || emit_data_processing(*this, id, w) || emit_load_store(*this, id, w) ||
                              emit_fp_simd(*this, id, w));
      if (!inline_ir) call_handler();
    }
    if (!ended_) exit_static(blk_->pc + 4 * n, 0);
  }

  // Out of budget at a member's head: the registers written so far must reach CpuState,
  // with pc at that member's start.
  for (size_t m = 0; m < members_.size(); ++m) {
    b_.SetInsertPoint(bails[m]);
    flush_here(write_pc(members_[m]->pc));
    b_.CreateRetVoid();
  }
  place_flushes();
  place_mxcsr_resets();
  return fn_;
}

}  // namespace bramble::jit
