#include "uart.h"
#include "mmio.h"

void uart_init(void) {
    mmio_write32(PL011_CR, 0);                       // disable while configuring
    mmio_write32(PL011_IMSC, 0);                     // no interrupts: polled
    mmio_write32(PL011_ICR, 0x7FF);                  // clear pending ones
    mmio_write32(PL011_LCRH, (3u << 5) | (1u << 4)); // WLEN=8 bits, FEN
    mmio_write32(PL011_CR, (1u << 9) | (1u << 8) | 1u); // RXE | TXE | UARTEN
}

void uart_putc(char c) {
    while (mmio_read32(PL011_FR) & PL011_FR_TXFF) {
    }
    mmio_write32(PL011_DR, (uint8_t)c);
}

int uart_getc(void) {
    while (mmio_read32(PL011_FR) & PL011_FR_RXFE) {
    }
    return (int)(mmio_read32(PL011_DR) & 0xFF);
}

void uart_write(const char *s, unsigned long n) {
    for (unsigned long i = 0; i < n; i++) uart_putc(s[i]);
}
