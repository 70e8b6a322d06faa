#include "cpu/cpu.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "cpu/a64/decoder.h"
#include "cpu/disasm.h"
#include "cpu/exceptions.h"
#include "cpu/sysregs.h"
#include "cpu/memory_access.h"
#include "cpu/regs.h"

namespace bramble {

namespace {
constexpr unsigned kPageBits = 12;
constexpr unsigned kMaxBlockInsns = 64;

// Instructions after which decoding stops: control flow, and anything that can change
// how later instructions execute (PSTATE, system registers, context synchronisation).
bool ends_block(a64::InsnId id) {
  using a64::InsnClass;
  using a64::InsnId;
  switch (a64::entry(id).cls) {
    case InsnClass::CondBranch: case InsnClass::BranchImm: case InsnClass::BranchReg:
    case InsnClass::CompareBranch: case InsnClass::TestBranch: case InsnClass::ExceptionGen:
    case InsnClass::PState: case InsnClass::SysInstr: case InsnClass::SysReg:
    case InsnClass::Unallocated:
      return true;
    default:
      return id == InsnId::ISB || id == InsnId::WFI || id == InsnId::WFE;
  }
}

// An UNALLOCATED word raises the Undefined Instruction exception. A named instruction
// without semantics yet (SIMD&FP, for now) stops the core instead, unless an FP trap
// applies: taking an exception for it would hide a gap in bramble behind what looks like
// a guest bug.
void exec_undefined(Cpu& c, uint32_t word) {
  const a64::InsnId id = a64::decode(word);
  if (id == a64::InsnId::UNALLOCATED) return undefined_instruction(c);
  const a64::InsnClass cls = a64::entry(id).cls;
  // The BCM2837's Cortex-A53 is built without the cryptographic extension: UNDEFINED.
  if (cls == a64::InsnClass::Crypto) return undefined_instruction(c);
  // A SIMD&FP instruction first meets the CPACR/CPTR traps, which the architecture
  // checks before anything else about it.
  if ((cls == a64::InsnClass::FpSimd || cls == a64::InsnClass::SimdLdSt || cls == a64::InsnClass::SimdLdStStruct) &&
      fp_access_trapped(c))
    return;
  char msg[160];
  std::snprintf(msg, sizeof msg, "instruction %s is not implemented yet", std::string(a64::entry(id).name).c_str());
  c.stop(StopReason::Undefined, msg);
}
}  // namespace

Cpu::Cpu(PhysicalMemory& m, int id, CpuHooks* h)
    : mem(m), hooks(h), core_id(id), fast_tlb(std::make_unique<FastTlb>()) {
  store_watch.assign((mem.ram_size >> kPageBits) + 1, 0);
  translation_changed();
}

Cpu::~Cpu() = default;

void Cpu::reset(uint64_t pc, unsigned el) {
  s = CpuState{};
  s.pc = pc;
  s.el = uint8_t(el);
  s.spsel = 1;
  s.daif = kDaifD | kDaifA | kDaifI | kDaifF;  // D1.9: all masked on reset
  // Cortex-A53 TRM 4.3: SCTLR reset values. Entering at EL2 means the firmware's armstub
  // ran at EL3 before: it leaves SCR_EL3 = 0x5b1 (NS, SMD, HCE, RW: HVC enabled, SMC
  // disabled, lower levels AArch64).
  s.sctlr_el[1] = 0x00C50838;
  s.sctlr_el[2] = 0x30C50838;
  s.sctlr_el[3] = 0x00C50838;
  s.scr_el3 = el < 3 ? 0x5b1 : kScrRw;
  s.cntfrq = kCounterHz;  // the Pi firmware programs CNTFRQ_EL0 with the 19.2 MHz crystal
  s.cnthctl_el2 = 3;      // EL1PCTEN, EL1PCEN: EL1 may use the physical counter and timer
  reset_stored_sysregs(s, core_id);
  // HCR_EL2.RW and SCR_EL3.RW read as one: every level below is AArch64 only.
  s.hcr_el2 = kHcrRw;
  if (el < 3) {
    // The armstub also lets lower levels reach the A53's implementation-defined control
    // registers (ACTLR_EL3 = 0x73: CPUACTLR, CPUECTLR, L2CTLR, L2ECTLR, L2ACTLR) and
    // sets CPUECTLR_EL1.SMPEN, which the A53 needs for coherent caches.
    stored<reg::ACTLR_EL3>(s) = 0x73;
    stored<reg::CPUECTLR_EL1>(s) = 1u << 6;
  }
  clear_stop();
  tlb.clear();
  translation_changed();
  invalidate_all_code();
}

void Cpu::stop(StopReason why, std::string message) {
  stop_reason_ = why;
  stop_message_ = std::move(message);
  ctl.exit = 1;
}

uint32_t Cpu::fetch(uint64_t pa) { return uint32_t(phys_read(pa, 4)); }

Block* Cpu::decode_block(uint64_t pc, uint64_t pa) {
  auto b = std::make_unique<Block>();
  b->pc = pc;
  b->pa = pa;
  b->mode = current_mode();
  b->chain_epoch = epoch_;
  b->serial = next_serial_++;
  // A block never leaves its page (the loop stops at the page's end), so one translation
  // covers it.
  uint64_t p = pc;
  do {
    const uint32_t word = fetch(pa + (p - pc));
    const a64::InsnId id = a64::decode(word);
    ExecFn fn = id == a64::InsnId::UNALLOCATED ? nullptr : tier0_handler(uint16_t(id));
    b->insns.push_back({fn ? fn : exec_undefined, word});
    p += 4;
    if (!fn || ends_block(id)) break;
  } while (b->insns.size() < kMaxBlockInsns && (p & ((1u << kPageBits) - 1)) != 0);

  if (trace.in_asm) {
    std::fprintf(stderr, "IN: block at 0x%016llx, %zu instructions\n", (unsigned long long)pc,
                 b->insns.size());
    for (size_t i = 0; i < b->insns.size(); ++i)
      std::fprintf(stderr, "  0x%016llx: %08x  %s\n", (unsigned long long)(pc + 4 * i),
                   b->insns[i].word, disassemble(b->insns[i].word, pc + 4 * i).c_str());
  }
  stats.blocks_decoded++;
  stats.insns_decoded += b->insns.size();

  const uint64_t off = pa - mem.ram_base;
  if (off < mem.ram_size) {
    store_watch[off >> kPageBits] |= kWatchCode;
    CodePage& cp = code_pages_[off >> kPageBits];
    cp.blocks.push_back(b.get());
    const uint64_t w0 = (off & ((1u << kPageBits) - 1)) >> 2;
    for (uint64_t w = w0; w < w0 + b->insns.size(); ++w) cp.words[w / 64] |= 1ull << (w % 64);
  }
  Block* raw = b.get();
  blocks_[pc] = std::move(b);
  if (translator) translator->block_decoded(*this, *raw);
  return raw;
}

Block* Cpu::lookup_or_decode(uint64_t pc, bool raise) {
  const unsigned slot = (pc >> 2) & (kFastSlots - 1);
  Block* b = fast_[slot];
  // fast_ holds only blocks looked up since the last translation change.
  if (b && b->pc == pc && b->mode == current_mode()) return b;
  uint64_t pa;
  if (!translate_fetch(pc, &pa, raise)) return nullptr;
  auto it = blocks_.find(pc);
  if (it != blocks_.end() && it->second->mode == current_mode() && it->second->pa == pa) {
    b = it->second.get();
  } else {
    // Decoded for another mode, or from another physical page before the mapping
    // changed: it goes the way overwritten code goes.
    if (it != blocks_.end()) invalidate_code(it->second->pa, 4);
    b = decode_block(pc, pa);
  }
  fast_[slot] = b;
  return b;
}

uint64_t Cpu::run(uint64_t max_insns) {
  free_dead_blocks();
  yield_ = false;
  if (waiting_) {
    if (!wake_pending()) return 0;
    waiting_ = false;
  }
  in_run_ = true;
  run_done_ = 0;
  block_pc_ = s.pc;
  struct LeaveRun {
    bool& flag;
    ~LeaveRun() { flag = false; }
  } leave{in_run_};
  if (trace.exec) return run_traced(max_insns);
  uint64_t done = 0;
  Block* prev = nullptr;
  while (done < max_insns) {
    if (translator && translator->results_ready.load(std::memory_order_relaxed)) [[unlikely]] {
      translator->poll(*this);
      prev = nullptr;  // installing may not touch links, but start the chain afresh
    }
    if (s.il | (s.pc & 3) | irq_check_) [[unlikely]] {
      // An asynchronous exception that has become due, any instruction with PSTATE.IL
      // set (D1.11.x), or a fetch from a misaligned PC.
      if (take_fetch_exception()) break;
      prev = nullptr;
      continue;
    }
    Block* b = nullptr;
    if (prev && prev->chain_epoch == epoch_) {
      if (prev->link[0] && prev->link[0]->pc == s.pc) b = prev->link[0];
      else if (prev->link[1] && prev->link[1]->pc == s.pc) b = prev->link[1];
      if (b && b->mode != current_mode()) b = nullptr;
    }
    if (!b) {
      b = lookup_or_decode(s.pc);
      if (!b) [[unlikely]] {  // the fetch faulted: the Instruction Abort has been taken
        if (stop_reason_ != StopReason::None) break;
        ctl.exit = 0;
        prev = nullptr;
        continue;
      }
      if (prev && prev->chain_epoch == epoch_) {
        prev->link[1] = prev->link[0];
        prev->link[0] = b;
      } else if (prev) {
        prev->chain_epoch = epoch_;
        prev->link[0] = b;
        prev->link[1] = nullptr;
      }
    }
    const uint64_t left = max_insns - done;
    uint64_t n = b->insns.size();

    if (b->jit && n <= left) {
      // Tier 1: the translated block runs, and may chain straight into successors
      // through its exit slots while the budget lasts.
      if (time_tiers) [[unlikely]] switch_tier(1);
      ctl.budget = int64_t(left);
      ctl.last_block = nullptr;
      ctl.last_exit = -1;
      run_done_ = done;
      in_jit_ = true;
      jit_entry_budget_ = ctl.budget;
      b->jit(&s, &ctl, this);
      in_jit_ = false;
      const uint64_t ran = left - uint64_t(ctl.budget);
      done += ran;
      stats.insns_tier1 += ran;
      stats.jit_entries++;
      if (ctl.exit) {
        if (stop_reason_ != StopReason::None || waiting_ || yield_) break;
        ctl.exit = 0;  // an exception was taken or returned from: go on at the new pc
        continue;
      }
      // Link the exit it left through to the successor's translation, if there is one.
      if (ctl.last_block && ctl.last_exit >= 0) {
        // The block it left may have been dropped while it ran (it stored into its own
        // code); a dead block's slots stay empty.
        Block* from = live_block(ctl.last_block->pc, ctl.last_block->serial);
        if (Block* to = find_block(s.pc); from && to && to->jit) {
          from->jit_exit[ctl.last_exit] = to->jit;
          stats.chain_links++;
          if ((from->pc ^ to->pc) >> kPageBits) cross_page_links_.emplace_back(from->pc, from->serial);
        }
      }
      prev = nullptr;
      continue;
    }

    if (time_tiers) [[unlikely]] switch_tier(0);
    if (translator && ++b->exec_count == translator->hot_threshold) translator->block_hot(*this, *b);
    const DecodedInsn* in = b->insns.data();
    if (n > left) n = left;  // stop exactly on budget
    run_done_ = done;  // retired_in_run() adds the position inside the block, from pc
    block_pc_ = b->pc;
    uint64_t i = 0;
    for (; i < n; ++i) {
      in[i].fn(*this, in[i].word);
      if (ctl.exit) [[unlikely]] {
        ++i;
        break;
      }
    }
    done += i;
    stats.insns_tier0 += i;
    if (ctl.exit) {
      if (stop_reason_ != StopReason::None || waiting_ || yield_) break;
      ctl.exit = 0;  // an exception was taken or returned from: go on at the new pc
      prev = nullptr;
      continue;
    }
    prev = b;
  }
  if (time_tiers) switch_tier(-1);
  if (stop_reason_ == StopReason::None) ctl.exit = 0;  // a wait or a yield: nothing pending
  return done;
}

bool Cpu::take_fetch_exception() {
  if (irq_check_) {
    irq_check_ = 0;
    if (take_interrupt() || !(s.il | (s.pc & 3))) {
      ctl.exit = 0;
      return stop_reason_ != StopReason::None;
    }
  }
  if (s.il) illegal_state_exception(*this);
  else pc_alignment_fault(*this);
  if (stop_reason_ != StopReason::None) return true;
  ctl.exit = 0;
  return false;
}

void Cpu::switch_tier(int tier) {
  if (tier == timed_tier_) return;
  const uint64_t now = uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::steady_clock::now().time_since_epoch()).count());
  if (timed_tier_ == 0) stats.seconds_tier0 += double(now - tier_since_ns_) * 1e-9;
  if (timed_tier_ == 1) stats.seconds_tier1 += double(now - tier_since_ns_) * 1e-9;
  timed_tier_ = tier;
  tier_since_ns_ = now;
}

