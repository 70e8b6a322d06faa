// semihost: Arm semihosting through HLT #0xF000 (run with --semihosting).
// Prints one line on the PL011, one through SYS_WRITE0 and one character
// (then a newline) through SYS_WRITEC, then exits with SYS_EXIT_EXTENDED
// {ADP_Stopped_ApplicationExit, 3}: the emulator must exit with status 3.
// The test expects the semihosting console on the emulator's stdout, after
// the UART line.
#include "guest.h"

int main(void) {
    uart_init();
    put_line("semihost: uart line before semihosting calls");
    semihost_write0("semihost: SYS_WRITE0 line\n");
    semihost_writec('!');
    semihost_writec('\n');
    semihost_exit_extended(3);
}
