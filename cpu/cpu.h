// One AArch64 core: its architectural state, its view of physical memory, and tier 0
// (the decoded-block interpreter). The JIT tier plugs in later through the same blocks.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <type_traits>
#include <string>
#include <unordered_map>
#include <vector>

#include "cpu/cpu_state.h"
#include "cpu/mmu.h"
#include "cpu/phys_memory.h"

namespace bramble {

class Cpu;
struct Block;
struct ExecControl;
using ExecFn = void (*)(Cpu&, uint32_t word);
// Translated code for one block: runs it (and, through exit slots, its successors) and
// leaves s->pc at the next instruction to run.
using JitFn = void (*)(CpuState* s, ExecControl* ctl, Cpu* c);

// Run-time fields that translated code reads and writes, at fixed offsets.
struct ExecControl {
  int64_t budget = 0;          // instructions left in this slice; a block runs only if it fits
  const Block* last_block = nullptr;  // the translated block that returned to the dispatcher...
  int32_t last_exit = -1;      // ... and through which of its exit slots (-1: none)
  uint8_t exit = 0;            // set by stop() and exception entry: leave at once
  uint8_t pad[3] = {};
  uint64_t chained = 0;        // transfers between translations without the dispatcher
                               // (counted only by code compiled with counting on)
};
static_assert(std::is_standard_layout_v<ExecControl>);

// The generic timer's counter frequency on the Pi 3 (the 19.2 MHz crystal).
inline constexpr uint64_t kCounterHz = 19'200'000;

// The JIT tier as the core sees it (implemented in jit/, which knows LLVM).
class CodeTranslator {
 public:
  virtual ~CodeTranslator() = default;
  // A block was just decoded (eager mode translates it before its first run).
  virtual void block_decoded(Cpu&, Block&) {}
  // A block ran often enough to be worth translating.
  virtual void block_hot(Cpu&, Block&) {}
  // Installs finished translations; called by the core between blocks when
  // results_ready is set (one relaxed load per block, so the check costs nothing).
  virtual void poll(Cpu&) {}
  std::atomic<bool> results_ready{false};
  uint64_t hot_threshold = 0;  // 0: never report hot blocks
};

// Why run() returned before its budget was used up.
enum class StopReason : uint8_t {
  None,
  Undefined,      // an UNALLOCATED word, or a named instruction tier 0 does not implement yet
  Unsupported,    // a legal instruction needing a feature not modelled yet (message says which)
  Halt,           // the machine asked the core to stop (power-off, semihosting exit, ...)
};

// The machine's side of events only it can handle.
class CpuHooks {
 public:
  virtual ~CpuHooks() = default;
  // HLT #imm16. Return true when handled (e.g. semihosting); the core then continues after it.
  virtual bool on_hlt(Cpu&, uint16_t) { return false; }
  // The system counter (CNTPCT_EL0) now, in ticks of CNTFRQ: the machine's virtual clock
  // at this instruction (see Cpu::retired_in_run()).
  virtual uint64_t counter_ticks(const Cpu&) { return 0; }
};

struct TraceFlags {
  bool in_asm = false;      // each block's disassembly when it is first decoded
  bool exec = false;        // each instruction as it runs
  bool exceptions = false;  // each exception taken and returned from (--trace int)
  bool unimp = false;       // UNDEFINED system register accesses, with the register's name
};

struct DecodedInsn {
  ExecFn fn;
  uint32_t word;
};

// A run of instructions from one physical page ending at a branch, an instruction that
// changes how later ones execute, or the page's end.
struct Block {
  uint64_t pc = 0;              // virtual address of the first instruction
  uint64_t pa = 0;              // its physical address when decoded (checked on lookup)
  uint32_t mode = 0;            // everything besides pc that changes the decoding/meaning
  uint32_t chain_epoch = 0;     // links are valid only while this equals Cpu's epoch
  Block* link[2] = {nullptr, nullptr};  // successors found after a previous run
  uint64_t exec_count = 0;
  uint64_t serial = 0;          // unique per decoded block, never reused
  std::vector<DecodedInsn> insns;

