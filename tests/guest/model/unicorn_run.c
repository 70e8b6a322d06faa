// The Unicorn oracle (libunicorn-dev: QEMU's TCG underneath, no relation to bramble) for
// flat guest images (kernel8.img), with just enough of a Pi 3: RAM at 0, a PL011 whose DR
// goes to stdout, the PM watchdog (power-off stops the run, exit status 0) and A64
// semihosting (HLT #0xF000: SYS_WRITEC, SYS_WRITE0 to stderr, SYS_EXIT,
// SYS_EXIT_EXTENDED). It checks the guest programs' expected output
// (tests/guest/model/check_models.sh) and counts bench workloads' instructions for
// bench/compare (built there as unicorn_run).
//   cc -O2 unicorn_run.c -lunicorn -o unicorn_run
//   ./unicorn_run [--count | --exact] kernel.img
// --count prints "unicorn_run: <N> instructions (block, unicorn X.Y.Z)" to stderr: a
// block hook adds each translated block's length when it starts, exact for guests that
// take no exceptions (the block holding the power-off store counts its few remaining
// instructions too). --exact counts instruction by instruction (5-10x slower), to check.
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

#define RAM_SIZE (256u << 20)  // the bench workloads' working sets need it
#define LOAD_ADDR 0x80000u

static uc_engine *uc;
static uint64_t insn_count;
static int exit_status = -1;
static uint32_t pm_rsts = 0x1000, pm_rstc = 0x102, pm_wdog;

static uint64_t uart_read(uc_engine *u, uint64_t off, unsigned size, void *d) {
    (void)u, (void)size, (void)d;
    if (off == 0x18) return 0x90;  // FR: TXFE | RXFE, never busy
    return 0;
}
static void uart_write(uc_engine *u, uint64_t off, unsigned size, uint64_t v, void *d) {
    (void)u, (void)size, (void)d;
    if (off == 0) {
        putchar((int)(v & 0xff));
    }
}
static uint64_t pm_read(uc_engine *u, uint64_t off, unsigned size, void *d) {
    (void)u, (void)size, (void)d;
    switch (off) {
    case 0x1c: return pm_rstc;
    case 0x20: return pm_rsts;
    case 0x24: return pm_wdog;
    }
    return 0;
}
static void pm_write(uc_engine *u, uint64_t off, unsigned size, uint64_t v, void *d) {
    (void)size, (void)d;
    if ((v & 0xff000000u) != 0x5a000000u) return;
    v &= 0x00ffffffu;
    switch (off) {
    case 0x1c:
        pm_rstc = (uint32_t)v;
        if (v & 0x20) {
            exit_status = (pm_rsts & 0xfff) == 0x555 ? 0 : 100;  // 100: reset requested
            uc_emu_stop(u);
        }
        break;
    case 0x20: pm_rsts = (uint32_t)v; break;
    case 0x24: pm_wdog = (uint32_t)v; break;
    }
}

static void block_hook(uc_engine *u, uint64_t addr, uint32_t size, void *d) {
    (void)u, (void)addr, (void)d;
    insn_count += size / 4;
}
static void code_hook(uc_engine *u, uint64_t addr, uint32_t size, void *d) {
    (void)u, (void)addr, (void)size, (void)d;
    insn_count++;
}

static uint64_t rd64(uint64_t a) {
    uint64_t v = 0;
    uc_mem_read(uc, a, &v, 8);
    return v;
}

