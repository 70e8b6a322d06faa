// compute: a compute-bound integer workload (PRNG, insertion sort, hashing,
// division, table walk; ~200 million instructions) used to measure the
// interpreter's speed. Prints the resulting hash. Host model:
// tests/guest/model/compute_model.c (the same core compiled for the host).
#include "guest.h"
#include "compute_core.h"

int main(void) {
    uart_init();
    put_line("compute: begin");
    put_str("rounds ");
    put_dec(COMPUTE_ROUNDS);
    put_nl();
    uint64_t check;
    uint64_t h = compute_run(COMPUTE_ROUNDS, &check);
    put_str("hash ");
    put_hex(h);
    put_nl();
    put_str("sorted ends checksum ");
    put_hex(check);
    put_nl();
    put_line("compute: end");
    return 0;
}
