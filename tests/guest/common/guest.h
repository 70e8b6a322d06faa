// Umbrella header of the bramble guest test library.
#ifndef BRAMBLE_GUEST_H
#define BRAMBLE_GUEST_H

#include <stdint.h>
#include "mmio.h"
#include "power.h"
#include "print.h"
#include "semihost.h"
#include "uart.h"

static inline uint64_t current_el(void) {
    uint64_t v;
    __asm__ volatile("mrs %0, CurrentEL" : "=r"(v));
    return (v >> 2) & 3;
}

#endif
