#include "jit/jit_engine.h"

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Transforms/InstCombine/InstCombine.h>
#include <llvm/Transforms/Scalar/DeadStoreElimination.h>
#include <llvm/Transforms/Scalar/EarlyCSE.h>
#include <llvm/Transforms/Scalar/SROA.h>
#include <llvm/Transforms/Scalar/SimplifyCFG.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <mutex>

#include "cpu/disasm.h"

namespace bramble::jit {

namespace {
std::once_flag g_llvm_init;

std::string to_string(llvm::Error e) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << e;
  return os.str();
}

// The optimisation applied to each module before code generation: SROA turns the
// register allocas into SSA values (with phis at a self-loop's head), EarlyCSE (with
// MemorySSA) drops redundant loads, InstCombine folds flag packing and unpacking, DSE
// drops write-backs that a later one overwrites, SimplifyCFG merges the fast/slow memory
// paths' joins. Chosen by
// measurement (bench/RESULTS.md): the O1 module pipeline cost about 2.4 ms per block.
void optimise(llvm::Module& m) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb;
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::FunctionPassManager fpm;
  fpm.addPass(llvm::SROAPass(llvm::SROAOptions::ModifyCFG));  // register allocas -> SSA
  fpm.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/true));
  fpm.addPass(llvm::InstCombinePass());
  fpm.addPass(llvm::DSEPass());
  fpm.addPass(llvm::SimplifyCFGPass());
  fpm.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/true));
  llvm::ModulePassManager mpm;
  mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(fpm)));
  mpm.run(m, mam);
}

struct CodeHandle {
  std::shared_ptr<llvm::orc::LLJIT> jit;
  llvm::orc::ResourceTrackerSP rt;
  ~CodeHandle() {
    if (rt) llvm::consumeError(rt->remove());
  }
};
}  // namespace

std::unique_ptr<JitEngine> JitEngine::create(const JitOptions& opts, std::string* error) {
  std::call_once(g_llvm_init, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) {
    *error = "the JIT cannot target this host: " + to_string(jtmb.takeError());
    return nullptr;
  }
  // Eager mode translates everything, cold code included, so it wants cheap compiles: the
  // fast instruction selector (~2.6x quicker here). Hot code in mode On is compiled off the
  // guest's thread, where the better code of the optimising selector pays (measured:
  // compute guest 0.17 s vs 0.12 s of translated-code time).
  jtmb->setCodeGenOptLevel(opts.mode == JitOptions::Mode::Eager ? llvm::CodeGenOptLevel::None
                                                                  : llvm::CodeGenOptLevel::Default);
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*jtmb)).create();
  if (!jit) {
    *error = "LLVM's JIT could not start: " + to_string(jit.takeError());
    return nullptr;
  }
  std::unique_ptr<JitEngine> e(new JitEngine(opts));
  e->lljit_ = std::shared_ptr<llvm::orc::LLJIT>(std::move(*jit));
  e->hot_threshold = opts.mode == JitOptions::Mode::On ? opts.threshold : 0;
  if (opts.mode == JitOptions::Mode::On) e->thread_ = std::thread([p = e.get()] { p->worker(); });
  return e;
}

JitEngine::JitEngine(const JitOptions& opts) : opts_(opts) {}

JitEngine::~JitEngine() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    quit_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

MachineImage JitEngine::machine_of(Cpu& cpu) const {
  return MachineImage{cpu.mem.ram, cpu.mem.ram_base, cpu.mem.ram_size, cpu.store_watch.data(), cpu.fast_tlb.get(),
                      opts_.count_chains};
}

BlockImage JitEngine::image_of(const Block& b) const {
  BlockImage img;
  img.pc = b.pc;
  img.mode = b.mode;
  img.serial = b.serial;
  img.block = &b;
  img.exit_slots = const_cast<JitFn*>(b.jit_exit);
  for (const DecodedInsn& in : b.insns) {
    img.words.push_back(in.word);
    img.handlers.push_back(in.fn);
  }
  return img;
}

