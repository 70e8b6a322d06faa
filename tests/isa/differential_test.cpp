// Differential testing of tier 0 against Unicorn: the same random program from the same
// registers and memory in both; every X register, SP, PC, NZCV and the data window must
// agree afterwards. A mismatch prints the seed (rerun it alone with BRAMBLE_ISA_SEED=n),
// the program with its disassembly, and what differs.
#include <gtest/gtest.h>
#include <unicorn/unicorn.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>

#include "cpu/cpu.h"
#include "cpu/disasm.h"
#include "cpu/stored_sysregs.h"
#include "jit/jit_engine.h"
#include "tests/isa/random_program.h"
#include "tests/support/flat_memory.h"

using namespace bramble;
using namespace bramble::isa;
using a64::InsnClass;

namespace {

struct Outcome {
  uint64_t x[31];
  uint64_t sp, pc;
  uint32_t nzcv;
  uint64_t tpidr_el0;
  uint64_t v[32][2];
  uint32_t fpsr, fpcr;
  std::vector<uint8_t> data;
  uint64_t retired = 0;
  std::string error;
};

// The word after each sequence is HLT #0xb0b, which the core's hook turns into a stop:
// bramble then ends exactly where Unicorn's `until` address stops it.
constexpr uint32_t kSentinel = 0xd4400000u | (0xb0bu << 5);

class UnicornOracle {
 public:
  UnicornOracle() { reopen(); }
  ~UnicornOracle() { if (uc_) uc_close(uc_); }

  // Unicorn caches translated code by address; sequences are placed at fresh addresses
  // and the engine is rebuilt when the code span wraps around.
  void reopen() {
    if (uc_) uc_close(uc_);
    EXPECT_EQ(uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc_), UC_ERR_OK);
    uc_ctl_set_cpu_model(uc_, UC_CPU_ARM64_A53);
    EXPECT_EQ(uc_mem_map(uc_, 0, kMemSize, UC_PROT_ALL), UC_ERR_OK);
  }

  Outcome run(const Program& p, const InitialState& s) {
    Outcome o;
    std::vector<uint8_t> code(p.words.size() * 4 + 4);
    std::memcpy(code.data(), p.words.data(), code.size() - 4);
    std::memcpy(code.data() + code.size() - 4, &kSentinel, 4);  // literal loads may read it
    uc_mem_write(uc_, p.code_addr, code.data(), code.size());
    uc_mem_write(uc_, kDataBase, s.data.data(), s.data.size());
    for (int i = 0; i <= 28; ++i) uc_reg_write(uc_, UC_ARM64_REG_X0 + i, &s.x[i]);
    uc_reg_write(uc_, UC_ARM64_REG_X29, &s.x[29]);
    uc_reg_write(uc_, UC_ARM64_REG_X30, &s.x[30]);
    uc_reg_write(uc_, UC_ARM64_REG_SP, &s.sp);
    // The system registers the sequences may touch start as bramble's reset leaves them
    // (the engine is reused, so what the last sequence wrote must go): EL1h with DAIF
    // masked, the rest zero. NZCV is written after PSTATE, which includes it.
    const uint64_t pstate = 0x3c5, zero = 0;
    uc_reg_write(uc_, UC_ARM64_REG_PSTATE, &pstate);
    for (int r : {UC_ARM64_REG_TPIDRRO_EL0, UC_ARM64_REG_TPIDR_EL1, UC_ARM64_REG_SP_EL0, UC_ARM64_REG_ELR_EL1,
                  UC_ARM64_REG_FAR_EL1, UC_ARM64_REG_MAIR_EL1, UC_ARM64_REG_PAR_EL1})
      uc_reg_write(uc_, r, &zero);
    uint64_t nzcv = s.nzcv;
    uc_reg_write(uc_, UC_ARM64_REG_NZCV, &nzcv);
    for (int i = 0; i < 32; ++i) uc_reg_write(uc_, UC_ARM64_REG_Q0 + i, s.v[i]);
    uint64_t fpcr = s.fpcr, fpsr = 0;
    uc_reg_write(uc_, UC_ARM64_REG_FPCR, &fpcr);
    uc_reg_write(uc_, UC_ARM64_REG_FPSR, &fpsr);
    uc_reg_write(uc_, UC_ARM64_REG_TPIDR_EL0, &s.tpidr_el0);
    const uc_err err = uc_emu_start(uc_, p.code_addr, p.end_addr(), 0, p.words.size() + 1);
    if (err != UC_ERR_OK) o.error = std::string("unicorn: ") + uc_strerror(err);
    for (int i = 0; i <= 28; ++i) uc_reg_read(uc_, UC_ARM64_REG_X0 + i, &o.x[i]);
    uc_reg_read(uc_, UC_ARM64_REG_X29, &o.x[29]);
    uc_reg_read(uc_, UC_ARM64_REG_X30, &o.x[30]);
    uc_reg_read(uc_, UC_ARM64_REG_SP, &o.sp);
    uc_reg_read(uc_, UC_ARM64_REG_PC, &o.pc);
    uc_reg_read(uc_, UC_ARM64_REG_NZCV, &nzcv);
    o.nzcv = uint32_t(nzcv);
    uc_reg_read(uc_, UC_ARM64_REG_TPIDR_EL0, &o.tpidr_el0);
    for (int i = 0; i < 32; ++i) uc_reg_read(uc_, UC_ARM64_REG_Q0 + i, o.v[i]);
    uc_reg_read(uc_, UC_ARM64_REG_FPCR, &fpcr);
    uc_reg_read(uc_, UC_ARM64_REG_FPSR, &fpsr);
    o.fpcr = uint32_t(fpcr);
    o.fpsr = uint32_t(fpsr);
    o.data.resize(kDataSize);
    uc_mem_read(uc_, kDataBase, o.data.data(), kDataSize);
    return o;
  }

