// Tiny printf-free output library over the PL011 (see uart.h).
#ifndef BRAMBLE_GUEST_PRINT_H
#define BRAMBLE_GUEST_PRINT_H

#include <stdint.h>

void put_char(char c);
void put_str(const char *s);            // no newline added
void put_line(const char *s);           // s then "\n"
void put_nl(void);
void put_hex(uint64_t v);               // "0x" + 16 hex digits (lower case)
void put_hex32(uint32_t v);             // "0x" + 8 hex digits
void put_hexn(uint64_t v, int digits);  // "0x" + the low `digits` nibbles
void put_dec(uint64_t v);               // unsigned decimal
void put_sdec(int64_t v);               // signed decimal

#endif