bool JitEngine::compile(const MachineImage& mach, const std::vector<Region>& regions, Unit* out) {
  const auto t0 = std::chrono::steady_clock::now();
  const uint64_t unit_id = unit_counter_++;
  auto ctx = std::make_unique<llvm::LLVMContext>();
  auto mod = std::make_unique<llvm::Module>("unit" + std::to_string(unit_id), *ctx);
  mod->setDataLayout(lljit_->getDataLayout());
  mod->setTargetTriple(lljit_->getTargetTriple().str());
  std::vector<std::string> names;
  std::vector<const BlockImage*> blocks;  // every member of every region, for dumps and stats
  for (const Region& r : regions) {
    names.push_back("r" + std::to_string(r[0].serial));
    std::vector<const BlockImage*> members;
    for (const BlockImage& b : r) {
      members.push_back(&b);
      blocks.push_back(&b);
    }
    IrEmitter(*mod, mach, members, names.back()).emit();
  }
  std::string verify_msg;
  llvm::raw_string_ostream vos(verify_msg);
  if (opts_.inject_failure) vos << "failure injected for testing";
  if (opts_.inject_failure || llvm::verifyModule(*mod, &vos)) {
    std::fprintf(stderr, "bramble: jit: internal error, invalid IR for the block at 0x%llx; it stays in tier 0: %s\n",
                 (unsigned long long)blocks[0]->pc, vos.str().c_str());
    return false;
  }
  const std::string base = opts_.dump_dir.empty() ? "" : opts_.dump_dir + "/unit" + std::to_string(unit_id);
  if (!base.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream before(base + ".before.ll", ec);
    if (!ec) mod->print(before, nullptr);
    std::ofstream guest(base + ".guest.txt");
    for (const Region& r : regions) {
      guest << "region r" << r[0].serial << "\n";
      for (const BlockImage& blk : r) {
        guest << " block b" << blk.serial << " at 0x" << std::hex << blk.pc << std::dec << "\n";
        for (size_t i = 0; i < blk.words.size(); ++i) {
          char line[160];
          std::snprintf(line, sizeof line, "  0x%016llx: %08x  %s\n", (unsigned long long)(blk.pc + 4 * i),
                        blk.words[i], disassemble(blk.words[i], blk.pc + 4 * i).c_str());
          guest << line;
        }
      }
    }
  }
  optimise(*mod);
  if (!base.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream after(base + ".after.ll", ec);
    if (!ec) mod->print(after, nullptr);
  }

  auto rt = lljit_->getMainJITDylib().createResourceTracker();
  if (auto err = lljit_->addIRModule(rt, llvm::orc::ThreadSafeModule(std::move(mod), std::move(ctx)))) {
    std::fprintf(stderr, "bramble: jit: LLVM refused a module; its blocks stay in tier 0: %s\n", to_string(std::move(err)).c_str());
    return false;
  }
  out->blocks.clear();
  for (size_t i = 0; i < regions.size(); ++i) {
    auto sym = lljit_->lookup(names[i]);
    if (!sym) {
      std::fprintf(stderr, "bramble: jit: code generation failed; the blocks stay in tier 0: %s\n",
                   to_string(sym.takeError()).c_str());
      llvm::consumeError(rt->remove());
      return false;
    }
    Compiled c{{}, sym->toPtr<JitFn>()};
    for (const BlockImage& b : regions[i]) c.members.emplace_back(b.pc, b.serial);
    out->blocks.push_back(std::move(c));
  }
  auto handle = std::make_shared<CodeHandle>();
  handle->jit = lljit_;
  handle->rt = rt;
  out->code = handle;

  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  uint64_t insns = 0;
  for (const BlockImage* blk : blocks) insns += blk->words.size();
  {
    std::lock_guard<std::mutex> lk(mu_);
    stats_.units++;
    stats_.blocks += blocks.size();
    stats_.insns += insns;
    stats_.compile_seconds += secs;
  }
  if (opts_.trace)
    std::fprintf(stderr, "jit: unit %llu: %zu regions, %zu blocks, %llu instructions from 0x%llx, %.2f ms (%.1f us/insn)\n",
                 (unsigned long long)unit_id, regions.size(), blocks.size(), (unsigned long long)insns,
                 (unsigned long long)blocks[0]->pc, secs * 1e3, insns ? secs * 1e6 / double(insns) : 0.0);
  return true;
}

