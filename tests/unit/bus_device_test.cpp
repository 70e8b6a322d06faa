// The bus and the devices of the board skeleton, at their absolute BCM2837 addresses.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "machine/bus.h"
#include "machine/scheduler.h"
#include "peripherals/misc/bcm2835_rng.h"
#include "peripherals/power/bcm2835_pm.h"
#include "peripherals/timer/bcm2835_systimer.h"
#include "peripherals/uart/pl011.h"

using namespace bramble;

namespace {
class Capture final : public CharBackend {
 public:
  std::string out;
  std::string in;
  void write(uint8_t b) override { out.push_back(char(b)); }
  std::optional<uint8_t> read() override {
    if (in.empty()) return std::nullopt;
    uint8_t b = uint8_t(in[0]);
    in.erase(0, 1);
    return b;
  }
};
constexpr uint64_t kPl011 = 0x3F201000, kPm = 0x3F100000, kRng = 0x3F104000, kSysTimer = 0x3F003000;
}  // namespace

TEST(Bus, UnassignedAddressesReadZeroAndIgnoreWrites) {
  GuestLog log;
  Bus bus(16 << 20, log);
  bus.write(0x3F00B200, 4, 0xffffffff);
  EXPECT_EQ(bus.read(0x3F00B200, 4), 0u);
  EXPECT_EQ(bus.read(0xffffffffffffff00ull, 8), 0u);
  EXPECT_FALSE(bus.in_ram((16 << 20) - 4, 8));
  EXPECT_FALSE(bus.in_ram(~0ull - 2, 4));
  EXPECT_TRUE(bus.in_ram(0, 16 << 20));
}

TEST(Pl011, PolledTransmitAndReceive) {
  GuestLog log;
  Bus bus(16 << 20, log);
  Capture c;
  Pl011 uart(c, log);
  bus.map(kPl011, 0x1000, &uart);
  EXPECT_EQ(bus.read(kPl011 + Pl011::FR, 4) & Pl011::kFrRxfe, Pl011::kFrRxfe);
  EXPECT_EQ(bus.read(kPl011 + Pl011::FR, 4) & Pl011::kFrTxff, 0u);
  bus.write(kPl011 + Pl011::DR, 4, 'h');
  bus.write(kPl011 + Pl011::DR, 4, 'i');
  EXPECT_EQ(c.out, "hi");
  c.in = "ok";
  EXPECT_EQ(bus.read(kPl011 + Pl011::FR, 4) & Pl011::kFrRxfe, 0u);
  EXPECT_EQ(bus.read(kPl011 + Pl011::DR, 4), uint64_t('o'));
  EXPECT_EQ(bus.read(kPl011 + Pl011::DR, 4), uint64_t('k'));
  EXPECT_EQ(bus.read(kPl011 + Pl011::FR, 4) & Pl011::kFrRxfe, Pl011::kFrRxfe);
  // PrimeCell identification as the PL011 TRM gives it.
  EXPECT_EQ(bus.read(kPl011 + 0xfe0, 4), 0x11u);
  EXPECT_EQ(bus.read(kPl011 + 0xff0, 4), 0x0du);
  EXPECT_EQ(bus.read(kPl011 + 0xffc, 4), 0xb1u);
  bus.write(kPl011 + Pl011::IBRD, 4, 26);
  EXPECT_EQ(bus.read(kPl011 + Pl011::IBRD, 4), 26u);
  EXPECT_EQ(bus.read(kPl011 + 0x800, 4), 0u);  // unknown offset reads zero
}

