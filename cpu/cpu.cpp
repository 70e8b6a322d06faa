#include "cpu/cpu.h"

#include <cstdio>
#include <cstring>

#include "cpu/a64/decoder.h"
#include "cpu/disasm.h"
#include "cpu/memory_access.h"

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

void exec_undefined(Cpu& c, uint32_t word) {
  const a64::InsnId id = a64::decode(word);
  char msg[160];
  if (id == a64::InsnId::UNALLOCATED)
    std::snprintf(msg, sizeof msg, "undefined instruction (unallocated encoding)");
  else
    std::snprintf(msg, sizeof msg, "instruction %s is not implemented yet",
                  std::string(a64::entry(id).name).c_str());
  c.stop(StopReason::Undefined, msg);
}
}  // namespace

Cpu::Cpu(PhysicalMemory& m, int id, CpuHooks* h) : mem(m), hooks(h), core_id(id) {
  code_page.assign((mem.ram_size >> kPageBits) + 1, 0);
}

Cpu::~Cpu() = default;

void Cpu::reset(uint64_t pc, unsigned el) {
  s = CpuState{};
  s.pc = pc;
  s.el = uint8_t(el);
  s.spsel = 1;
  s.daif = kDaifD | kDaifA | kDaifI | kDaifF;  // D1.9: all masked on reset
  clear_stop();
  invalidate_all_code();
}

void Cpu::stop(StopReason why, std::string message) {
  stop_reason_ = why;
  stop_message_ = std::move(message);
  exit_ = true;
}

uint32_t Cpu::fetch(uint64_t pc) {
  const uint64_t off = pc - mem.ram_base;
  if (off <= mem.ram_size - 4) {
    uint32_t w;
    std::memcpy(&w, mem.ram + off, 4);
    return w;
  }
  return uint32_t(mem.read(pc, 4));
}