void JitEngine::install(Cpu& cpu, Unit& unit) {
  for (const Compiled& c : unit.blocks) {
    // Every member must still be the code that was translated.
    std::vector<Block*> live;
    for (const auto& [pc, serial] : c.members) live.push_back(cpu.live_block(pc, serial));
    for (size_t i = 1; i < live.size(); ++i)
      if (live[i]) live[i]->awaiting_region = false;
    Block* head = live[0];
    if (!c.fn) continue;  // LLVM failed on it: the head stays in tier 0 (jit_requested)
    if (std::find(live.begin(), live.end(), nullptr) != live.end()) {
      stats_.dropped++;
      if (head) head->jit_requested = false;
      continue;
    }
    head->jit = c.fn;
    head->jit_code = unit.code;
    if (live.size() > 1) stats_.loop_regions++;
    for (size_t i = 1; i < live.size(); ++i) live[i]->in_regions.push_back(c.members[0]);
  }
}

JitEngine::Region JitEngine::region_from(Cpu& cpu, Block& head) const {
  // Forward along static edges, within the page, through blocks that have run.
  std::vector<Block*> seen{&head};
  std::vector<std::vector<size_t>> edges;
  for (size_t i = 0; i < seen.size(); ++i) {
    edges.emplace_back();
    uint64_t next[2];
    const int n = Cpu::static_successors(*seen[i], next);
    for (int k = 0; k < n; ++k) {
      if ((next[k] >> 12) != (head.pc >> 12)) continue;
      Block* b = cpu.find_block(next[k]);
      if (!b || b->exec_count == 0) continue;
      auto it = std::find(seen.begin(), seen.end(), b);
      if (it == seen.end()) {
        if (seen.size() == kMaxHotRegionBlocks) continue;
        seen.push_back(b);
        it = seen.end() - 1;
      }
      edges[i].push_back(size_t(it - seen.begin()));
    }
  }
  // Members: the blocks from which the head can be reached again, i.e. the loops through
  // the head. Anything else would only duplicate code that runs once per entry.
  std::vector<bool> loops_back(seen.size(), false);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < seen.size(); ++i) {
      if (loops_back[i]) continue;
      for (size_t j : edges[i])
        if (j == 0 || loops_back[j]) {
          loops_back[i] = changed = true;
          break;
        }
    }
  }
  Region r{image_of(head)};
  if (!loops_back[0]) return r;  // not a loop head: the block alone
  for (size_t i = 1; i < seen.size(); ++i)
    if (loops_back[i]) r.push_back(image_of(*seen[i]));
  return r;
}

// Eager mode translates a block before it first runs. One LLVM module per block would
// cost ~2 ms each in fixed code-generation overhead, so the blocks reachable from it
// along static edges are decoded ahead and the whole region is compiled as one unit.
// Discovery stays within the first block's page: decoding ahead into another page could
// mark a data page as holding code, and every store to it would then drop translations.
void JitEngine::block_decoded(Cpu& cpu, Block& b) {
  if (opts_.mode != JitOptions::Mode::Eager) return;
  b.jit_requested = true;
  region_.push_back(&b);
  if (discovering_) return;
  discovering_ = true;
  const uint64_t page = b.pc >> 12;
  for (size_t i = 0; i < region_.size() && region_.size() < kMaxRegionBlocks; ++i) {
    uint64_t next[2];
    const int n = Cpu::static_successors(*region_[i], next);
    for (int k = 0; k < n && region_.size() < kMaxRegionBlocks; ++k)
      if ((next[k] >> 12) == page && !cpu.find_block(next[k])) cpu.prepare_block(next[k]);
  }
  discovering_ = false;
  std::vector<Region> regions;  // one block each: a region would duplicate its members' code
  for (Block* r : region_) regions.push_back({image_of(*r)});
  region_.clear();
  Unit unit;
  if (compile(machine_of(cpu), regions, &unit)) install(cpu, unit);
  else stats_.failures += regions.size();
}