TEST(Bcm2835Pm, WatchdogFiresAfterItsTimeAndReportsPartition63AsHalt) {
  GuestLog log;
  Bus bus(16 << 20, log);
  Scheduler sched;
  int fired = 0;
  bool halted = false;
  Bcm2835Pm pm(sched, log, [&](bool halt) { ++fired; halted = halt; });
  bus.map(kPm, 0x1000, &pm);
  bus.write(kPm + Bcm2835Pm::RSTS, 4, 0x5a000555);
  bus.write(kPm + Bcm2835Pm::WDOG, 4, 0x5a000000 | 10);
  bus.write(kPm + Bcm2835Pm::RSTC, 4, 0x5a000020);
  sched.advance_to(10 * 15258 - 1000);  // 10 ticks of 1/65536 s is 152.6 us
  EXPECT_EQ(fired, 0);
  sched.advance_to(200'000);
  EXPECT_EQ(fired, 1);
  EXPECT_TRUE(halted);
}

TEST(Bcm2835Pm, WritesWithoutThePasswordAreIgnoredAndResetCancels) {
  GuestLog log;
  Scheduler sched;
  int fired = 0;
  bool halted = true;
  Bcm2835Pm pm(sched, log, [&](bool halt) { ++fired; halted = halt; });
  pm.write(Bcm2835Pm::WDOG, 4, 100);  // no password
  EXPECT_EQ(pm.read(Bcm2835Pm::WDOG, 4), 0u);
  pm.write(Bcm2835Pm::WDOG, 4, 0x5a000000 | 100);
  pm.write(Bcm2835Pm::RSTC, 4, 0x5a000020);
  pm.write(Bcm2835Pm::RSTC, 4, 0x5a000102);  // PM_RSTC_RESET: stop the watchdog
  sched.advance_to(1'000'000'000);
  EXPECT_EQ(fired, 0);
  pm.write(Bcm2835Pm::WDOG, 4, 0x5a000000 | 1);
  pm.write(Bcm2835Pm::RSTC, 4, 0x5a000020);
  sched.advance_to(2'000'000'000);
  EXPECT_EQ(fired, 1);
  EXPECT_FALSE(halted);  // partition 0: a reboot, not a halt
}

// Linux's bcm2835-rng start-up: STATUS = warm-up count 0x40000, INT_MASK |= INT_OFF,
// CTRL |= RBGEN; then it reads STATUS >> 24 words from DATA.
TEST(Bcm2835Rng, GivesWordsOnlyOnceStartedAsLinuxStartsIt) {
  GuestLog log;
  Bus bus(16 << 20, log);
  Bcm2835Rng rng(log, false);
  bus.map(kRng, 0x1000, &rng);
  EXPECT_EQ(bus.read(kRng + Bcm2835Rng::STATUS, 4), 0u);  // not started: nothing ready
  EXPECT_EQ(bus.read(kRng + Bcm2835Rng::DATA, 4), 0u);
  bus.write(kRng + Bcm2835Rng::STATUS, 4, 0x40000);
  bus.write(kRng + Bcm2835Rng::INT_MASK, 4, bus.read(kRng + Bcm2835Rng::INT_MASK, 4) | 1);
  bus.write(kRng + Bcm2835Rng::CTRL, 4, bus.read(kRng + Bcm2835Rng::CTRL, 4) | 1);
  EXPECT_EQ(bus.read(kRng + Bcm2835Rng::CTRL, 4), 1u);
  EXPECT_EQ(bus.read(kRng + Bcm2835Rng::INT_MASK, 4), 1u);
  const uint64_t status = bus.read(kRng + Bcm2835Rng::STATUS, 4);
  EXPECT_GE(status >> 24, 1u);
  EXPECT_EQ(status & 0xfffff, 0u);  // the warm-up is over
  // 64 words of a uniform 32-bit source: all distinct and about half their bits set.
  std::set<uint32_t> seen;
  unsigned ones = 0;
  for (int i = 0; i < 64; ++i) {
    const uint32_t w = uint32_t(bus.read(kRng + Bcm2835Rng::DATA, 4));
    seen.insert(w);
    ones += unsigned(__builtin_popcount(w));
  }
  EXPECT_EQ(seen.size(), 64u);
  EXPECT_GT(ones, 64u * 32 * 4 / 10);
  EXPECT_LT(ones, 64u * 32 * 6 / 10);
  bus.write(kRng + Bcm2835Rng::CTRL, 4, 0);  // stopped again
  EXPECT_EQ(bus.read(kRng + Bcm2835Rng::STATUS, 4), 0u);
  EXPECT_EQ(bus.read(kRng + 0x800, 4), 0u);  // unknown offset reads zero
}

TEST(Bcm2835Rng, DeterministicRunsRepeatTheirWordsAndOthersDoNot) {
  GuestLog log;
  auto words = [&](Bcm2835Rng& r) {
    r.write(Bcm2835Rng::CTRL, 4, 1);
    std::vector<uint32_t> v;
    for (int i = 0; i < 8; ++i) v.push_back(uint32_t(r.read(Bcm2835Rng::DATA, 4)));
    return v;
  };
  Bcm2835Rng a(log, true), b(log, true), c(log, false), d(log, false);
  const auto first = words(a);
  EXPECT_EQ(first, words(b));
  a.reset();  // a reboot under --deterministic repeats them too
  EXPECT_EQ(first, words(a));
  EXPECT_NE(words(c), words(d));  // seeded from the host: 2^-256 to collide
}

// The counter runs at 1 MHz on the virtual clock; C1 matches when CLO reaches it, setting
// CS.M1 and raising line 1 until a write of 1 to M1 (BCM2835 ARM Peripherals, 12.1).
TEST(Bcm2835SysTimer, CountsAtOneMegahertzAndMatchesCompares) {
  GuestLog log;
  Bus bus(16 << 20, log);
  Scheduler sched;
  uint64_t t = 0;  // the time "at the running instruction", ahead of the scheduler's
  std::vector<std::pair<unsigned, bool>> lines;
  Bcm2835SysTimer timer(sched, log, [&] { return t; }, [&](unsigned n, bool level) { lines.emplace_back(n, level); });
  bus.map(kSysTimer, 0x1000, &timer);
  auto reg = [&](uint32_t off) { return bus.read(kSysTimer + off, 4); };
  t = 5'400;
  EXPECT_EQ(reg(Bcm2835SysTimer::CLO), 5u);
  EXPECT_EQ(reg(Bcm2835SysTimer::CHI), 0u);
  bus.write(kSysTimer + Bcm2835SysTimer::C0 + 4, 4, 105);  // C1
  bus.write(kSysTimer + Bcm2835SysTimer::C0 + 12, 4, 5);   // C3 = CLO now: matches only after a wrap
  EXPECT_EQ(reg(Bcm2835SysTimer::C0 + 4), 105u);
  t = 104'999;
  sched.advance_to(t);
  EXPECT_EQ(reg(Bcm2835SysTimer::CS), 0u);
  t = 105'000;  // CLO = 105: a read of CS sees the match before the scheduler runs it
  EXPECT_EQ(reg(Bcm2835SysTimer::CS), 2u);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], std::make_pair(1u, true));
  sched.advance_to(200'000);  // the scheduled event finds it done: no second edge
  EXPECT_EQ(lines.size(), 1u);
  bus.write(kSysTimer + Bcm2835SysTimer::CS, 4, 1u << 0);  // M0 is clear: nothing to do
  EXPECT_EQ(reg(Bcm2835SysTimer::CS), 2u);
  bus.write(kSysTimer + Bcm2835SysTimer::CS, 4, 1u << 1);
  EXPECT_EQ(reg(Bcm2835SysTimer::CS), 0u);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], std::make_pair(1u, false));
  // The counter's high word, and C3 matching after the low word wraps back to 5.
  t = ((1ull << 32) + 5) * 1000;
  sched.advance_to(t);
  EXPECT_EQ(reg(Bcm2835SysTimer::CHI), 1u);
  EXPECT_EQ(reg(Bcm2835SysTimer::CLO), 5u);
  EXPECT_EQ(reg(Bcm2835SysTimer::CS), 1u << 3);
  bus.write(kSysTimer + Bcm2835SysTimer::CLO, 4, 0);  // read-only
  EXPECT_EQ(reg(Bcm2835SysTimer::CLO), 5u);
}
