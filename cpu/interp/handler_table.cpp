#define BRAMBLE_WEAK_HANDLERS
#include "cpu/a64/encoding.h"
#include "cpu/interp/handlers.h"

namespace bramble {

namespace {
const ExecFn kHandlers[] = {
#define A64(name, mnem, cls, pat) &interp::exec_##name,
#define A64_UNALLOC(pat, why)
#include "cpu/a64/a64.inc"
#undef A64
#undef A64_UNALLOC
};
static_assert(std::size(kHandlers) == size_t(a64::kNumInsns));
}  // namespace

ExecFn tier0_handler(uint16_t insn_id) {
  return insn_id < a64::kNumInsns ? kHandlers[insn_id] : nullptr;
}

}  // namespace bramble
