// Host (x86-64 Linux) runtime of the bench workloads: the same workload source
// compiled natively, the speed limit an emulator is measured against. Prints
// exactly what runtime/guest_main.c prints on the PL011.
#include <inttypes.h>
#include <stdio.h>

#include "bench.h"

static uint64_t checksum;
static volatile uint64_t seed_cell = 0x9E3779B97F4A7C15ull;

uint64_t bench_seed(void) { return seed_cell; }

void bench_out(const char *label, uint64_t value) {
    printf("%s 0x%016" PRIx64 "\n", label, value);
    checksum = bench_fold(checksum, value);
}

int main(void) {
    printf("%s: begin\n", bench_name);
    bench_run();
    printf("%s: checksum 0x%016" PRIx64 "\n", bench_name, checksum);
    return 0;
}
