// Builds the LLVM IR of one guest block. Guest registers and flags live in allocas, which
// the optimiser turns into SSA values: they are loaded from CpuState on entry, written
// back at exits and before tier-0 handler calls (which may read or write any of them), and
// reloaded after such calls. A block that branches back to its own start loops inside
// the function, so a hot inner loop keeps its registers in host registers.
#pragma once

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>

#include <bitset>
#include <functional>
#include <cstdint>
#include <string>
#include <vector>

#include "cpu/a64/decoder.h"
#include "cpu/cpu.h"

namespace bramble::jit {

// What the compile thread needs to know about a block: a copy, so that the block itself
// may die while its translation is being built.
struct BlockImage {
  uint64_t pc = 0;
  uint32_t mode = 0;
  uint64_t serial = 0;
  std::vector<uint32_t> words;
  std::vector<ExecFn> handlers;  // tier 0's function for each word, the fallback helper
  // Where the block's exit slots and identity live; baked into the code as constants.
  // The code is installed only if the block is still alive then (checked by serial).
  const Block* block = nullptr;
  JitFn* exit_slots = nullptr;
};

// The constant facts about the machine the code is compiled for.
struct MachineImage {
  uint8_t* ram = nullptr;
  uint64_t ram_base = 0, ram_size = 0;
  const uint8_t* store_watch = nullptr;  // Cpu::store_watch
  const FastTlb* tlb = nullptr;          // Cpu::fast_tlb
  bool count_chains = false;              // emit ExecControl::chained increments
};

class IrEmitter {
 public:
  // One function for a region of blocks: members[0] is where it is entered; a branch from
  // one member to another's start stays inside the function, so a hot loop of several
  // blocks keeps its registers in host registers. A region of one block is the plain
  // block translation (and still loops internally if it branches to itself).
  IrEmitter(llvm::Module& m, const MachineImage& mach, const std::vector<const BlockImage*>& members,
            const std::string& fn_name);

  // Emits the whole region; returns the function.
  llvm::Function* emit();

  // ---- for the per-group emitters ----
  llvm::IRBuilder<>& b() { return b_; }
  llvm::LLVMContext& ctx() { return ctx_; }
  uint64_t pc() const { return pc_; }
  bool last() const { return index_ + 1 == blk_->words.size(); }

  llvm::Value* c64(uint64_t v) { return b_.getInt64(v); }
  llvm::Value* c32(uint32_t v) { return b_.getInt32(v); }

  // Register file (cpu/regs.h semantics).
  llvm::Value* xr(unsigned r);                 // Xn|XZR, i64
  llvm::Value* xsp(unsigned r);                // Xn|SP, i64
  llvm::Value* reg(bool sf, unsigned r);       // Wn/Xn|ZR as i32 or i64
  void set_xr(unsigned r, llvm::Value* v);     // Xd|XZR from i64
  void set_xsp(unsigned r, llvm::Value* v);    // Xd|SP from i64
  void set_reg(bool sf, unsigned r, llvm::Value* v);     // from i32 (zero-extended) or i64
  void set_reg_sp(bool sf, unsigned r, llvm::Value* v);
  llvm::Value* nzcv();
  void set_nzcv(llvm::Value* v);
  llvm::Value* cond_holds(unsigned cond);      // i1

  // AddWithCarry on i32/i64 operands; flags packed as NZCV in an i32.
  llvm::Value* add_with_carry(llvm::Value* x, llvm::Value* y, llvm::Value* carry_in, llvm::Value** nzcv);
  llvm::Value* logic_flags(llvm::Value* r);

  // Guest memory: size in bytes; loads return i64 zero-extended. The fast path looks the
  // page up in the fast TLB of the block's context; the slow path may take an exception,
  // after which the translation leaves.
  llvm::Value* load(llvm::Value* addr, unsigned size);
  void store(llvm::Value* addr, unsigned size, llvm::Value* value);