 private:
  uc_engine* uc_ = nullptr;
};


// bramble's core in one execution mode: tier 0 alone, or every block translated by the
// JIT before it runs.
class Bramble {
 public:
  explicit Bramble(bool eager) : mem_(kMemSize), cpu_(mem_, 0, &hook_) {
    if (eager) {
      jit::JitOptions o;
      o.mode = jit::JitOptions::Mode::Eager;
      std::string err;
      jit_ = jit::JitEngine::create(o, &err);
      EXPECT_TRUE(jit_) << err;
      cpu_.translator = jit_.get();
    }
  }
  ~Bramble() { cpu_.translator = nullptr; }
  const Cpu& cpu() const { return cpu_; }
  void clear_code_span() { std::memset(mem_.ram + kCodeBase, 0, kCodeSpan); }

  Outcome run(const Program& p, const InitialState& s) {
    Outcome o;
    std::memcpy(mem_.ram + p.code_addr, p.words.data(), p.words.size() * 4);
    std::memcpy(mem_.ram + p.end_addr(), &kSentinel, 4);
    std::memcpy(mem_.ram + kDataBase, s.data.data(), s.data.size());
    cpu_.reset(p.code_addr, 1);  // also drops all decoded code, so reused code slots are safe
    test::normal_memory_with_mmu_off(cpu_);
    // Unicorn 2.0.1 (QEMU 5) does not check SP alignment (SCTLR_EL1.SA, D1.8.2), and the
    // generated writebacks misalign SP freely: compare with the check off. The check
    // itself is covered by the tier-equivalence test and the spalign guest.
    cpu_.s.sctlr_el[1] &= ~uint64_t(8);
    for (int i = 0; i < 31; ++i) cpu_.s.x[i] = s.x[i];
    cpu_.s.x[31] = s.sp;
    cpu_.s.nzcv = s.nzcv;
    cpu_.s.tpidr_el0 = s.tpidr_el0;
    std::memcpy(cpu_.s.v, s.v, sizeof s.v);
    cpu_.s.fpcr = s.fpcr;
    cpu_.s.fpsr = 0;
    stored<reg::CPACR_EL1>(cpu_.s) = 3u << 20;  // FPEN: SIMD&FP untrapped, as Unicorn starts
    // Every branch goes forward, so at most one instruction per word and the sentinel run.
    o.retired = cpu_.run(p.words.size() + 1);
    if (cpu_.stop_reason() == StopReason::Halt) {
      o.retired -= 1;  // the sentinel
      o.pc = cpu_.s.pc - 4;
    } else {
      o.error = "bramble did not reach the end of the sequence: " + cpu_.stop_message();
      o.pc = cpu_.s.pc;
    }
    std::memcpy(o.x, cpu_.s.x, sizeof o.x);
    o.sp = cpu_.s.x[31];
    o.nzcv = cpu_.s.nzcv;
    o.tpidr_el0 = cpu_.s.tpidr_el0;
    std::memcpy(o.v, cpu_.s.v, sizeof o.v);
    o.fpcr = cpu_.s.fpcr;
    o.fpsr = cpu_.s.fpsr;
    o.data.assign(mem_.ram + kDataBase, mem_.ram + kDataBase + kDataSize);
    return o;
  }

 private:
  test::FlatMemory mem_;
  test::StopOnHlt hook_{0xb0b};
  std::unique_ptr<jit::JitEngine> jit_;  // outlives the core's blocks (declared first)
  Cpu cpu_;
};