  // Tier 1. jit_exit[k] is read by the translated code at its exit k: the successor's
  // translation, filled in by the dispatcher once both exist, cleared on invalidation.
  JitFn jit = nullptr;
  JitFn jit_exit[2] = {nullptr, nullptr};
  bool jit_requested = false;
  bool awaiting_region = false;    // a member of a loop region that is being translated
  std::shared_ptr<void> jit_code;  // keeps the translated code alive as long as the block
  // Heads (pc, serial) of translated regions that contain this block's code: when this
  // block dies, their translations must go too.
  std::vector<std::pair<uint64_t, uint64_t>> in_regions;
};

class Cpu {
 public:
  Cpu(PhysicalMemory& mem, int core_id, CpuHooks* hooks = nullptr);
  ~Cpu();
  Cpu(const Cpu&) = delete;
  Cpu& operator=(const Cpu&) = delete;

  CpuState s{};
  PhysicalMemory& mem;
  CpuHooks* hooks;
  const int core_id;
  TraceFlags trace;

  // Architectural reset: EL and SP selection as given, DAIF masked, registers zeroed.
  void reset(uint64_t pc, unsigned el);

  // Runs up to max_insns instructions; returns how many retired. Stops early when a
  // handler calls stop().
  uint64_t run(uint64_t max_insns);
  // Instructions retired so far in the current run() (exact at any instruction that can
  // observe time: such instructions run as helpers, after the budget is written back).
  uint64_t retired_in_run() const {
    if (!in_run_) return 0;  // between runs the caller's own count is complete
    return run_done_ + (in_jit_ ? uint64_t(jit_entry_budget_ - ctl.budget) : (s.pc - block_pc_) / 4);
  }

  // Called by instruction handlers: finish the current instruction and leave run().
  void stop(StopReason why, std::string message = {});
  StopReason stop_reason() const { return stop_reason_; }
  const std::string& stop_message() const { return stop_message_; }
  void clear_stop() { stop_reason_ = StopReason::None; stop_message_.clear(); ctl.exit = 0; }

  // Drops decoded code overlapping [pa, pa + len); called on stores into code pages and
  // by cache maintenance.
  void invalidate_code(uint64_t pa, uint64_t len);
  void invalidate_all_code();

  ExecControl ctl;
  CodeTranslator* translator = nullptr;

  // The block at pc for the current mode, decoded now if it does not exist yet (the JIT's
  // eager mode decodes ahead along static successors).
  // Null when pc cannot be fetched from (no exception is taken here).
  Block* prepare_block(uint64_t pc) { return lookup_or_decode(pc, false); }
  // Where control can go after b without a run-time value: direct branch targets and the
  // fall-through. At most two.
  static int static_successors(const Block& b, uint64_t out[2]);

  // The live block at pc for the current mode and translation, if any (for the JIT's
  // indirect branches and region discovery). Never takes an exception.
  Block* find_block(uint64_t pc);
  // Every live block (the translator validates installs against it).
  Block* live_block(uint64_t pc, uint64_t serial) const;