  // Control flow out of the block.
  void exit_static(uint64_t target, int slot);  // known target, chainable through slot
  void exit_indirect(llvm::Value* target);      // computed target (looked up at run time)
  void branch_cond(llvm::Value* taken, uint64_t target);  // conditional direct branch
  bool ended() const { return ended_; }

  // Runs the tier-0 handler for the current instruction as a helper.
  void call_handler();
  // ---- SIMD&FP (ir_emitter_simd.cpp) ----
  // i1: bytes of RAM at addr can be read (or written) directly, none of them faulting:
  // one page the fast TLB maps for the access, elements of `align` bytes aligned where
  // alignment is enforced, and (for a write) no watched page. *host: their host address.
  llvm::Value* direct_range(llvm::Value* addr, unsigned bytes, unsigned align, bool write, llvm::Value** host);
  llvm::Value* vreg(unsigned r);               // V<r> as <2 x i64>
  void set_vreg(unsigned r, llvm::Value* v);   // V<r> from any 128-bit value
  llvm::Value* fpsr();                         // i32
  void set_fpsr(llvm::Value* v);
  // Runs op() (which emits host FP operations) under the default MXCSR controls (round
  // to nearest, no FTZ/DAZ, exceptions masked) and returns its value.
  llvm::Value* host_fp(const std::function<llvm::Value*()>& op);
  // The MXCSR exception flags now set (i32: IE 1, DE 2, ZE 4, OE 8, UE 16, PE 32): those
  // raised by the host FP operations since the last reset (see mxcsr_).
  llvm::Value* host_fp_flags();
  // The current SIMD&FP instruction done natively where that gives the architected
  // result, its tier-0 handler otherwise. The code first checks the SIMD&FP access traps
  // (a trapped instruction goes to the handler, which takes the trap) and, with
  // default_fpcr, that FPCR selects round to nearest without flush-to-zero. compute()
  // then emits the host computation and returns an i1 that holds when its result is
  // exact (nullptr: always); only then does commit() write it. Otherwise the handler
  // runs from the unchanged state. handler_writes_gprs: whether the handler may read or
  // change X registers, SP or NZCV, or fault (a load/store, FMOV to a general register);
  // if not, it is a plain call with nothing written back or reloaded around it, which
  // keeps the slow path small.
  void simd_native(bool default_fpcr, bool handler_writes_gprs, const std::function<llvm::Value*()>& compute,
                   const std::function<void()>& commit);

  // Before an access based on SP: the SP alignment fault when SP is misaligned and the
  // current level's SCTLR checks it (D1.8.2); the translation then leaves.
  void check_sp_alignment();

