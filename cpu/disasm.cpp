#include "cpu/disasm.h"

#include <capstone/capstone.h>

namespace bramble {
namespace {

// One Capstone handle per thread: cs_disasm is not safe to share across threads.
csh handle() {
  thread_local struct Handle {
    csh h = 0;
    bool ok = false;
    Handle() { ok = cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &h) == CS_ERR_OK; }
    ~Handle() { if (ok) cs_close(&h); }
  } hd;
  return hd.ok ? hd.h : 0;
}

bool run(uint32_t word, uint64_t pc, std::string* mnem, std::string* ops) {
  csh h = handle();
  if (!h) return false;
  uint8_t bytes[4] = {uint8_t(word), uint8_t(word >> 8), uint8_t(word >> 16), uint8_t(word >> 24)};
  cs_insn* insn = nullptr;
  size_t n = cs_disasm(h, bytes, 4, pc, 1, &insn);
  if (n == 0) return false;
  *mnem = insn[0].mnemonic;
  *ops = insn[0].op_str;
  cs_free(insn, n);
  return true;
}

}  // namespace

std::string disassemble(uint32_t word, uint64_t pc) {
  std::string m, o;
  if (!run(word, pc, &m, &o)) return "<undecodable>";
  return o.empty() ? m : m + " " + o;
}

std::string disassemble_mnemonic(uint32_t word, uint64_t pc) {
  std::string m, o;
  return run(word, pc, &m, &o) ? m : std::string();
}

}  // namespace bramble
