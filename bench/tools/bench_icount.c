// bench_icount: counts the guest instructions a bench workload executes, so
// that bench/compare can turn wall times into guest MIPS. Runs a flat
// kernel8.img under Unicorn (libunicorn-dev, QEMU's TCG underneath, no
// relation to bramble) with the little of a Pi 3 the workloads touch: RAM
// from 0, the PL011 (DR to stdout, FR never busy) and the PM watchdog (the
// power-off write stops the run). The entry is 0x80000 at EL1.
//
//   bench_icount [--exact] kernel8.img
//     stdout: the guest's PL011 output (compare checks it against the others)
//     stderr: "bench_icount: <N> instructions (block|exact, unicorn X.Y.Z)"
//
// Default: a UC_HOOK_BLOCK hook adds each translated block's size / 4 when the
// block starts; exact because the workloads take no exceptions and no
// interrupts, so every block that starts also runs to its end (the one
// exception: the block holding the power-off store, whose few instructions
// after that store are counted too). --exact: a UC_HOOK_CODE hook on every
// instruction (5-10x slower), to validate the block count.
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

#define RAM_SIZE (256u << 20)
#define LOAD_ADDR 0x80000u

static uint64_t insn_count;
static int powered_off;
static uint32_t pm_rsts = 0x1000, pm_rstc = 0x102, pm_wdog;

static uint64_t uart_read(uc_engine *uc, uint64_t off, unsigned size, void *d) {
    (void)uc, (void)size, (void)d;
    return off == 0x18 ? 0x90 : 0;  // FR: TXFE | RXFE
}
static void uart_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t v, void *d) {
    (void)uc, (void)size, (void)d;
    if (off == 0) putchar((int)(v & 0xff));
}
static uint64_t pm_read(uc_engine *uc, uint64_t off, unsigned size, void *d) {
    (void)uc, (void)size, (void)d;
    switch (off) {
    case 0x1c: return pm_rstc;
    case 0x20: return pm_rsts;
    case 0x24: return pm_wdog;
    }
    return 0;
}
static void pm_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t v, void *d) {
    (void)size, (void)d;
    if ((v & 0xff000000u) != 0x5a000000u) return;
    v &= 0x00ffffffu;
    switch (off) {
    case 0x1c:
        pm_rstc = (uint32_t)v;
        if (v & 0x20) {
            powered_off = (pm_rsts & 0xfff) == 0x555 ? 1 : 2;
            uc_emu_stop(uc);
        }
        break;
    case 0x20: pm_rsts = (uint32_t)v; break;
    case 0x24: pm_wdog = (uint32_t)v; break;
    }
}
static void block_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *d) {
    (void)uc, (void)addr, (void)d;
    insn_count += size / 4;
}
static void code_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *d) {
    (void)uc, (void)addr, (void)size, (void)d;
    insn_count++;
}
static void intr_hook(uc_engine *uc, uint32_t intno, void *d) {
    (void)d;
    uint64_t pc = 0;
    uc_reg_read(uc, UC_ARM64_REG_PC, &pc);
    fprintf(stderr, "bench_icount: unexpected exception %u at pc 0x%" PRIx64 "\n", intno, pc);
    powered_off = 3;
    uc_emu_stop(uc);
}

int main(int argc, char **argv) {
    int exact = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--exact")) exact = 1;
        else path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: %s [--exact] kernel8.img\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    size_t cap = RAM_SIZE - LOAD_ADDR;
    uint8_t *image = malloc(cap);
    size_t n = image ? fread(image, 1, cap, f) : 0;
    fclose(f);
    if (!n) {
        fprintf(stderr, "bench_icount: cannot read %s\n", path);
        return 2;
    }

    uc_engine *uc;
    uc_err e = uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc);
    if (e) {
        fprintf(stderr, "uc_open: %s\n", uc_strerror(e));
        return 2;
    }
    uc_ctl_set_cpu_model(uc, UC_CPU_ARM64_A53);
    uc_mem_map(uc, 0, RAM_SIZE, UC_PROT_ALL);
    uc_mem_write(uc, LOAD_ADDR, image, n);
    free(image);
    uc_mmio_map(uc, 0x3F201000, 0x1000, uart_read, NULL, uart_write, NULL);
    uc_mmio_map(uc, 0x3F100000, 0x1000, pm_read, NULL, pm_write, NULL);
    uc_hook h1, h2;
    if (exact) uc_hook_add(uc, &h1, UC_HOOK_CODE, (void *)code_hook, NULL, 1, 0);
    else uc_hook_add(uc, &h1, UC_HOOK_BLOCK, (void *)block_hook, NULL, 1, 0);
    uc_hook_add(uc, &h2, UC_HOOK_INTR, (void *)intr_hook, NULL, 1, 0);

    uint64_t pc = LOAD_ADDR;
    for (int resumes = 0; !powered_off; resumes++) {
        e = uc_emu_start(uc, pc, (uint64_t)-1, 0, 0);
        uc_reg_read(uc, UC_ARM64_REG_PC, &pc);
        if (e || resumes > 1000) {
            fprintf(stderr, "bench_icount: %s at pc 0x%" PRIx64 "\n",
                    e ? uc_strerror(e) : "no power-off", pc);
            return 1;
        }
    }
    fflush(stdout);
    unsigned major = 0, minor = 0;
    uc_version(&major, &minor);
    fprintf(stderr, "bench_icount: %" PRIu64 " instructions (%s, unicorn %u.%u.%u)\n",
            insn_count, exact ? "exact" : "block", major, minor, (unsigned)UC_VERSION_PATCH);
    uc_close(uc);
    return powered_off == 1 ? 0 : 1;
}