  // ---- Interrupts, WFI/WFE and the generic timer's outputs (cpu/interrupts.cpp) ----
  // The core's IRQ and FIQ inputs (level-sensitive) and a pending SError.
  void set_irq(bool level);
  void set_fiq(bool level);
  void set_serror(bool pending);
  // After anything that can unmask or reroute an asynchronous exception (PSTATE.DAIF,
  // the EL, SCR_EL3, HCR_EL2): take it, if one is due, before the next instruction.
  void interrupts_may_change();
  // WFI/WFE put the core to sleep: run() returns, and waiting() stays true until an
  // interrupt line or (for WFE) an event wakes it.
  bool waiting() const { return waiting_; }
  void wait(bool for_event);
  // A wake-up event is due (an asserted interrupt, or for WFE the event register).
  bool wake_pending() const;
  // SEV/SEVL and exception returns set the event register (D1.17.x).
  void set_event() { event_register_ = true; }
  bool take_event() { const bool e = event_register_; event_register_ = false; return e; }
  // Leave run() after the current instruction without stopping (a timer was programmed:
  // the machine must recompute when the next one fires).
  void request_yield() { yield_ = true; ctl.exit = 1; }
  // The generic timers' output lines at counter value `count` (physical ticks): bit 0 the
  // EL1 physical timer, 1 the EL1 virtual timer, 2 the EL2 physical timer; each asserted
  // while ENABLE, ISTATUS and not IMASK (D11.2.x).
  unsigned timer_lines(uint64_t count) const;
  // The earliest physical count at which a timer that is enabled and unmasked but not
  // yet firing will fire, or UINT64_MAX.
  uint64_t next_timer_deadline(uint64_t count) const;

  // ---- Address translation (cpu/mmu_access.cpp) ----
  // Contexts (the fast TLB's index): 0 = EL0, 1 = EL1, 2 = EL2, 3 = EL3. An instruction
  // runs its accesses in the context of its EL; LDTR/STTR at EL1 use context 0.
  std::unique_ptr<FastTlb> fast_tlb;
  Tlb tlb;
  FastTlbEntry& tlb_entry(unsigned ctx, uint64_t va) { return fast_tlb->e[ctx][fast_tlb_slot(va)]; }
  // Translates a data access of size bytes at va: on success *pa is its physical
  // address; on a fault the Data Abort (or alignment fault) has been taken and the result
  // is false.
  bool translate_data(uint64_t va, unsigned size, Access access, unsigned ctx, uint64_t* pa);
  // The fast TLB entry for va's page in ctx, filled by a TLB lookup or a walk, with the
  // permission bits `need` (kPerm*, 0 for none) checked: null on a fault, with its fault
  // status code (for ESR or PAR_EL1.FST) in *fsc. Takes no exception.
  const FastTlbEntry* translate_checked(uint64_t va, unsigned ctx, uint8_t need, uint32_t* fsc);
  // Whatever translation means has changed (TLBI, or a write to TTBR, TCR, SCTLR, MAIR,
  // HCR): the fast TLB and every link between decoded blocks that relied on it go.
  void translation_changed();
  // Recomputes Block::mode for the current state: after a change of EL (set_el) and with
  // every translation change (which SCTLR and HCR writes are).
  void refresh_mode();

  // Slow paths of guest memory access (cpu/memory_access.h holds the fast ones). On a
  // fault the exception has been taken (ctl.exit is set) and a load returns 0.
  uint64_t load_slow(uint64_t va, unsigned size, unsigned ctx);
  void store_slow(uint64_t va, unsigned size, uint64_t value, unsigned ctx);
  // Physical accesses, after translation.
  uint64_t phys_read(uint64_t pa, unsigned size);
  void phys_write(uint64_t pa, unsigned size, uint64_t value);
  void note_watched_store(uint64_t pa, unsigned size);
  // One byte per 4 KiB RAM page; a store into a page whose byte is non-zero takes the
  // slow path (both tiers test this one byte): kWatchCode when decoded code came from the
  // page, kWatchMonitor when the exclusive monitor tags an address in it.
  std::vector<uint8_t> store_watch;
  static constexpr uint8_t kWatchCode = 1, kWatchMonitor = 2;
  void set_monitor_watch(bool on);

  struct Stats {
    uint64_t blocks_decoded = 0, insns_decoded = 0, invalidations = 0;
    uint64_t insns_tier0 = 0, insns_tier1 = 0;      // retired in each tier
    uint64_t jit_entries = 0, chain_links = 0;      // dispatcher -> translated code; slots filled
    double seconds_tier0 = 0, seconds_tier1 = 0;    // host time in each tier (with time_tiers)
  } stats;
  // Measure host time per tier (--stats): a clock read wherever execution changes tier.
  bool time_tiers = false;

