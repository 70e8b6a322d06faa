// The loaders accept what the Pi firmware and QEMU accept and refuse malformed files
// with a message, never reading outside the file or writing outside RAM.
#include <gtest/gtest.h>

#include <elf.h>

#include <cstring>

#include "boot/kernel_loader.h"
#include "machine/bus.h"

using namespace bramble;

namespace {

struct Board {
  GuestLog log;
  Bus bus{16 << 20, log};
};

std::vector<uint8_t> image_with_header(uint64_t text_offset, uint64_t image_size, size_t file_size) {
  std::vector<uint8_t> f(file_size, 0xaa);
  std::memset(f.data(), 0, 64);
  std::memcpy(&f[8], &text_offset, 8);
  std::memcpy(&f[16], &image_size, 8);
  const uint32_t magic = 0x644d5241;
  std::memcpy(&f[56], &magic, 4);
  return f;
}

std::vector<uint8_t> elf_with_segment(uint64_t paddr, uint64_t offset, uint64_t filesz, uint64_t memsz) {
  std::vector<uint8_t> f(sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) + 64, 0x11);
  Elf64_Ehdr eh{};
  std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS64;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_machine = EM_AARCH64;
  eh.e_entry = paddr;
  eh.e_phoff = sizeof eh;
  eh.e_phentsize = sizeof(Elf64_Phdr);
  eh.e_phnum = 1;
  Elf64_Phdr ph{};
  ph.p_type = PT_LOAD;
  ph.p_offset = offset;
  ph.p_paddr = paddr;
  ph.p_filesz = filesz;
  ph.p_memsz = memsz;
  std::memcpy(f.data(), &eh, sizeof eh);
  std::memcpy(f.data() + sizeof eh, &ph, sizeof ph);
  return f;
}

}  // namespace

TEST(KernelLoader, RawBinaryGoesTo0x80000) {
  Board b;
  std::string err;
  auto k = load_kernel(b.bus, {1, 2, 3, 4}, &err);
  ASSERT_TRUE(k) << err;
  EXPECT_EQ(k->kind, LoadedKernel::Kind::Raw);
  EXPECT_EQ(k->entry, 0x80000u);
  EXPECT_EQ(b.bus.ram[0x80002], 3);
}

TEST(KernelLoader, ImageHonoursTextOffset) {
  Board b;
  std::string err;
  auto k = load_kernel(b.bus, image_with_header(0x80000, 0x1000, 256), &err);
  ASSERT_TRUE(k) << err;
  EXPECT_EQ(k->kind, LoadedKernel::Kind::LinuxImage);
  EXPECT_EQ(k->entry, 0x80000u);
  EXPECT_EQ(k->load_end, 0x81000u);  // image_size includes BSS
  auto k0 = load_kernel(b.bus, image_with_header(0, 0, 256), &err);
  ASSERT_TRUE(k0) << err;
  EXPECT_EQ(k0->entry, kImageDefaultBase);
}

TEST(KernelLoader, ImageTooLargeForRamIsRefused) {
  Board b;
  std::string err;
  EXPECT_FALSE(load_kernel(b.bus, image_with_header(0x80000, 1ull << 40, 256), &err));
  EXPECT_NE(err.find("do not fit in RAM"), std::string::npos) << err;
  EXPECT_FALSE(load_kernel(b.bus, image_with_header(~0ull - 100, 0x1000, 256), &err));
}

TEST(KernelLoader, ElfSegmentsLoadAndBssIsZeroed) {
  Board b;
  std::memset(b.bus.ram + 0x90000, 0x55, 64);
  std::string err;
  const auto f = elf_with_segment(0x90000, sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr), 16, 64);
  auto k = load_kernel(b.bus, f, &err);
  ASSERT_TRUE(k) << err;
  EXPECT_EQ(k->entry, 0x90000u);
  EXPECT_EQ(b.bus.ram[0x90000], 0x11);
  EXPECT_EQ(b.bus.ram[0x90010], 0);  // memsz beyond filesz is zero
  EXPECT_EQ(b.bus.ram[0x9003f], 0);
}

TEST(KernelLoader, MalformedElfIsRefusedWithAMessage) {
  Board b;
  std::string err;
  const size_t hdrs = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
  // Segment data past the end of the file.
  EXPECT_FALSE(load_kernel(b.bus, elf_with_segment(0x90000, hdrs, 1 << 20, 1 << 20), &err));
  EXPECT_NE(err.find("outside the file"), std::string::npos) << err;
  // Offset overflow.
  EXPECT_FALSE(load_kernel(b.bus, elf_with_segment(0x90000, ~0ull, 16, 16), &err));
  // Segment outside RAM, and an address range that wraps.
  EXPECT_FALSE(load_kernel(b.bus, elf_with_segment(0x3F000000, hdrs, 16, 16), &err));
  EXPECT_NE(err.find("not in RAM"), std::string::npos) << err;
  EXPECT_FALSE(load_kernel(b.bus, elf_with_segment(~0ull - 8, hdrs, 16, 16), &err));
  // filesz > memsz.
  EXPECT_FALSE(load_kernel(b.bus, elf_with_segment(0x90000, hdrs, 32, 16), &err));
  // Truncated header, wrong machine, program headers past the end.
  auto f = elf_with_segment(0x90000, hdrs, 16, 16);
  EXPECT_FALSE(load_kernel(b.bus, std::vector<uint8_t>(f.begin(), f.begin() + 20), &err));
  auto g = f;
  g[18] = 0x3e;  // EM_X86_64
  EXPECT_FALSE(load_kernel(b.bus, g, &err));
  EXPECT_NE(err.find("AArch64"), std::string::npos) << err;
  auto h = f;
  const uint64_t far = 1ull << 40;
  std::memcpy(&h[offsetof(Elf64_Ehdr, e_phoff)], &far, 8);
  EXPECT_FALSE(load_kernel(b.bus, h, &err));
}

TEST(KernelLoader, EmptyAndMissingFiles) {
  Board b;
  std::string err;
  EXPECT_FALSE(load_kernel(b.bus, {}, &err));
  EXPECT_FALSE(read_file("/no/such/file", &err));
  EXPECT_NE(err.find("/no/such/file"), std::string::npos);
  EXPECT_FALSE(read_file("/", &err));
}
