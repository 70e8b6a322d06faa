#include "machine/raspi3.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "cpu/disasm.h"

namespace bramble {

namespace {
// Instructions per scheduling slice: small enough that device events and the timeout
// are seen promptly, large enough that the loop costs nothing measurable.
constexpr uint64_t kSliceInsns = 50'000;
// --deterministic time: one instruction takes one nanosecond of virtual time.
constexpr uint64_t kNsPerInsn = 1;
}  // namespace

Raspi3::Raspi3(MachineConfig cfg)
    : cfg_(std::move(cfg)),
      bus_(std::min(cfg_.memory_bytes, kMaxRam), log_),
      pl011_(*cfg_.serial0, log_),
      pm_(sched_, log_, [this](bool halt) { power_off_or_reset(halt); }),
      rng_(log_, cfg_.deterministic),
      // The interrupt lines are not wired yet: the BCM2835 interrupt controller that
      // takes them is still to come (issue 6); guests poll CS meanwhile.
      systimer_(sched_, log_, [this] { return cpu_ ? virtual_ns(retired_ + cpu_->retired_in_run()) : sched_.now_ns(); },
                [](unsigned, bool) {}),
      local_(log_,
             [this](unsigned core, bool irq, bool fiq) {
               if (core == 0 && cpu_) {
                 cpu_->set_irq(irq);
                 cpu_->set_fiq(fiq);
               }
             }),
      semihosting_(bus_, *cfg_.semihosting_console) {
  log_.trace_unimp = cfg_.trace_unimp;
  log_.trace_mmio = cfg_.trace_mmio;
  bus_.map(kPl011Base, 0x1000, &pl011_);
  bus_.map(kPmBase, 0x1000, &pm_);
  bus_.map(kRngBase, 0x1000, &rng_);
  bus_.map(kSysTimerBase, 0x1000, &systimer_);
  bus_.map(kLocalBase, 0x100, &local_);
  cpu_ = std::make_unique<Cpu>(bus_, 0, this);
  cpu_->trace = cfg_.cpu_trace;
  cpu_->translator = cfg_.jit.get();
  cpu_->time_tiers = cfg_.stats;
  cpu_->reset(0, cfg_.start_el);
}

Raspi3::~Raspi3() = default;

void Raspi3::set_entry(uint64_t pc) {
  entry_ = pc;
  cpu_->reset(pc, cfg_.start_el);
}

void Raspi3::print_stats(std::FILE* out) const {
  print_cpu_stats(out, *cpu_);
  if (cfg_.jit) cfg_.jit->print_stats(out, *cpu_);
}

bool Raspi3::on_hlt(Cpu& cpu, uint16_t imm) {
  if (!cfg_.semihosting || imm != Semihosting::kHltImmediate) return false;
  return semihosting_.handle(cpu);
}

uint64_t Raspi3::virtual_ns(uint64_t retired) const {
  if (cfg_.deterministic) return retired * kNsPerInsn + idle_ns_;
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started_).count());
}

