// Host (x86-64 Linux) stand-in for common/guest.h, used only to build the "host
// twins" of the FP guest programs (fp_expected.sh): the same program source compiled
// natively with `-I tests/guest/host` ahead of common/, printing through stdio exactly
// what the guest prints on the PL011. Its output is computed by the host's SSE
// arithmetic, independent of bramble, and becomes expected/<name>.txt.
#ifndef BRAMBLE_GUEST_H
#define BRAMBLE_GUEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BRAMBLE_HOST_TWIN 1

static inline void uart_init(void) {}
static inline void put_char(char c) { putchar(c); }
static inline void put_str(const char *s) { fputs(s, stdout); }
static inline void put_nl(void) { putchar('\n'); }
static inline void put_line(const char *s) { put_str(s); put_nl(); }
static inline void put_hexn(uint64_t v, int digits) {
    static const char hex[] = "0123456789abcdef";
    putchar('0');
    putchar('x');
    for (int i = digits - 1; i >= 0; i--) putchar(hex[(v >> (4 * i)) & 0xF]);
}
static inline void put_hex(uint64_t v) { put_hexn(v, 16); }
static inline void put_hex32(uint32_t v) { put_hexn(v, 8); }
static inline void put_dec(uint64_t v) { printf("%llu", (unsigned long long)v); }
static inline void put_sdec(int64_t v) { printf("%lld", (long long)v); }
static inline void poweroff(void) { exit(0); }

#endif