std::string describe(const Program& p) {
  std::ostringstream os;
  for (size_t i = 0; i < p.words.size(); ++i) {
    char buf[160];
    const a64::InsnId id = a64::decode(p.words[i]);
    std::snprintf(buf, sizeof buf, "  %08llx: %08x  %-14s %s\n", (unsigned long long)(p.code_addr + 4 * i),
                  p.words[i], std::string(a64::entry(id).name).c_str(),
                  disassemble(p.words[i], p.code_addr + 4 * i).c_str());
    os << buf;
  }
  return os.str();
}

std::string compare(const Outcome& a, const Outcome& b) {
  std::ostringstream os;
  if (!a.error.empty() || !b.error.empty()) os << "  errors: bramble '" << a.error << "' unicorn '" << b.error << "'\n";
  for (int i = 0; i < 31; ++i)
    if (a.x[i] != b.x[i]) os << "  x" << i << ": bramble " << std::hex << a.x[i] << " unicorn " << b.x[i] << std::dec << "\n";
  if (a.sp != b.sp) os << "  sp: bramble " << std::hex << a.sp << " unicorn " << b.sp << std::dec << "\n";
  if (a.pc != b.pc) os << "  pc: bramble " << std::hex << a.pc << " unicorn " << b.pc << std::dec << "\n";
  if (a.tpidr_el0 != b.tpidr_el0)
    os << "  tpidr_el0: bramble " << std::hex << a.tpidr_el0 << " unicorn " << b.tpidr_el0 << std::dec << "\n";
  for (int i = 0; i < 32; ++i)
    if (a.v[i][0] != b.v[i][0] || a.v[i][1] != b.v[i][1])
      os << "  v" << i << ": bramble " << std::hex << a.v[i][1] << ":" << a.v[i][0] << " unicorn " << b.v[i][1] << ":"
         << b.v[i][0] << std::dec << "\n";
  if (a.fpsr != b.fpsr) os << "  fpsr: bramble " << std::hex << a.fpsr << " unicorn " << b.fpsr << std::dec << "\n";
  if (a.fpcr != b.fpcr) os << "  fpcr: bramble " << std::hex << a.fpcr << " unicorn " << b.fpcr << std::dec << "\n";
  if (a.nzcv != b.nzcv) os << "  nzcv: bramble " << std::hex << a.nzcv << " unicorn " << b.nzcv << std::dec << "\n";
  for (size_t i = 0; i < a.data.size(); ++i) {
    if (a.data[i] != b.data[i]) {
      os << "  memory at " << std::hex << (kDataBase + i) << ": bramble " << int(a.data[i]) << " unicorn "
         << int(b.data[i]) << std::dec << " (first difference)\n";
      break;
    }
  }
  return os.str();
}

struct Suite {
  const char* name;
  std::vector<InsnClass> classes;
  unsigned sequences = 2500;
  unsigned length = 24;
  // Only the lines this matches (null: every implemented line of the classes).
  const char* lines = nullptr;
  // FPCR = 0 and plain operands (ProgramGenerator's ordinary_fp).
  bool ordinary_fp = false;
};

// Runs `sequences` programs of `length` instructions for one group of classes.
void run_suite(const Suite& suite, bool eager, uint64_t base_seed, unsigned sequences, unsigned length,
               uint64_t* total_retired) {
  UnicornOracle uc;
  Bramble t0(eager);
  std::map<std::string, uint64_t> per_line;
  const char* only = std::getenv("BRAMBLE_ISA_SEED");
  unsigned failures = 0;
  const uint64_t slots = kCodeSpan / (4 * length + 64);
  for (unsigned k = 0; k < sequences; ++k) {
    const uint64_t seed = base_seed + k;
    if (only && std::strtoull(only, nullptr, 0) != seed) continue;
    if (k > 0 && k % slots == 0) {
      // Unicorn's new engine starts from zeroed memory; literal loads may read old code
      // slots, so bramble's copy is cleared too.
      uc.reopen();
      t0.clear_code_span();
    }
    ProgramGenerator gen(seed, suite.classes, suite.lines, suite.ordinary_fp);
    ASSERT_FALSE(gen.candidates().empty()) << suite.name;
    const Program p = gen.program(kCodeBase + (k % slots) * (4 * length + 64), length);
    const InitialState s = gen.initial_state(p.end_addr());
    const Outcome ours = t0.run(p, s);
    const Outcome ref = uc.run(p, s);
    const std::string diff = compare(ours, ref);
    if (!diff.empty()) {
      ADD_FAILURE() << suite.name << ": mismatch with seed " << seed << " (BRAMBLE_ISA_SEED=" << seed << ")\n"
                    << describe(p) << diff;
      if (++failures >= 5) return;
    }
    *total_retired += ours.retired;
    for (uint32_t w : p.words) per_line[std::string(a64::entry(a64::decode(w)).name)]++;
  }
  if (eager) {
    // The translated code must really have run them, not tier 0 behind its back.
    EXPECT_EQ(t0.cpu().stats.insns_tier0, 0u) << suite.name;
    EXPECT_GT(t0.cpu().stats.insns_tier1, 0u) << suite.name;
  }
  if (!only) {
    // Every candidate line must have been drawn: otherwise the suite tests less than it claims.
    ProgramGenerator gen(base_seed, suite.classes, suite.lines);
    for (const a64::Entry* e : gen.candidates())
      EXPECT_GT(per_line[std::string(e->name)], 0u) << suite.name << ": " << e->name << " never generated";
  }
}

