// smc: self-modifying code. A function is called until it is hot (translated by the
// JIT), then its first instruction is rewritten and made visible with DC CVAU / IC IVAU /
// ISB; the next calls must see the new instruction. Then a loop rewrites an
// instruction of its own body half-way through.
#include "guest.h"

uint64_t smc_target(void);
void smc_sync(void *p);
uint64_t smc_inloop(uint64_t n);

int main(void) {
    uart_init();
    volatile uint32_t *first = (volatile uint32_t *)(uintptr_t)&smc_target;
    uint64_t sum = 0;
    for (int i = 0; i < 2000000; i++) sum += smc_target();
    put_str("before patch: ");
    put_dec(sum);
    put_nl();
    // MOVZ X0, #2 is 0xd2800040.
    *first = 0xd2800040u;
    smc_sync((void *)first);
    for (int i = 0; i < 2000000; i++) sum += smc_target();
    put_str("after patch: ");
    put_dec(sum);
    put_nl();
    put_str("in-loop patch: ");
    put_dec(smc_inloop(2000000));
    put_nl();
    return 0;
}