void JitEngine::block_hot(Cpu& cpu, Block& b) {
  if (opts_.mode != JitOptions::Mode::On || b.jit_requested) return;
  if (b.awaiting_region) {
    b.exec_count = 0;
    return;
  }
  b.jit_requested = true;
  Region r = region_from(cpu, b);
  // The loop's other blocks are in this translation already: while it is being made,
  // they are not translated on their own (block_hot lets them count again). Once it is
  // installed, one that still gets hot is entered from outside the loop, and is.
  for (size_t i = 1; i < r.size(); ++i) const_cast<Block*>(r[i].block)->awaiting_region = true;
  {
    std::lock_guard<std::mutex> lk(mu_);
    queue_.emplace_back(machine_of(cpu), std::move(r));
  }
  cv_.notify_one();
}

void JitEngine::poll(Cpu& cpu) {
  std::vector<Unit> ready;
  {
    std::lock_guard<std::mutex> lk(mu_);
    results_ready.store(false, std::memory_order_relaxed);
    if (done_.empty()) return;
    ready.swap(done_);
  }
  for (Unit& u : ready) install(cpu, u);
}

void JitEngine::drain(Cpu& cpu) {
  std::unique_lock<std::mutex> lk(mu_);
  idle_cv_.wait(lk, [&] { return queue_.empty() && !busy_; });
  lk.unlock();
  poll(cpu);
}

void JitEngine::worker() {
  for (;;) {
    std::vector<Region> batch;
    MachineImage mach;
    {
      std::unique_lock<std::mutex> lk(mu_);
      cv_.wait(lk, [&] { return quit_ || !queue_.empty(); });
      if (quit_) return;
      mach = queue_.front().first;
      while (!queue_.empty() && batch.size() < opts_.batch && queue_.front().first.store_watch == mach.store_watch) {
        batch.push_back(std::move(queue_.front().second));
        queue_.pop_front();
      }
      busy_ = true;
    }
    Unit unit;
    const bool ok = compile(mach, batch, &unit);
    {
      std::lock_guard<std::mutex> lk(mu_);
      if (!ok) {
        // Hand the regions back without code: install() then lets the members of a failed
        // loop region be translated on their own (their heads stay in tier 0).
        stats_.failures += batch.size();
        unit = Unit{};
        for (const Region& r : batch) {
          Compiled c{{}, nullptr};
          for (const BlockImage& b : r) c.members.emplace_back(b.pc, b.serial);
          unit.blocks.push_back(std::move(c));
        }
      }
      done_.push_back(std::move(unit));
      results_ready.store(true, std::memory_order_relaxed);
      busy_ = false;
    }
    idle_cv_.notify_all();
  }
}

JitEngine::Stats JitEngine::stats() const {
  std::lock_guard<std::mutex> lk(mu_);
  return stats_;
}

void JitEngine::print_stats(std::FILE* out, const Cpu& cpu) const {
  const Stats s = stats();
  const auto& c = cpu.stats;
  std::fprintf(out, "stats: jit: %llu blocks (%llu instructions) in %llu units, %.3f s compiling (%.1f us/insn), "
               "%llu failed, %llu dropped before install\n",
               (unsigned long long)s.blocks, (unsigned long long)s.insns, (unsigned long long)s.units, s.compile_seconds,
               s.insns ? s.compile_seconds * 1e6 / double(s.insns) : 0.0, (unsigned long long)s.failures,
               (unsigned long long)s.dropped);
  const uint64_t chained = cpu.ctl.chained;
  std::fprintf(out, "stats: jit: %llu loop regions of several blocks, %llu exit slots linked; transfers between "
               "translations: %llu chained, %llu through the dispatcher (chain hit rate %.1f%%)\n",
               (unsigned long long)s.loop_regions, (unsigned long long)c.chain_links, (unsigned long long)chained,
               (unsigned long long)c.jit_entries,
               chained + c.jit_entries ? 100.0 * double(chained) / double(chained + c.jit_entries) : 0.0);
}

}  // namespace bramble::jit