const Suite kSuites[] = {
    {"data_processing_imm", {InsnClass::PcRel, InsnClass::AddSubImm, InsnClass::LogicalImm, InsnClass::MoveWide,
                             InsnClass::Bitfield, InsnClass::Extract}},
    {"data_processing_reg", {InsnClass::LogicalReg, InsnClass::AddSubShifted, InsnClass::AddSubExtended,
                             InsnClass::AddSubCarry, InsnClass::CondCompareReg, InsnClass::CondCompareImm,
                             InsnClass::CondSelect, InsnClass::DataProc1, InsnClass::DataProc2,
                             InsnClass::DataProc3}},
    {"branches_system", {InsnClass::CondBranch, InsnClass::BranchImm, InsnClass::BranchReg, InsnClass::CompareBranch,
                         InsnClass::TestBranch, InsnClass::Hint, InsnClass::Barrier, InsnClass::SysReg,
                         InsnClass::PState, InsnClass::SysInstr, InsnClass::AddSubImm, InsnClass::LogicalReg}},
    {"loads_stores", {InsnClass::LdStExclusive, InsnClass::LdStOrdered, InsnClass::LdStLiteral, InsnClass::LdStPair,
                      InsnClass::LdStUnscaled, InsnClass::LdStImmPost, InsnClass::LdStImmPre, InsnClass::LdStUnpriv,
                      InsnClass::LdStRegOffset, InsnClass::LdStUnsignedImm}},
    {"mixed", {InsnClass::PcRel, InsnClass::AddSubImm, InsnClass::LogicalImm, InsnClass::MoveWide, InsnClass::Bitfield,
               InsnClass::Extract, InsnClass::LogicalReg, InsnClass::AddSubShifted, InsnClass::AddSubExtended,
               InsnClass::AddSubCarry, InsnClass::CondCompareReg, InsnClass::CondCompareImm, InsnClass::CondSelect,
               InsnClass::DataProc1, InsnClass::DataProc2, InsnClass::DataProc3, InsnClass::CondBranch,
               InsnClass::CompareBranch, InsnClass::TestBranch, InsnClass::LdStPair, InsnClass::LdStUnsignedImm,
               InsnClass::LdStRegOffset, InsnClass::LdStExclusive}},
    // FP/SIMD: 8,500 x 24 = 204,000 instructions per tier, every one of them SIMD&FP.
    {"fp_simd", {InsnClass::FpSimd, InsnClass::SimdLdSt, InsnClass::SimdLdStStruct}, 8500},
    // The FP operations the JIT runs on the host (jit/emit_fp_simd.cpp), where that path is
    // taken: default FPCR, ordinary operands, FPSR clear, and sequences of three, so that
    // FPSR.IXC (cumulative) still tells each operation's Inexact apart. 4,000 x 3.
    {"fp_host_path", {InsnClass::FpSimd}, 4000, 3,
     "^(F(ADD|SUB|MUL|DIV|MLA|MLS)_vector|F(ADD|SUB|MUL|DIV|SQRT)_scalar|FN?M(ADD|SUB)|F(MUL|MLA|MLS)_elem)$", true},
};

// The integer suites: 5 x 2,500 sequences x 24 instructions, 300,000 generated, about
// 250,000 retired (forward branches skip some).

// Parameter: suite index, and the tier (false: tier 0, true: --jit eager).
class Differential : public ::testing::TestWithParam<std::tuple<int, bool>> {};

TEST_P(Differential, MatchesUnicorn) {
  const auto [index, eager] = GetParam();
  const Suite& s = kSuites[index];
  uint64_t retired = 0;
  run_suite(s, eager, 1000000ull * (index + 1), s.sequences, s.length, &retired);
  std::printf("[ %s, %s ] %llu instructions retired and compared\n", s.name, eager ? "jit eager" : "tier 0",
              (unsigned long long)retired);
}

INSTANTIATE_TEST_SUITE_P(Isa, Differential,
                         ::testing::Combine(::testing::Range(0, int(std::size(kSuites))), ::testing::Bool()),
                         [](const auto& info) {
                           return std::string(kSuites[std::get<0>(info.param)].name) +
                                  (std::get<1>(info.param) ? "_jit_eager" : "_jit_off");
                         });

}  // namespace
