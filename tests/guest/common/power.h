// Power-off through the BCM2835 power-management watchdog, the way the Pi
// firmware and Linux's bcm2835_wdt driver do it.
#ifndef BRAMBLE_GUEST_POWER_H
#define BRAMBLE_GUEST_POWER_H

#define PM_BASE     0x3F100000u
#define PM_RSTC     (PM_BASE + 0x1C)
#define PM_RSTS     (PM_BASE + 0x20)
#define PM_WDOG     (PM_BASE + 0x24)
#define PM_PASSWORD 0x5A000000u
#define PM_RSTC_WRCFG_CLR        0xFFFFFFCFu  // ~0x30
#define PM_RSTC_WRCFG_FULL_RESET 0x00000020u
// RSTS holds the boot partition number spread over the even bits 0..10;
// partition 63 (all six set: 0x555) tells the firmware to halt.
#define PM_RSTS_PARTITION_CLR    0xFFFFFAAAu
#define PM_RSTS_PARTITION_63     0x00000555u

__attribute__((noreturn)) void poweroff(void);

#endif
