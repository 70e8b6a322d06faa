// The interface between a bench workload and the two runtimes that host it:
// runtime/guest_main.c (bare-metal kernel8.img, PL011 output) and
// runtime/host_main.c (x86-64 Linux, stdout: the native limit).
//
// A workload is one C file, integer only (the guest is built with
// -mgeneral-regs-only) unless it is one of the FP workloads listed in
// CMakeLists.txt (fmatmul, nbody, imgfilter: built with the FP flags), that defines
// bench_name and bench_run() and reports its results only through bench_out(). It includes nothing but this header, so
// the very same file compiles for both targets. Every array it touches is a
// static (in .bss) of uint64_t/uint32_t/uint8_t, and wider accesses are always
// naturally aligned: with the MMU off the guest's memory is Device memory,
// where an unaligned access faults.
#ifndef BRAMBLE_BENCH_H
#define BRAMBLE_BENCH_H

#include <stddef.h>
#include <stdint.h>

// --- defined by each workload ---
extern const char bench_name[];
void bench_run(void);

// --- defined by the runtimes ---
// Prints "<label> 0x<16 hex digits>\n" and folds value into the checksum
// that the runtime prints last as "<bench_name>: checksum 0x...".
void bench_out(const char *label, uint64_t value);
// 0x9E3779B97F4A7C15, read through a volatile: the compiler cannot
// precompute a workload from its seed, on either target.
uint64_t bench_seed(void);

// --- shared helpers ---
static inline uint64_t bench_rotl(uint64_t x, int r) {
    return (x << (r & 63)) | (x >> ((64 - r) & 63));
}

// splitmix64 (Steele, Lea, Flood): the random source of every workload.
static inline uint64_t bench_rand(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// How the runtimes fold the reported values into the final checksum.
static inline uint64_t bench_fold(uint64_t acc, uint64_t v) {
    return bench_rotl(acc, 13) ^ (v * 0x9e3779b97f4a7c15ull) ^ (v >> 29);
}

#endif
