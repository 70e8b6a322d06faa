// Host model of programs/compute.c: the same workload (compute_core.h)
// compiled natively.
//   cc -O2 -I../programs compute_model.c -o compute_model && ./compute_model
#include <stdio.h>
#include "compute_core.h"

int main(void) {
    uint64_t check;
    uint64_t h = compute_run(COMPUTE_ROUNDS, &check);
    printf("compute: begin\nrounds %u\nhash 0x%016llx\nsorted ends checksum 0x%016llx\n"
           "compute: end\n",
           COMPUTE_ROUNDS, (unsigned long long)h, (unsigned long long)check);
    return 0;
}
