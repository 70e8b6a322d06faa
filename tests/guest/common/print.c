#include "print.h"
#include "uart.h"

void put_char(char c) { uart_putc(c); }

void put_str(const char *s) {
    while (*s) uart_putc(*s++);
}

void put_nl(void) { uart_putc('\n'); }

void put_line(const char *s) {
    put_str(s);
    put_nl();
}

void put_hexn(uint64_t v, int digits) {
    static const char hex[] = "0123456789abcdef";
    uart_putc('0');
    uart_putc('x');
    for (int i = digits - 1; i >= 0; i--) uart_putc(hex[(v >> (4 * i)) & 0xF]);
}

void put_hex(uint64_t v) { put_hexn(v, 16); }
void put_hex32(uint32_t v) { put_hexn(v, 8); }

void put_dec(uint64_t v) {
    char buf[20];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) uart_putc(buf[--n]);
}

void put_sdec(int64_t v) {
    if (v < 0) {
        uart_putc('-');
        put_dec(-(uint64_t)v);
    } else {
        put_dec((uint64_t)v);
    }
}
