// Disassembly of single A64 words through Capstone, for traces and error messages.
#pragma once

#include <cstdint>
#include <string>

namespace bramble {

// "mnemonic operands", or "<undecodable>" when Capstone does not know the word.
std::string disassemble(uint32_t word, uint64_t pc);
// Just the mnemonic ("" when undecodable).
std::string disassemble_mnemonic(uint32_t word, uint64_t pc);

}  // namespace bramble