int Cpu::static_successors(const Block& b, uint64_t out[2]) {
  using a64::InsnId;
  const uint32_t w = b.insns.back().word;
  const uint64_t pc = b.pc + 4 * (b.insns.size() - 1);
  const InsnId id = a64::decode(w);
  switch (id) {
    case InsnId::B: out[0] = pc + sext(w & 0x3ffffff, 26) * 4; return 1;
    case InsnId::BL: out[0] = pc + sext(w & 0x3ffffff, 26) * 4; out[1] = pc + 4; return 2;
    case InsnId::B_cond: case InsnId::CBZ: case InsnId::CBNZ:
      out[0] = pc + sext(bits(w, 23, 5), 19) * 4; out[1] = pc + 4; return 2;
    case InsnId::TBZ: case InsnId::TBNZ:
      out[0] = pc + sext(bits(w, 18, 5), 14) * 4; out[1] = pc + 4; return 2;
    default:
      break;
  }
  if (id == InsnId::UNALLOCATED || !ends_block(id)) { out[0] = pc + 4; return 1; }  // length or page limit
  switch (a64::entry(id).cls) {
    case a64::InsnClass::BranchReg: case a64::InsnClass::ExceptionGen: return 0;
    default: out[0] = pc + 4; return 1;  // system instructions and hints that end a block
  }
}

