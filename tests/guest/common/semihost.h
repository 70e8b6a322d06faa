// Arm semihosting (A64: HLT #0xF000, w0 = operation, x1 = parameter).
#ifndef BRAMBLE_GUEST_SEMIHOST_H
#define BRAMBLE_GUEST_SEMIHOST_H

#include <stdint.h>

#define SYS_WRITEC        0x03
#define SYS_WRITE0        0x04
#define SYS_EXIT          0x18
#define SYS_EXIT_EXTENDED 0x20

#define ADP_Stopped_ApplicationExit 0x20026

uint64_t semihost_call(uint32_t op, uint64_t param);
void semihost_write0(const char *s);
void semihost_writec(char c);
__attribute__((noreturn)) void semihost_exit(void);                 // SYS_EXIT, status 0
__attribute__((noreturn)) void semihost_exit_extended(uint64_t code); // SYS_EXIT_EXTENDED

#endif
