// Bare-metal runtime of the bench workloads: tests/guest/common/start.S calls
// main() on core 0 and powers the board off when it returns.
#include "bench.h"
#include "guest.h"

static uint64_t checksum;
static volatile uint64_t seed_cell = 0x9E3779B97F4A7C15ull;

uint64_t bench_seed(void) { return seed_cell; }

void bench_out(const char *label, uint64_t value) {
    put_str(label);
    put_char(' ');
    put_hex(value);
    put_nl();
    checksum = bench_fold(checksum, value);
}

int main(void) {
    uart_init();
    put_str(bench_name);
    put_line(": begin");
    bench_run();
    put_str(bench_name);
    put_str(": checksum ");
    put_hex(checksum);
    put_nl();
    return 0;
}
