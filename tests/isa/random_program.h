// Random instruction sequences generated from the encoding table, constrained so that
// they run the same way on any correct AArch64 implementation: memory operands address
// a known data window, branches go forward inside the sequence, and no instruction is
// CONSTRAINED UNPREDICTABLE.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "cpu/a64/decoder.h"

namespace bramble::isa {

// The shared memory layout of a differential run.
inline constexpr uint64_t kMemSize = 8ull << 20;
inline constexpr uint64_t kCodeBase = 0x200000;    // sequences are placed from here on
inline constexpr uint64_t kCodeSpan = 0x100000;    // ... within this span
inline constexpr uint64_t kDataBase = 0x400000;    // the data window compared afterwards
inline constexpr uint64_t kDataSize = 0x40000;
// Ordinary accesses stay within +-64 KiB of kPointerBase; exclusives and ordered accesses
// have areas of their own, so that no ordinary store lands on a tagged address between a
// load-exclusive and its store-exclusive (whether that clears the monitor is
// IMPLEMENTATION DEFINED, B2.9.2), and no store-release does either.
inline constexpr uint64_t kPointerBase = kDataBase + 0x10000;
inline constexpr uint64_t kExclusiveBase = kDataBase + 0x30000;
inline constexpr uint64_t kOrderedBase = kDataBase + 0x38000;

// Registers with a fixed role, never written by generated instructions.
inline constexpr unsigned kPtrRegs[] = {20, 21, 22, 23};  // base addresses inside the window
inline constexpr unsigned kIndexRegs[] = {24, 25};        // small index values (0..255)
inline constexpr unsigned kExitReg = 26;                  // the address just past the sequence
inline constexpr unsigned kExclusivePtrReg = 27;          // 16-byte aligned, for exclusives
inline constexpr unsigned kOrderedPtrReg = 28;            // 16-byte aligned, for LDAR/STLR

struct Program {
  uint64_t code_addr = 0;
  std::vector<uint32_t> words;
  uint64_t end_addr() const { return code_addr + 4 * words.size(); }
};

struct InitialState {
  uint64_t x[31];
  uint64_t sp;
  uint32_t nzcv;
  uint64_t tpidr_el0;
  uint64_t v[32][2];  // SIMD&FP registers, low half first
  uint32_t fpcr;      // RMode, FZ, DN, AHP
  std::vector<uint8_t> data;  // kDataSize bytes for the window
};

class ProgramGenerator {
 public:
  // classes: the instruction classes to draw from (every implemented named line of each).
  // only_lines: a regular expression on line names that restricts the draw (null: all).
  // ordinary_fp: FPCR = 0 and FP operands mostly plain normal numbers — the state where
  // the JIT computes FP on the host, whose flags then decide FPSR.
  ProgramGenerator(uint64_t seed, std::vector<a64::InsnClass> classes, const char* only_lines = nullptr,
                   bool ordinary_fp = false);

  Program program(uint64_t code_addr, unsigned length);
  InitialState initial_state(uint64_t end_addr);

  // Candidate lines, for coverage reports.
  const std::vector<const a64::Entry*>& candidates() const { return candidates_; }

 private:
  bool make(const a64::Entry& e, unsigned index, unsigned length, uint32_t* word);
  uint64_t interesting_value();
  // A value of the given width (16, 32 or 64) biased to FP special cases: zeros,
  // infinities, quiet and signalling NaNs with payloads, denormals, extreme normals,
  // values next to rounding and integer-conversion boundaries.
  uint64_t fp_value(unsigned bits);
  const bool ordinary_fp_;

  std::mt19937_64 rng_;
  std::vector<const a64::Entry*> candidates_;
  // All exclusives of one program access the same size (0..3 = 1..8 bytes, 4/5 = a pair
  // of words/doublewords): mixing sizes is CONSTRAINED UNPREDICTABLE (K1.2.x).
  unsigned exclusive_flavor_ = 0;
};

}  // namespace bramble::isa
