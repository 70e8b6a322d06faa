// The BCM2835 system timer at 0x3F003000 (BCM2835 ARM Peripherals, chapter 12): a
// free-running 64-bit counter at 1 MHz (CLO/CHI) and four 32-bit compare registers
// C0-C3. When the low word of the counter becomes equal to Cn, CS.Mn is set and the
// timer's interrupt line n is raised (GPU interrupts 0-3; the VideoCore uses C0 and C2,
// the ARM C1 and C3); writing 1 to CS.Mn clears it and lowers the line.
//   CS 0x00, CLO 0x04, CHI 0x08, C0 0x0c, C1 0x10, C2 0x14, C3 0x18.
// The counter is the board's one virtual clock divided down; a match is an event on the
// scheduler, and a read of CS also settles any match whose time has passed, so a guest
// that has seen CLO reach Cn finds Mn set. A compare starts matching once written (its
// reset value of 0 would first match after the counter's 71-minute wrap).
#pragma once

#include <cstdint>
#include <functional>

#include "machine/guest_log.h"
#include "machine/mmio_device.h"
#include "machine/scheduler.h"

namespace bramble {

class Bcm2835SysTimer final : public MmioDevice {
 public:
  // now_ns: the virtual time at the instruction running now; irq(n, level): line n.
  Bcm2835SysTimer(Scheduler& sched, GuestLog& log, std::function<uint64_t()> now_ns,
                  std::function<void(unsigned, bool)> irq)
      : sched_(sched), log_(log), now_ns_(std::move(now_ns)), irq_(std::move(irq)) { reset(); }

  const char* name() const override { return "bcm2835-systimer"; }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void reset() override;

  enum Reg : uint32_t { CS = 0x00, CLO = 0x04, CHI = 0x08, C0 = 0x0c };
  static constexpr uint64_t kNsPerTick = 1000;  // 1 MHz

 private:
  uint64_t ticks() const { return now_ns_() / kNsPerTick; }
  void arm(unsigned n);
  void schedule_match(unsigned n, uint64_t tick);
  void settle();  // sets Mn for every armed compare whose tick has come
  void match(unsigned n);

  Scheduler& sched_;
  GuestLog& log_;
  std::function<uint64_t()> now_ns_;
  std::function<void(unsigned, bool)> irq_;
  uint32_t cs_ = 0;
  uint32_t compare_[4] = {};
  uint64_t match_tick_[4] = {};  // the counter value at which Cn next matches
  Scheduler::EventId event_[4] = {};
};

}  // namespace bramble