Block* Cpu::decode_block(uint64_t pc) {
  auto b = std::make_unique<Block>();
  b->pc = pc;
  b->mode = current_mode();
  b->chain_epoch = epoch_;
  uint64_t p = pc;
  do {
    const uint32_t word = fetch(p);
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

  const uint64_t off = pc - mem.ram_base;
  if (off < mem.ram_size) {
    code_page[off >> kPageBits] = 1;
    page_blocks_[off >> kPageBits].push_back(b.get());
  }
  Block* raw = b.get();
  blocks_[pc] = std::move(b);
  return raw;
}

Block* Cpu::lookup_or_decode(uint64_t pc) {
  const unsigned slot = (pc >> 2) & (kFastSlots - 1);
  Block* b = fast_[slot];
  if (b && b->pc == pc && b->mode == current_mode()) return b;
  auto it = blocks_.find(pc);
  if (it != blocks_.end() && it->second->mode == current_mode()) {
    b = it->second.get();
  } else {
    if (it != blocks_.end()) {  // same address decoded for another mode: replace it
      invalidate_code(pc, 4);
    }
    b = decode_block(pc);
  }
  fast_[slot] = b;
  return b;
}

uint64_t Cpu::run(uint64_t max_insns) {
  free_dead_blocks();
  if (trace.exec) return run_traced(max_insns);
  uint64_t done = 0;
  Block* prev = nullptr;
  while (done < max_insns) {
    if (s.pc & 3) [[unlikely]] {
      stop(StopReason::Unsupported, "PC alignment fault (exceptions are not modelled yet)");
      break;
    }
    Block* b = nullptr;
    if (prev && prev->chain_epoch == epoch_) {
      if (prev->link[0] && prev->link[0]->pc == s.pc) b = prev->link[0];
      else if (prev->link[1] && prev->link[1]->pc == s.pc) b = prev->link[1];
      if (b && b->mode != current_mode()) b = nullptr;
    }
    if (!b) {
      b = lookup_or_decode(s.pc);
      if (prev && prev->chain_epoch == epoch_) {
        prev->link[1] = prev->link[0];
        prev->link[0] = b;
      } else if (prev) {
        prev->chain_epoch = epoch_;
        prev->link[0] = b;
        prev->link[1] = nullptr;
      }
    }
    b->exec_count++;
    const DecodedInsn* in = b->insns.data();
    uint64_t n = b->insns.size();
    if (n > max_insns - done) n = max_insns - done;  // stop exactly on budget
    uint64_t i = 0;
    for (; i < n; ++i) {
      in[i].fn(*this, in[i].word);
      if (exit_) [[unlikely]] {
        ++i;
        break;
      }
    }
    done += i;
    if (exit_) break;
    prev = b;
  }
  return done;
}

uint64_t Cpu::run_traced(uint64_t max_insns) {
  uint64_t done = 0;
  while (done < max_insns && !exit_) {
    Block* b = lookup_or_decode(s.pc);
    for (const DecodedInsn& in : b->insns) {
      std::fprintf(stderr, "EXEC: 0x%016llx: %08x  %s\n", (unsigned long long)s.pc, in.word,
                   disassemble(in.word, s.pc).c_str());
      in.fn(*this, in.word);
      ++done;
      if (exit_ || done == max_insns) break;
    }
  }
  return done;
}

void Cpu::invalidate_code(uint64_t pa, uint64_t len) {
  if (len == 0) return;
  const uint64_t first = pa - mem.ram_base;
  const uint64_t last = first + len - 1;
  if (first >= mem.ram_size) {
    // Code fetched from outside RAM (MMIO) is keyed only in blocks_.
    for (uint64_t p = pa & ~3ull; p < pa + len; p += 4) {
      auto it = blocks_.find(p);
      if (it != blocks_.end()) {
        fast_[(p >> 2) & (kFastSlots - 1)] = nullptr;
        dead_.push_back(std::move(it->second));
        blocks_.erase(it);
      }
    }
    ++epoch_;
    return;
  }
  for (uint64_t page = first >> kPageBits; page <= (last >> kPageBits) && page < code_page.size(); ++page) {
    if (!code_page[page]) continue;
    code_page[page] = 0;
    auto pb = page_blocks_.find(page);
    if (pb == page_blocks_.end()) continue;
    for (Block* b : pb->second) {
      auto it = blocks_.find(b->pc);
      if (it == blocks_.end() || it->second.get() != b) continue;
      fast_[(b->pc >> 2) & (kFastSlots - 1)] = nullptr;
      dead_.push_back(std::move(it->second));
      blocks_.erase(it);
    }
    page_blocks_.erase(pb);
    stats.invalidations++;
  }
  ++epoch_;
}

void Cpu::invalidate_all_code() {
  for (auto& [pc, b] : blocks_) dead_.push_back(std::move(b));
  blocks_.clear();
  page_blocks_.clear();
  std::fill(code_page.begin(), code_page.end(), 0);
  std::fill(std::begin(fast_), std::end(fast_), nullptr);
  ++epoch_;
}

void Cpu::free_dead_blocks() { dead_.clear(); }

void Cpu::note_code_store(uint64_t addr, unsigned size) { invalidate_code(addr, size); }

uint64_t Cpu::load_slow(uint64_t addr, unsigned size) {
  // Accesses that straddle the end of RAM or a device boundary are split into bytes,
  // little-endian, so that no device sees an access that is not contained in it.
  const uint64_t off = addr - mem.ram_base;
  const bool starts_in_ram = off < mem.ram_size;
  const bool aligned = (addr & (size - 1)) == 0;
  if (!starts_in_ram && aligned) return mem.read(addr, size);
  uint64_t v = 0;
  for (unsigned i = 0; i < size; ++i) v |= uint64_t(load<uint8_t>(*this, addr + i)) << (8 * i);
  return v;
}

void Cpu::store_slow(uint64_t addr, unsigned size, uint64_t value) {
  const uint64_t off = addr - mem.ram_base;
  const bool starts_in_ram = off < mem.ram_size;
  const bool aligned = (addr & (size - 1)) == 0;
  if (!starts_in_ram && aligned) {
    monitor_note_store(*this, addr, size);
    mem.write(addr, size, value);
    return;
  }
  for (unsigned i = 0; i < size; ++i) store<uint8_t>(*this, addr + i, uint8_t(value >> (8 * i)));
}

}  // namespace bramble
