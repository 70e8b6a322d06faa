// Decodes a 32-bit A64 word to its encoding-table entry.
#pragma once

#include <cstdint>
#include <span>

#include "cpu/a64/encoding.h"

namespace bramble::a64 {

// Every named line of a64.inc, indexed by InsnId.
std::span<const Entry> named_entries();
// The UNALLOCATED carve-out lines of a64.inc.
std::span<const Entry> unallocated_entries();

const Entry& entry(InsnId id);

// The entry with the most fixed bits among those matching word, or UNALLOCATED.
InsnId decode(uint32_t word);

}  // namespace bramble::a64
