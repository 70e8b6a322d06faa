// For programs that test something at EL1 (they link programs/exceptions_asm.S, which
// holds the vectors and drop_to_el1): started at EL2, as the Pi firmware leaves a kernel,
// main() calls run_at_el1(entry), which drops to EL1h with DAIF masked and its own stack.
#ifndef BRAMBLE_GUEST_EL1_H
#define BRAMBLE_GUEST_EL1_H

#include "guest.h"

void drop_to_el1(void (*entry)(void), void *sp);

static inline int run_at_el1(void (*entry)(void)) {
    static uint64_t el1_stack[512] __attribute__((aligned(16)));
    uart_init();
    if (current_el() != 2) {
        put_line("this program starts at EL2, as the Pi firmware leaves a kernel");
        return 0;
    }
    drop_to_el1(entry, el1_stack + 512);
    return 0;
}

#endif
