// Tier-0 instruction handlers: exec_<NAME> for each line NAME of a64.inc that tier 0
// implements. Each handler executes one instruction and leaves s.pc at the next one.
#pragma once

#include <cstdint>

#include "cpu/cpu.h"

namespace bramble::interp {

// handler_table.cpp sees these declared weak, so that a table line without semantics yet
// leaves a null slot (the dispatcher then stops with "not implemented") instead of a
// link error. Because nothing else refers to the handlers, the cpu library is linked
// whole (see CMakeLists.txt).
#ifdef BRAMBLE_WEAK_HANDLERS
#define BRAMBLE_HANDLER_ATTR __attribute__((weak))
#else
#define BRAMBLE_HANDLER_ATTR
#endif
#define A64(name, mnem, cls, pat) void exec_##name(Cpu&, uint32_t) BRAMBLE_HANDLER_ATTR;
#define A64_UNALLOC(pat, why)
#include "cpu/a64/a64.inc"
#undef A64
#undef A64_UNALLOC
#undef BRAMBLE_HANDLER_ATTR

}  // namespace bramble::interp