 private:
  // raise: take the Instruction Abort when pc cannot be fetched (else just return null).
  Block* lookup_or_decode(uint64_t pc, bool raise = true);
  Block* decode_block(uint64_t pc, uint64_t pa);
  bool translate_fetch(uint64_t pc, uint64_t* pa, bool raise);
  FastTlbEntry* tlb_fill(uint64_t va, unsigned ctx, WalkResult* fault);
  uint32_t fetch(uint64_t pa);
  uint32_t current_mode() const { return mode_; }
  uint64_t run_traced(uint64_t max_insns);
  void free_dead_blocks();
  void unlink_translations();
  void kill_block(std::unique_ptr<Block>& owner);
  void switch_tier(int tier);
  // Takes the exception due before fetching at s.pc (an asynchronous exception,
  // PSTATE.IL, a misaligned PC); true when that stopped the core.
  bool take_fetch_exception();
  // Takes the highest-priority asynchronous exception that is pending and not masked;
  // true if it took one.
  bool take_interrupt();
  bool irq_line_ = false, fiq_line_ = false, serror_pending_ = false;
  uint8_t irq_check_ = 0;  // a pending asynchronous exception may be due: check first
  bool waiting_ = false, waiting_for_event_ = false, event_register_ = false, yield_ = false;
  uint64_t run_done_ = 0;          // retired in this run() before the current block
  uint64_t block_pc_ = 0;          // where the current tier-0 block starts
  bool in_jit_ = false;            // translated code is running (since jit_entry_budget_)
  bool in_run_ = false;            // inside run()
  // Block::mode now: the EL (bits 1:0) and how data accesses translate (kMode* in
  // cpu/mmu.h). Kept, not derived per lookup: the dispatcher compares it for every block.
  uint32_t mode_ = 0;
  int64_t jit_entry_budget_ = 0;
  int timed_tier_ = -1;
  uint64_t tier_since_ns_ = 0;

  StopReason stop_reason_ = StopReason::None;
  std::string stop_message_;

  static constexpr unsigned kFastSlots = 4096;
  Block* fast_[kFastSlots] = {};
  std::unordered_map<uint64_t, std::unique_ptr<Block>> blocks_;
  // For each RAM page holding decoded code: its blocks, and a bit per 4-byte word that
  // some block was decoded from. A store into the page drops only the blocks whose
  // words it overwrites, so data sharing a page with code (.data after .text) costs a
  // bitmap check, not a re-translation.
  struct CodePage {
    std::vector<Block*> blocks;
    uint64_t words[(1u << 12) / 4 / 64] = {};
  };
  std::unordered_map<uint64_t, CodePage> code_pages_;
  // The page the last store into a code page hit: data next to code is stored to over
  // and over, and the map's lookup (a division) was 8% of such a guest's time. Entries
  // stay put in the node-based map until erased, which clears this.
  uint64_t last_code_page_ = ~0ull;
  CodePage* last_code_page_entry_ = nullptr;
  CodePage* find_code_page(uint64_t page);
  std::vector<std::unique_ptr<Block>> dead_;
  std::vector<std::shared_ptr<void>> retired_code_;  // dropped translations, freed like dead_
  // Translated exits linked to a block in another page, (block pc, serial): a new
  // translation may map that page elsewhere, so they are cut on translation_changed().
  std::vector<std::pair<uint64_t, uint64_t>> cross_page_links_;
  uint32_t epoch_ = 1;
  uint64_t next_serial_ = 1;
};

// --stats lines about decoding and the instructions each tier ran.
void print_cpu_stats(std::FILE* out, const Cpu& cpu);

// The handler table, one per InsnId; null where tier 0 has no implementation yet.
ExecFn tier0_handler(uint16_t insn_id);

}  // namespace bramble