Block* Cpu::find_block(uint64_t pc) {
  Block* b = fast_[(pc >> 2) & (kFastSlots - 1)];
  if (b && b->pc == pc && b->mode == current_mode()) return b;
  auto it = blocks_.find(pc);
  if (it == blocks_.end() || it->second->mode != current_mode()) return nullptr;
  uint64_t pa;
  if (!translate_fetch(pc, &pa, false) || pa != it->second->pa) return nullptr;
  return it->second.get();
}

Block* Cpu::live_block(uint64_t pc, uint64_t serial) const {
  auto it = blocks_.find(pc);
  return it != blocks_.end() && it->second->serial == serial ? it->second.get() : nullptr;
}

uint64_t Cpu::run_traced(uint64_t max_insns) {
  uint64_t done = 0;
  while (done < max_insns && stop_reason_ == StopReason::None && !waiting_ && !yield_) {
    if (s.il | (s.pc & 3) | irq_check_) {  // the same checks as run() makes before each block
      if (take_fetch_exception()) break;
      continue;
    }
    Block* b = lookup_or_decode(s.pc);
    if (!b) {  // the fetch faulted
      if (stop_reason_ == StopReason::None) ctl.exit = 0;
      continue;
    }
    for (const DecodedInsn& in : b->insns) {
      std::fprintf(stderr, "EXEC: 0x%016llx: %08x  %s\n", (unsigned long long)s.pc, in.word,
                   disassemble(in.word, s.pc).c_str());
      run_done_ = done;
      block_pc_ = s.pc;
      in.fn(*this, in.word);
      ++done;
      if (ctl.exit || done == max_insns) break;
    }
    if (stop_reason_ == StopReason::None) ctl.exit = 0;
  }
  if (time_tiers) switch_tier(-1);
  return done;
}

