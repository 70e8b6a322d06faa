// bramble: the Raspberry Pi 3 emulator's command line.
#include <CLI/CLI.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <sstream>
#include <string>

#include "boot/kernel_loader.h"
#include "machine/host/serial_backends.h"
#include "machine/raspi3.h"
#include "tools/version.h"

using namespace bramble;

namespace {

[[noreturn]] void fail(const std::string& msg) {
  std::fprintf(stderr, "bramble: %s\n", msg.c_str());
  std::exit(2);
}

// "512M", "1G", "1073741824": binary multiples.
bool parse_size(const std::string& s, uint64_t* out) {
  if (s.empty()) return false;
  size_t pos = 0;
  unsigned long long v;
  try {
    v = std::stoull(s, &pos, 10);
  } catch (...) {
    return false;
  }
  uint64_t mult = 1;
  const std::string suf = s.substr(pos);
  if (suf == "K" || suf == "k") mult = 1ull << 10;
  else if (suf == "M" || suf == "m") mult = 1ull << 20;
  else if (suf == "G" || suf == "g") mult = 1ull << 30;
  else if (!suf.empty()) return false;
  if (v > (UINT64_MAX / mult)) return false;
  *out = v * mult;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bramble: a Raspberry Pi 3 (BCM2837, AArch64) emulator", "bramble"};
  app.set_version_flag("--version", std::string("bramble ") + kBrambleVersion);

  std::string kernel, serial0 = "stdio", serial1 = "null", display = "none", memory = "1G", jit = "on";
  std::string trace;
  bool semihosting = false, deterministic = false, stats = false, el3 = false;
  uint64_t jit_threshold = 64;
  std::string jit_dump;
  double timeout = 0;
  app.add_option("--kernel", kernel, "kernel8.img / arm64 Linux Image, AArch64 ELF, or raw binary (loaded at 0x80000)")
      ->required();
  app.add_flag("--el3", el3, "start the kernel at EL3 (Secure), as with no firmware armstub; default: EL2 as the "
               "Pi firmware leaves it");
  app.add_flag("--semihosting", semihosting, "handle Arm semihosting calls (HLT #0xF000)");
  app.add_option("--serial0", serial0, "PL011 UART host side: stdio|null|file:PATH")->default_str("stdio");
  app.add_option("--serial1", serial1, "mini UART host side: stdio|null|file:PATH")->default_str("null");
  app.add_option("--display", display, "framebuffer output: none|sdl")->default_str("none");
  app.add_option("--memory", memory, "RAM size (e.g. 512M, 1G; at most 1G, as on the Pi 3)")->default_str("1G");
  app.add_option("--jit", jit, "execution tier: off (tier 0 only), on (hot blocks compiled by LLVM), "
                 "eager (every block compiled before it runs; for tests)")->default_str("on");
  app.add_option("--jit-threshold", jit_threshold, "tier-0 runs of a block before it is compiled (--jit on)")
      ->default_str("64");
  app.add_option("--jit-dump", jit_dump, "write each compiled unit's IR (before/after optimisation) and guest code to DIR");
  app.add_flag("--stats", stats, "print execution statistics at exit");
  app.add_option("--timeout", timeout, "stop after SECONDS of host time, exit status 124");
  app.add_flag("--deterministic", deterministic, "virtual time counts instructions: runs repeat exactly");
  app.add_option("--trace", trace, "comma-separated: in_asm,exec,int,mmio,unimp,jit (to stderr)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::printf("%s", app.help().c_str());
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::printf("bramble %s\n", kBrambleVersion);
    return 0;
  } catch (const CLI::ParseError& e) {
    fail(std::string(e.what()) + " (see bramble --help)");
  }

  MachineConfig cfg;
  if (!parse_size(memory, &cfg.memory_bytes) || cfg.memory_bytes < (16ull << 20) || cfg.memory_bytes > (1ull << 30))
    fail("--memory: '" + memory + "' is not a size between 16M and 1G (e.g. 512M, 1G)");
  jit::JitOptions jopts;
  if (jit == "off") jopts.mode = jit::JitOptions::Mode::Off;
  else if (jit == "on") jopts.mode = jit::JitOptions::Mode::On;
  else if (jit == "eager") jopts.mode = jit::JitOptions::Mode::Eager;
  else fail("--jit: '" + jit + "' is not one of off, on, eager");
  if (jit_threshold == 0) fail("--jit-threshold: must be at least 1");
  jopts.threshold = jit_threshold;
  jopts.count_chains = stats;
  if (!jit_dump.empty()) {
    struct stat st;
    if (::stat(jit_dump.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
      fail("--jit-dump: '" + jit_dump + "' is not a directory; create it first");
    jopts.dump_dir = jit_dump;
  }
  if (display == "sdl") fail("--display sdl: the display window is not built yet; use --display none");
  if (display != "none") fail("--display: '" + display + "' is not one of none, sdl");
  if (timeout < 0) fail("--timeout: must be a positive number of seconds");
  cfg.timeout_seconds = timeout;
  cfg.semihosting = semihosting;
  cfg.start_el = el3 ? 3 : 2;
  cfg.deterministic = deterministic;
  cfg.stats = stats;

  std::stringstream ts(trace);
  for (std::string item; std::getline(ts, item, ',');) {
    if (item == "in_asm") cfg.cpu_trace.in_asm = true;
    else if (item == "exec") cfg.cpu_trace.exec = true;
    else if (item == "mmio") cfg.trace_mmio = true;
    else if (item == "unimp") cfg.trace_unimp = cfg.cpu_trace.unimp = true;
    else if (item == "int") cfg.cpu_trace.exceptions = true;
    else if (item == "jit") jopts.trace = true;
    else fail("--trace: '" + item + "' is not one of in_asm, exec, int, mmio, unimp, jit");
  }

  std::string err;
  cfg.serial0 = open_serial_backend(serial0, &err);
  if (!cfg.serial0) fail("--serial0: " + err);
  cfg.serial1 = open_serial_backend(serial1, &err);
  if (!cfg.serial1) fail("--serial1: " + err);
  cfg.semihosting_console = make_stderr_backend();

  if (jopts.mode != jit::JitOptions::Mode::Off) {
    cfg.jit = jit::JitEngine::create(jopts, &err);
    if (!cfg.jit) fail("--jit " + jit + ": " + err + "; use --jit off");
  }

  auto file = read_file(kernel, &err);
  if (!file) fail("--kernel: " + err);

  Raspi3 machine(std::move(cfg));
  auto loaded = load_kernel(machine.bus(), *file, &err);
  if (!loaded) fail("--kernel '" + kernel + "': " + err);
  machine.set_entry(loaded->entry);
  const int status = machine.run();
  if (stats) machine.print_stats(stderr);
  return status;
}
