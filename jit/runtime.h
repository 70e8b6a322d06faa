// Functions that translated code calls: the slow paths of guest memory access and the
// lookup behind indirect branches. Plain C ABI so the IR can call them by address.
#pragma once

#include <cstdint>

#include "cpu/cpu.h"

namespace bramble::jit {

extern "C" {
uint64_t bramble_jit_load_slow(Cpu* c, uint64_t addr, uint32_t size);
void bramble_jit_store_slow(Cpu* c, uint64_t addr, uint32_t size, uint64_t value);
// The translation of the live block at pc in the current mode, or null.
JitFn bramble_jit_lookup(Cpu* c, uint64_t pc);
// Takes the SP alignment fault for the instruction at c->s.pc.
void bramble_jit_sp_alignment_fault(Cpu* c);
}

}  // namespace bramble::jit