// Translated code chains through exit slots straight into other blocks' translations;
// once any block dies, no slot may lead to it. Invalidation is rare, so every slot is
// cleared and the dispatcher refills them as blocks run.
void Cpu::unlink_translations() {
  for (auto& [pc, b] : blocks_) b->jit_exit[0] = b->jit_exit[1] = nullptr;
}

Cpu::CodePage* Cpu::find_code_page(uint64_t page) {
  if (page == last_code_page_) return last_code_page_entry_;
  auto it = code_pages_.find(page);
  if (it == code_pages_.end()) return nullptr;
  last_code_page_ = page;
  return last_code_page_entry_ = &it->second;
}

void Cpu::invalidate_code(uint64_t pa, uint64_t len) {
  if (len == 0) return;
  bool dropped = false;
  const uint64_t first = pa - mem.ram_base;
  const uint64_t last = first + len - 1;
  if (first >= mem.ram_size) {
    // Code fetched from outside RAM (MMIO) is found only through blocks_.
    for (auto it = blocks_.begin(); it != blocks_.end();) {
      const Block& b = *it->second;
      if (b.pa < pa + len && pa < b.pa + 4 * b.insns.size()) {
        kill_block(it->second);
        it = blocks_.erase(it);
        dropped = true;
      } else {
        ++it;
      }
    }
    if (dropped) {
      ++epoch_;
      unlink_translations();
    }
    return;
  }
  for (uint64_t page = first >> kPageBits; page <= (last >> kPageBits) && page < store_watch.size(); ++page) {
    if (!(store_watch[page] & kWatchCode)) continue;
    CodePage* found = find_code_page(page);
    if (!found) continue;
    CodePage& cp = *found;
    const uint64_t page_start = page << kPageBits;
    const uint64_t lo = std::max(first, page_start), hi = std::min(last, page_start + (1u << kPageBits) - 1);
    bool touches_code = false;
    for (uint64_t w = (lo - page_start) >> 2; w <= (hi - page_start) >> 2 && !touches_code; ++w)
      touches_code = (cp.words[w / 64] >> (w % 64)) & 1;
    if (!touches_code) continue;

    std::vector<Block*> keep;
    std::fill(std::begin(cp.words), std::end(cp.words), 0);
    for (Block* b : cp.blocks) {
      const uint64_t b_first = b->pa - mem.ram_base, b_last = b_first + 4 * b->insns.size() - 1;
      if (b_first > hi || b_last < lo) {
        keep.push_back(b);
        for (uint64_t w = (b_first - page_start) >> 2; w <= (b_last - page_start) >> 2; ++w)
          cp.words[w / 64] |= 1ull << (w % 64);
        continue;
      }
      auto it = blocks_.find(b->pc);
      if (it == blocks_.end() || it->second.get() != b) continue;
      kill_block(it->second);
      blocks_.erase(it);
      dropped = true;
    }
    cp.blocks = std::move(keep);
    if (cp.blocks.empty()) {
      code_pages_.erase(page);
      last_code_page_ = ~0ull;
      store_watch[page] &= uint8_t(~kWatchCode);
    }
    stats.invalidations++;
  }
  if (dropped) {
    ++epoch_;
    unlink_translations();
  }
}

