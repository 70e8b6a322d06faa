// hello: the smallest guest. Prints a greeting and a few formatted numbers
// (exercising the print library), then powers off through the PM watchdog.
// Also built as hello_elf (same code, loaded as an ELF file).
#include "guest.h"

int main(void) {
    uart_init();
    put_line("Hello from bramble guest!");
    put_str("hex: ");
    put_hex(0x0123456789abcdefull);
    put_str(" ");
    put_hex32(0xdeadbeefu);
    put_nl();
    put_str("dec: ");
    put_dec(0);
    put_str(" ");
    put_dec(1234567890ull);
    put_str(" ");
    put_dec(UINT64_MAX);
    put_nl();
    put_str("sdec: ");
    put_sdec(-42);
    put_str(" ");
    put_sdec(INT64_MIN);
    put_str(" ");
    put_sdec(INT64_MAX);
    put_nl();
    put_line("bye");
    return 0;
}
