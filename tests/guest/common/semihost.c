#include "semihost.h"

uint64_t semihost_call(uint32_t op, uint64_t param) {
    register uint64_t x0 __asm__("x0") = op;
    register uint64_t x1 __asm__("x1") = param;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

void semihost_write0(const char *s) { semihost_call(SYS_WRITE0, (uint64_t)(uintptr_t)s); }

void semihost_writec(char c) {
    volatile char ch = c;  // SYS_WRITEC takes a pointer to the character
    semihost_call(SYS_WRITEC, (uint64_t)(uintptr_t)&ch);
}

void semihost_exit(void) {
    semihost_call(SYS_EXIT, ADP_Stopped_ApplicationExit);
    for (;;) __asm__ volatile("wfe");
}

void semihost_exit_extended(uint64_t code) {
    volatile uint64_t block[2] = {ADP_Stopped_ApplicationExit, code};
    semihost_call(SYS_EXIT_EXTENDED, (uint64_t)(uintptr_t)block);
    for (;;) __asm__ volatile("wfe");
}