static void intr_hook(uc_engine *u, uint32_t intno, void *d) {
    (void)d;
    uint64_t pc, x0, x1;
    uint32_t insn = 0;
    uc_reg_read(u, UC_ARM64_REG_PC, &pc);
    uc_mem_read(u, pc, &insn, 4);
    if (insn != 0xd45e0000u) {  // HLT #0xF000
        fprintf(stderr, "unicorn_run: exception %u at pc 0x%llx (insn 0x%08x)\n", intno,
                (unsigned long long)pc, insn);
        exit_status = 99;
        uc_emu_stop(u);
        return;
    }
    uc_reg_read(u, UC_ARM64_REG_X0, &x0);
    uc_reg_read(u, UC_ARM64_REG_X1, &x1);
    switch (x0 & 0xffffffffu) {
    case 0x03: {
        char c = 0;
        uc_mem_read(u, x1, &c, 1);
        fputc(c, stderr);
        break;
    }
    case 0x04:
        for (uint64_t a = x1;; a++) {
            char c = 0;
            uc_mem_read(u, a, &c, 1);
            if (!c) break;
            fputc(c, stderr);
        }
        break;
    case 0x18:
        exit_status = x1 == 0x20026 ? 0 : 1;
        uc_emu_stop(u);
        return;
    case 0x20:
        exit_status = rd64(x1) == 0x20026 ? (int)(rd64(x1 + 8) & 0xff) : 1;
        uc_emu_stop(u);
        return;
    default:
        fprintf(stderr, "unicorn_run: unsupported semihosting op 0x%llx\n",
                (unsigned long long)x0);
        exit_status = 98;
        uc_emu_stop(u);
        return;
    }
    pc += 4;
    uc_reg_write(u, UC_ARM64_REG_PC, &pc);
}

int main(int argc, char **argv) {
    int count = 0, exact = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--count")) count = 1;
        else if (!strcmp(argv[i], "--exact")) count = exact = 1;
        else path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: %s [--count | --exact] kernel.img\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    uint8_t *image = malloc(RAM_SIZE - LOAD_ADDR);
    size_t n = image ? fread(image, 1, RAM_SIZE - LOAD_ADDR, f) : 0;
    fclose(f);
    if (!n) {
        fprintf(stderr, "unicorn_run: cannot read %s\n", path);
        return 2;
    }

    uc_err e = uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc);
    if (e) {
        fprintf(stderr, "uc_open: %s\n", uc_strerror(e));
        return 2;
    }
    uc_ctl_set_cpu_model(uc, UC_CPU_ARM64_A53);  // the BCM2837's core
    uc_mem_map(uc, 0, RAM_SIZE, UC_PROT_ALL);
    uc_mem_write(uc, LOAD_ADDR, image, n);
    free(image);
    uc_mmio_map(uc, 0x3F201000, 0x1000, uart_read, NULL, uart_write, NULL);
    uc_mmio_map(uc, 0x3F100000, 0x1000, pm_read, NULL, pm_write, NULL);
    uc_hook h1, h2;
    if (exact) uc_hook_add(uc, &h1, UC_HOOK_CODE, (void *)code_hook, NULL, 1, 0);
    else if (count) uc_hook_add(uc, &h1, UC_HOOK_BLOCK, (void *)block_hook, NULL, 1, 0);
    uc_hook_add(uc, &h2, UC_HOOK_INTR, (void *)intr_hook, NULL, 1, 0);

    uint64_t pc = LOAD_ADDR;
    for (;;) {
        e = uc_emu_start(uc, pc, (uint64_t)-1, 0, 0);
        if (e) {
            uc_reg_read(uc, UC_ARM64_REG_PC, &pc);
            fprintf(stderr, "unicorn_run: %s at pc 0x%llx\n", uc_strerror(e),
                    (unsigned long long)pc);
            return 97;
        }
        if (exit_status >= 0) break;
        // stopped without a verdict (e.g. WFE): resume where it stopped
        uc_reg_read(uc, UC_ARM64_REG_PC, &pc);
    }
    fflush(stdout);
    if (count) {
        unsigned major = 0, minor = 0;
        uc_version(&major, &minor);
        fprintf(stderr, "unicorn_run: %" PRIu64 " instructions (%s, unicorn %u.%u.%u)\n", insn_count,
                exact ? "exact" : "block", major, minor, (unsigned)UC_VERSION_PATCH);
    }
    uc_close(uc);
    return exit_status;
}
