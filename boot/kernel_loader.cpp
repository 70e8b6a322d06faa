#include "boot/kernel_loader.h"

#include <elf.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

#include "machine/bus.h"

namespace bramble {

namespace {

template <typename T>
T get(const std::vector<uint8_t>& f, uint64_t off) {
  T v;
  std::memcpy(&v, f.data() + off, sizeof v);
  return v;
}

std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", (unsigned long long)v);
  return b;
}

// The arm64 Image header (Documentation/arch/arm64/booting.rst): code0/code1, then
// text_offset at 8, image_size at 16, flags at 24, and the magic "ARM\x64" at 56.
constexpr uint32_t kImageMagic = 0x644d5241;
constexpr size_t kImageHeaderSize = 64;

std::optional<LoadedKernel> load_image(Bus& bus, const std::vector<uint8_t>& f, std::string* error) {
  const uint64_t text_offset = get<uint64_t>(f, 8);
  const uint64_t image_size = get<uint64_t>(f, 16);
  const uint64_t flags = get<uint64_t>(f, 24);
  if (flags & 1) {
    *error = "the Image header says the kernel is big-endian; bramble runs little-endian guests only";
    return std::nullopt;
  }
  const uint64_t base = text_offset ? text_offset : kImageDefaultBase;
  // image_size covers the kernel's BSS too; 0 means an old kernel that does not say.
  const uint64_t span = std::max<uint64_t>(image_size, f.size());
  if (!bus.in_ram(base, span)) {
    *error = "the kernel needs " + hex(span) + " bytes at " + hex(base) + ", which do not fit in RAM; give more --memory";
    return std::nullopt;
  }
  bus.copy_to_ram(base, f.data(), f.size());
  return LoadedKernel{LoadedKernel::Kind::LinuxImage, base, base, base + span};
}

std::optional<LoadedKernel> load_elf(Bus& bus, const std::vector<uint8_t>& f, std::string* error) {
  if (f.size() < sizeof(Elf64_Ehdr)) {
    *error = "truncated ELF header";
    return std::nullopt;
  }
  const auto eh = get<Elf64_Ehdr>(f, 0);
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_AARCH64) {
    *error = "not a little-endian 64-bit AArch64 ELF file";
    return std::nullopt;
  }
  if (eh.e_phnum == 0 || eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > f.size() ||
      uint64_t(eh.e_phnum) * sizeof(Elf64_Phdr) > f.size() - eh.e_phoff) {
    *error = "ELF program headers are missing or run past the end of the file";
    return std::nullopt;
  }
  LoadedKernel k{LoadedKernel::Kind::Elf, eh.e_entry, UINT64_MAX, 0};
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    const auto ph = get<Elf64_Phdr>(f, eh.e_phoff + uint64_t(i) * sizeof(Elf64_Phdr));
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    if (ph.p_filesz > ph.p_memsz || ph.p_offset > f.size() || ph.p_filesz > f.size() - ph.p_offset) {
      *error = "ELF segment " + std::to_string(i) + " lies outside the file";
      return std::nullopt;
    }
    if (!bus.in_ram(ph.p_paddr, ph.p_memsz)) {
      *error = "ELF segment " + std::to_string(i) + " at physical " + hex(ph.p_paddr) + " (" + hex(ph.p_memsz) +
               " bytes) is not in RAM";
      return std::nullopt;
    }
    bus.copy_to_ram(ph.p_paddr, f.data() + ph.p_offset, ph.p_filesz);
    const std::vector<uint8_t> zeros(ph.p_memsz - ph.p_filesz, 0);
    bus.copy_to_ram(ph.p_paddr + ph.p_filesz, zeros.data(), zeros.size());
    k.load_begin = std::min(k.load_begin, ph.p_paddr);
    k.load_end = std::max(k.load_end, ph.p_paddr + ph.p_memsz);
  }
  if (k.load_end == 0) {
    *error = "the ELF file has no loadable segment";
    return std::nullopt;
  }
  return k;
}

}  // namespace

std::optional<LoadedKernel> load_kernel(Bus& bus, const std::vector<uint8_t>& f, std::string* error) {
  if (f.empty()) {
    *error = "the file is empty";
    return std::nullopt;
  }
  if (f.size() >= 4 && std::memcmp(f.data(), ELFMAG, SELFMAG) == 0) return load_elf(bus, f, error);
  if (f.size() >= kImageHeaderSize && get<uint32_t>(f, 56) == kImageMagic) return load_image(bus, f, error);
  if (!bus.in_ram(kRawLoadAddress, f.size())) {
    *error = "the image (" + hex(f.size()) + " bytes) does not fit in RAM at " + hex(kRawLoadAddress);
    return std::nullopt;
  }
  bus.copy_to_ram(kRawLoadAddress, f.data(), f.size());
  return LoadedKernel{LoadedKernel::Kind::Raw, kRawLoadAddress, kRawLoadAddress, kRawLoadAddress + f.size()};
}

std::optional<std::vector<uint8_t>> read_file(const std::string& path, std::string* error) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    *error = "cannot read '" + path + "': " + std::strerror(errno);
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = "cannot read '" + path + "': not a regular file";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read '" + path + "': " + std::strerror(errno);
    return std::nullopt;
  }
  std::vector<uint8_t> data(size_t(st.st_size));
  if (!data.empty() && !in.read(reinterpret_cast<char*>(data.data()), std::streamsize(data.size()))) {
    *error = "cannot read '" + path + "': short read";
    return std::nullopt;
  }
  return data;
}

}  // namespace bramble
