#include "jit/runtime.h"

#include "cpu/exceptions.h"
#include "cpu/memory_access.h"

namespace bramble::jit {

extern "C" {

uint64_t bramble_jit_load_slow(Cpu* c, uint64_t addr, uint32_t size) {
  switch (size) {
    case 1: return load<uint8_t>(*c, addr);
    case 2: return load<uint16_t>(*c, addr);
    case 4: return load<uint32_t>(*c, addr);
    default: return load<uint64_t>(*c, addr);
  }
}

void bramble_jit_store_slow(Cpu* c, uint64_t addr, uint32_t size, uint64_t value) {
  switch (size) {
    case 1: store<uint8_t>(*c, addr, uint8_t(value)); break;
    case 2: store<uint16_t>(*c, addr, uint16_t(value)); break;
    case 4: store<uint32_t>(*c, addr, uint32_t(value)); break;
    default: store<uint64_t>(*c, addr, value); break;
  }
}

void bramble_jit_sp_alignment_fault(Cpu* c) { sp_alignment_fault(*c); }

JitFn bramble_jit_lookup(Cpu* c, uint64_t pc) {
  const Block* b = c->find_block(pc);
  return b ? b->jit : nullptr;
}

}  // extern "C"

}  // namespace bramble::jit
