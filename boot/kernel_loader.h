// Puts a guest program into RAM the way the Pi firmware would: an arm64 Linux Image
// (kernel8.img) honouring its header, an ELF by its program headers, or a raw binary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bramble {

class Bus;

struct LoadedKernel {
  enum class Kind { LinuxImage, Elf, Raw } kind;
  uint64_t entry = 0;
  uint64_t load_begin = 0, load_end = 0;  // the physical range written
};

inline constexpr uint64_t kRawLoadAddress = 0x80000;     // the firmware's kernel_address for arm64
inline constexpr uint64_t kImageDefaultBase = 0x200000;  // 2 MiB-aligned base for text_offset = 0

// Loads the file's bytes (already read) into bus RAM. On failure returns nullopt and sets
// *error to one line naming what is wrong with the file.
std::optional<LoadedKernel> load_kernel(Bus& bus, const std::vector<uint8_t>& file, std::string* error);

// Reads a whole file; on failure sets *error ("cannot read 'x': reason").
std::optional<std::vector<uint8_t>> read_file(const std::string& path, std::string* error);

}  // namespace bramble
