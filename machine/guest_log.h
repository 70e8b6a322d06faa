// Reports of things a guest did that the hardware would not like (unassigned addresses,
// unknown registers) and MMIO tracing: each distinct report is printed once.
#pragma once

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>

namespace bramble {

class GuestLog {
 public:
  bool trace_unimp = false;  // --trace unimp
  bool trace_mmio = false;   // --trace mmio

  // Prints "unimp: <text>" once per distinct text when --trace unimp is on.
  void unimplemented(const char* fmt, ...) __attribute__((format(printf, 2, 3))) {
    if (!trace_unimp) return;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (seen_.insert(buf).second) std::fprintf(stderr, "unimp: %s\n", buf);
  }

  void mmio(const char* dev, bool is_write, uint64_t addr, unsigned size, uint64_t value) {
    if (!trace_mmio) return;
    std::fprintf(stderr, "mmio: %s %s 0x%08llx/%u = 0x%llx\n", dev, is_write ? "write" : "read ",
                 (unsigned long long)addr, size, (unsigned long long)value);
  }

 private:
  std::set<std::string> seen_;
};

}  // namespace bramble
