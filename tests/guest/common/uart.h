// Polled PL011 (UART0) driver for the bramble guest test programs.
//
// Output is raw: '\n' is sent as a single 0x0A byte, no '\r' is added, so the
// expected-output files use plain "\n" line endings.
#ifndef BRAMBLE_GUEST_UART_H
#define BRAMBLE_GUEST_UART_H

#include <stdint.h>

#define PL011_BASE 0x3F201000u
#define PL011_DR   (PL011_BASE + 0x00)
#define PL011_FR   (PL011_BASE + 0x18)
#define PL011_LCRH (PL011_BASE + 0x2C)
#define PL011_CR   (PL011_BASE + 0x30)
#define PL011_IMSC (PL011_BASE + 0x38)
#define PL011_ICR  (PL011_BASE + 0x44)

#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)

// Enables UART, TX and RX in CR (8N1, FIFOs on). Does not touch the baud rate
// divisors: on a real Pi the firmware programmed them, an emulator ignores them.
void uart_init(void);
void uart_putc(char c);
int uart_getc(void);                 // blocks until a byte arrives
void uart_write(const char *s, unsigned long n);

#endif