// CNTPCT at the instruction now running (counting what the core has retired in the
// current slice).
uint64_t Raspi3::counter_ticks(const Cpu& cpu) {
  return uint64_t((unsigned __int128)virtual_ns(retired_ + cpu.retired_in_run()) * kCounterHz / 1'000'000'000u);
}

void Raspi3::power_off_or_reset(bool halt) {
  if (halt) powered_off_ = true;
  else reset_requested_ = true;
}

void Raspi3::update_timer_lines() {
  // Cpu numbers its timers EL1 physical, EL1 virtual, EL2 physical; the local controller
  // numbers the lines CNTPS, CNTPNS, CNTHP, CNTV (the Non-secure EL1 physical timer is
  // CNTPNS: the cores run the kernel Non-secure).
  const unsigned t = cpu_->timer_lines(counter_ticks(*cpu_));
  unsigned lines = 0;
  if (t & 1) lines |= 1u << Bcm2836Local::kCntPnsIrq;
  if (t & 2) lines |= 1u << Bcm2836Local::kCntVIrq;
  if (t & 4) lines |= 1u << Bcm2836Local::kCntHpIrq;
  local_.set_timer_lines(0, lines);
}

uint64_t Raspi3::next_timer_ns() {
  const uint64_t ticks = cpu_->next_timer_deadline(counter_ticks(*cpu_));
  if (ticks == UINT64_MAX) return UINT64_MAX;
  // The first nanosecond at which the counter (floor(ns * 19.2 MHz / 1 GHz)) reaches ticks.
  const unsigned __int128 ns = ((unsigned __int128)ticks * 1'000'000'000u + kCounterHz - 1) / kCounterHz;
  return ns > UINT64_MAX - 1 ? UINT64_MAX - 1 : uint64_t(ns);
}

void Raspi3::idle(std::chrono::steady_clock::time_point timeout_at) {
  using Clock = std::chrono::steady_clock;
  const uint64_t next = std::min(sched_.next_deadline(), next_timer_ns());
  if (cfg_.deterministic && next != UINT64_MAX) {
    const uint64_t now = virtual_ns(retired_);
    if (next > now) idle_ns_ += next - now;
    return;
  }
  // Wall-clock time (or nothing scheduled at all): sleep until the next event, but at
  // most 10 ms, so that host input and the timeout are noticed.
  auto until = Clock::now() + std::chrono::milliseconds(10);
  if (!cfg_.deterministic && next != UINT64_MAX) {
    const uint64_t now = virtual_ns(retired_);
    if (next <= now) return;
    until = std::min(until, Clock::now() + std::chrono::nanoseconds(next - now));
  }
  if (cfg_.timeout_seconds > 0) until = std::min(until, timeout_at);
  std::this_thread::sleep_until(until);
}

int Raspi3::run() {
  using Clock = std::chrono::steady_clock;
  started_ = Clock::now();
  const auto deadline = started_ + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(cfg_.timeout_seconds));
  for (;;) {
    uint64_t slice = kSliceInsns;
    if (cfg_.deterministic) {
      // The slice ends exactly when the next device event or timer is due, so that its
      // interrupt arrives at the same instruction on every run.
      const uint64_t next = std::min(sched_.next_deadline(), next_timer_ns());
      const uint64_t now = virtual_ns(retired_);
      if (next != UINT64_MAX) slice = std::clamp<uint64_t>((next - std::min(next, now)) / kNsPerInsn, 1, kSliceInsns);
    }
    if (cpu_->waiting() && !cpu_->wake_pending()) idle(deadline);
    else retired_ += cpu_->run(slice);
    sched_.advance_to(virtual_ns(retired_));
    update_timer_lines();
    if (powered_off_) return 0;
    if (reset_requested_) {
      std::fprintf(stderr, "bramble: the guest asked for a watchdog reset; rebooting is not modelled yet, stopping\n");
      return 0;
    }
    switch (cpu_->stop_reason()) {
      case StopReason::None: break;
      case StopReason::Halt:
        if (semihosting_.exit_status()) return *semihosting_.exit_status();
        return 0;
      case StopReason::Undefined:
      case StopReason::Unsupported: {
        uint32_t word = 0;
        bus_.copy_from_ram(cpu_->s.pc, &word, 4);
        std::fprintf(stderr, "bramble: guest stopped at PC 0x%llx (EL%u): %s [%08x: %s]\n",
                     (unsigned long long)cpu_->s.pc, cpu_->s.el, cpu_->stop_message().c_str(), word,
                     disassemble(word, cpu_->s.pc).c_str());
        return kExitGuestError;
      }
    }
    pl011_.poll_input();
    if (cfg_.timeout_seconds > 0 && Clock::now() >= deadline) {
      std::fprintf(stderr, "bramble: timeout: stopped after %g seconds (--timeout)\n", cfg_.timeout_seconds);
      return kExitTimeout;
    }
  }
}

}  // namespace bramble
