// The Raspberry Pi 3 Model B board: RAM, the bus with the BCM2837's devices, the core,
// the virtual clock, and the loop that runs them.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "cpu/cpu.h"
#include "jit/jit_engine.h"
#include "machine/bus.h"
#include "machine/char_backend.h"
#include "machine/guest_log.h"
#include "machine/scheduler.h"
#include "machine/semihosting.h"
#include "peripherals/intc/bcm2836_local.h"
#include "peripherals/misc/bcm2835_rng.h"
#include "peripherals/timer/bcm2835_systimer.h"
#include "peripherals/power/bcm2835_pm.h"
#include "peripherals/uart/pl011.h"

namespace bramble {

struct MachineConfig {
  uint64_t memory_bytes = 1ull << 30;
  std::unique_ptr<CharBackend> serial0, serial1;
  std::unique_ptr<CharBackend> semihosting_console;  // SYS_WRITEC / SYS_WRITE0 output
  bool semihosting = false;
  bool deterministic = false;
  double timeout_seconds = 0;  // 0 = none
  TraceFlags cpu_trace;
  bool trace_unimp = false, trace_mmio = false;
  unsigned start_el = 2;  // the Pi firmware's armstub hands over at EL2
  std::unique_ptr<jit::JitEngine> jit;  // null: tier 0 only
  bool stats = false;                   // --stats: also time each tier
};

// BCM2837 addresses as the ARM cores see them (BCM2835 ARM Peripherals 1.2.3, with the
// BCM2837's peripheral base 0x3F000000).
inline constexpr uint64_t kPeripheralBase = 0x3F000000;
inline constexpr uint64_t kPl011Base = kPeripheralBase + 0x201000;
inline constexpr uint64_t kPmBase = kPeripheralBase + 0x100000;
inline constexpr uint64_t kRngBase = kPeripheralBase + 0x104000;
inline constexpr uint64_t kSysTimerBase = kPeripheralBase + 0x3000;
inline constexpr uint64_t kMaxRam = kPeripheralBase;
inline constexpr uint64_t kLocalBase = 0x40000000;  // the BCM2836 ARM local block  // RAM above this is hidden by the peripherals

class Raspi3 final : public CpuHooks {
 public:
  explicit Raspi3(MachineConfig cfg);
  ~Raspi3() override;

  Bus& bus() { return bus_; }
  Cpu& cpu() { return *cpu_; }

  // Sets where the primary core starts.
  void set_entry(uint64_t pc);

  // Runs until the guest powers off, exits through semihosting, stops on an instruction
  // bramble cannot run, or the timeout passes. Returns bramble's exit status.
  int run();

  bool on_hlt(Cpu& cpu, uint16_t imm) override;
  uint64_t counter_ticks(const Cpu& cpu) override;

  // --stats: what each tier did.
  void print_stats(std::FILE* out) const;

  static constexpr int kExitTimeout = 124;
  static constexpr int kExitGuestError = 1;

 private:
  void power_off_or_reset(bool halt);
  // The generic timers' lines at the current virtual time, into the local controller.
  void update_timer_lines();
  // The virtual time (ns) at which the next timer fires, or UINT64_MAX.
  uint64_t next_timer_ns();
  // Every core waits (WFI/WFE): advance to the next event (--deterministic) or sleep on
  // the host until it or until input may have arrived.
  void idle(std::chrono::steady_clock::time_point timeout_at);

  MachineConfig cfg_;
  GuestLog log_;
  Bus bus_;
  Scheduler sched_;
  Pl011 pl011_;
  Bcm2835Pm pm_;
  Bcm2835Rng rng_;
  Bcm2835SysTimer systimer_;
  Bcm2836Local local_;
  Semihosting semihosting_;
  std::unique_ptr<Cpu> cpu_;
  uint64_t entry_ = 0;
  bool powered_off_ = false;
  bool reset_requested_ = false;
  // The one virtual clock: with --deterministic, `retired` instructions of one nanosecond
  // each; otherwise host time since run() began.
  uint64_t virtual_ns(uint64_t retired) const;

  uint64_t retired_ = 0;
  uint64_t idle_ns_ = 0;  // --deterministic: virtual time spent waiting, not retiring
  std::chrono::steady_clock::time_point started_;
};

}  // namespace bramble