 private:
  llvm::Value* fp_access_allowed();  // i1: no CPACR/CPTR trap at the block's EL
  // Host FP needs MXCSR's control bits at their reset value, and its Precision flag is
  // read (while FPSR.IXC is clear) as "this operation was inexact". So where a
  // translation uses host FP, MXCSR is reset on entry and after every helper call (C++
  // may have left flags). In between, an earlier host operation that set PE was either
  // committed, setting IXC (and PE is no longer read), or redone by the handler, a
  // helper call after which MXCSR is reset.
  llvm::AllocaInst* mxcsr_ = nullptr;  // scratch for ldmxcsr/stmxcsr
  bool uses_host_fp_ = false;
  bool fp_access_checked_ = false;  // on every path here since the last handler call
  llvm::Instruction* entry_branch_ = nullptr;
  std::vector<llvm::Instruction*> helper_calls_;
  void reset_mxcsr();
  void place_mxcsr_resets();
  llvm::Value* field_ptr(size_t offset);
  llvm::Value* state_load(llvm::Type* t, size_t offset);
  llvm::Instruction* state_store(llvm::Value* v, size_t offset);
  // Register-file slots: 0..31 = X0..X30 and SP, 32 = NZCV.
  static constexpr unsigned kNzcvSlot = 32, kSlots = 33;
  llvm::Type* slot_type(unsigned slot);
  size_t slot_offset(unsigned slot);
  llvm::Value* read_slot(unsigned slot);
  void write_slot(unsigned slot, llvm::Value* v);
  void flush(const std::bitset<kSlots>& which);  // allocas -> CpuState
  void reload();                                  // CpuState -> allocas
  // Write-backs are placed once the whole region is emitted, when the set of slots it
  // writes anywhere is known: before each recorded point (the pc store that starts an
  // exit or a helper call) every written slot is stored. A slot written only later on
  // some path still holds the value loaded from CpuState, so storing it is harmless.
  void flush_here(llvm::Instruction* before) { flush_points_.push_back(before); }
  void place_flushes();
  int member_at(uint64_t pc) const;  // index of the member starting at pc, or -1
  llvm::Instruction* write_pc(uint64_t pc);
  void check_exit_after_helper();
  // Calls a C helper for the current instruction (registers flushed, pc written), then
  // leaves the translation if the helper set ExecControl::exit.
  llvm::Value* call_at_insn(llvm::Type* ret, const void* fn, std::initializer_list<llvm::Value*> args);
  // The fast TLB entry for addr in the block's context, and whether its tag at
  // tag_offset (read or write) allows an access of size bytes there.
  // align: the alignment the access needs where alignment is enforced (0: size).
  llvm::Value* tlb_hit(llvm::Value* addr, unsigned size, size_t tag_offset, llvm::Value** entry, unsigned align = 0);
  // host address - guest address for the entry tlb_hit returned (null: the flat mapping).
  llvm::Value* host_addend(llvm::Value* entry);
  // i1: the RAM page of host address host_int is watched (stores there take the slow path).
  llvm::Value* store_watched(llvm::Value* host_int);
  llvm::Value* fn_ptr(const void* p);
  void chain_or_return(llvm::Value* target_fn, int slot);

  llvm::Module& mod_;
  llvm::LLVMContext& ctx_;
  llvm::IRBuilder<> b_;
  const MachineImage& mach_;
  const std::vector<const BlockImage*>& members_;
  const BlockImage* blk_ = nullptr;  // the member being emitted
  llvm::Function* fn_ = nullptr;
  llvm::Value *s_ = nullptr, *ctl_ = nullptr, *cpu_ = nullptr;
  llvm::FunctionType* jit_fn_type_ = nullptr;
  llvm::MDNode *tbaa_state_ = nullptr, *tbaa_guest_ = nullptr, *tbaa_ctl_ = nullptr;
  uint64_t pc_ = 0;
  size_t index_ = 0;
  bool ended_ = false;
  llvm::AllocaInst* slots_[kSlots] = {};
  // The slice budget, also kept in an SSA value inside the function (a loop would
  // otherwise carry a load-decrement-store through memory every iteration); written
  // back to ExecControl wherever the registers are.
  llvm::AllocaInst* budget_ = nullptr;
  // ExecControl fields, tagged as run-time control for alias analysis.
  llvm::Value* ctl_load(llvm::Type* t, size_t offset);
  void ctl_store(llvm::Value* v, size_t offset);
  llvm::Value* ctl_ptr(size_t offset);
  std::bitset<kSlots> written_;  // every slot written anywhere in the region
  std::vector<llvm::Instruction*> flush_points_;
  std::vector<llvm::BasicBlock*> heads_;  // each member's entry (budget check)
};

// Per-group emitters: return false when the instruction is left to its tier-0 handler.
bool emit_data_processing(IrEmitter& e, a64::InsnId id, uint32_t w);
bool emit_branch(IrEmitter& e, a64::InsnId id, uint32_t w);
bool emit_load_store(IrEmitter& e, a64::InsnId id, uint32_t w);
bool emit_fp_simd(IrEmitter& e, a64::InsnId id, uint32_t w);

}  // namespace bramble::jit