void Cpu::invalidate_all_code() {
  for (auto& [pc, b] : blocks_) {
    b->jit_exit[0] = b->jit_exit[1] = nullptr;  // the block running now must not chain on
    dead_.push_back(std::move(b));
  }
  blocks_.clear();
  code_pages_.clear();
  last_code_page_ = ~0ull;
  std::fill(store_watch.begin(), store_watch.end(), 0);
  set_monitor_watch(s.excl_valid);
  std::fill(std::begin(fast_), std::end(fast_), nullptr);
  ++epoch_;
}

void Cpu::free_dead_blocks() {
  dead_.clear();
  retired_code_.clear();
}

// Moves a live block to the dead list (its memory and code stay valid until the next
// run() starts: it may be running now), and drops every translated region that
// contains a copy of its code.
void Cpu::kill_block(std::unique_ptr<Block>& owner) {
  Block* b = owner.get();
  fast_[(b->pc >> 2) & (kFastSlots - 1)] = nullptr;
  b->jit_exit[0] = b->jit_exit[1] = nullptr;  // a dead block still running must not chain
  for (const auto& [pc, serial] : b->in_regions) {
    Block* head = live_block(pc, serial);
    if (!head || head == b) continue;
    retired_code_.push_back(std::move(head->jit_code));
    head->jit = nullptr;
    head->jit_requested = false;
    head->exec_count = 0;  // it may get hot again and be translated without b
  }
  dead_.push_back(std::move(owner));
}

void Cpu::note_watched_store(uint64_t pa, unsigned size) {
  monitor_note_store(*this, pa, size);
  const uint64_t off = pa - mem.ram_base;
  if ((store_watch[off >> kPageBits] | store_watch[(off + size - 1) >> kPageBits]) & kWatchCode)
    invalidate_code(pa, size);
}

void Cpu::set_monitor_watch(bool on) {
  const uint64_t off = s.excl_addr - mem.ram_base;
  if (off >= mem.ram_size) return;  // the monitor tags a device address: stores there are slow anyway
  for (uint64_t page : {off >> kPageBits, std::min(off + s.excl_size - 1, mem.ram_size - 1) >> kPageBits}) {
    if (on) store_watch[page] |= kWatchMonitor;
    else store_watch[page] &= uint8_t(~kWatchMonitor);
  }
}

void print_cpu_stats(std::FILE* out, const Cpu& cpu) {
  const auto& c = cpu.stats;
  const double total = double(c.insns_tier0 + c.insns_tier1);
  std::fprintf(out, "stats: blocks decoded %llu (%llu instructions), code invalidations %llu\n",
               (unsigned long long)c.blocks_decoded, (unsigned long long)c.insns_decoded,
               (unsigned long long)c.invalidations);
  std::fprintf(out, "stats: instructions run: tier 0 %llu (%.1f%%) in %.3f s, tier 1 %llu (%.1f%%) in %.3f s\n",
               (unsigned long long)c.insns_tier0, total ? 100.0 * double(c.insns_tier0) / total : 0.0,
               c.seconds_tier0, (unsigned long long)c.insns_tier1,
               total ? 100.0 * double(c.insns_tier1) / total : 0.0, c.seconds_tier1);
}

}  // namespace bramble
