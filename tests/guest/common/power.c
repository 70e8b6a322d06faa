#include "power.h"
#include "mmio.h"

void poweroff(void) {
    uint32_t rsts = mmio_read32(PM_RSTS);
    rsts = (rsts & ~PM_RSTS_PARTITION_CLR) | PM_RSTS_PARTITION_63;
    mmio_write32(PM_RSTS, PM_PASSWORD | rsts);
    mmio_write32(PM_WDOG, PM_PASSWORD | 10);
    uint32_t rstc = mmio_read32(PM_RSTC);
    mmio_write32(PM_RSTC, PM_PASSWORD | (rstc & PM_RSTC_WRCFG_CLR) | PM_RSTC_WRCFG_FULL_RESET);
    for (;;) __asm__ volatile("wfe");
}
