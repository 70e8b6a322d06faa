# The cross toolchain and flags of every bare-metal guest image (tests/guest and bench/
# include this file, so both build their images the same way).
#
# Sets BRAMBLE_GUEST_FOUND, BRAMBLE_GUEST_CC/OBJCOPY/OBJDUMP, BRAMBLE_GUEST_COMMON_DIR,
# BRAMBLE_GUEST_CFLAGS, BRAMBLE_GUEST_FP_CFLAGS and BRAMBLE_GUEST_LDFLAGS.
#
# No FP/SIMD anywhere (-mgeneral-regs-only; checked on the disassembly after linking by
# check_no_fp.cmake); -mstrict-align because with the MMU off every data access is to
# Device memory, where an unaligned access faults; no PIE, no stack protector, no
# BTI/PAC, no unwind tables, no calls to libc patterns the runtime lacks.

find_program(BRAMBLE_GUEST_CC aarch64-linux-gnu-gcc)
find_program(BRAMBLE_GUEST_OBJCOPY aarch64-linux-gnu-objcopy)
find_program(BRAMBLE_GUEST_OBJDUMP aarch64-linux-gnu-objdump)
if(BRAMBLE_GUEST_CC AND BRAMBLE_GUEST_OBJCOPY AND BRAMBLE_GUEST_OBJDUMP)
  set(BRAMBLE_GUEST_FOUND TRUE)
else()
  set(BRAMBLE_GUEST_FOUND FALSE)
endif()

set(BRAMBLE_GUEST_COMMON_DIR ${CMAKE_CURRENT_LIST_DIR}/common)
set(BRAMBLE_GUEST_CFLAGS
    -std=gnu11 -O2 -g
    -ffreestanding -nostdlib -nostartfiles -static -fno-pic -fno-pie -no-pie
    -mgeneral-regs-only -fno-tree-vectorize -mstrict-align
    -fno-tree-loop-distribute-patterns
    -fno-stack-protector -mbranch-protection=none
    -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-common
    -Wall -Wextra -Werror
    -I${BRAMBLE_GUEST_COMMON_DIR})
# The FP variant, for the sources of programs and workloads that use FP/SIMD on
# purpose (tests/guest: bramble_guest_program(... FP); bench: the FP workloads). The
# runtime (common/) is always built with BRAMBLE_GUEST_CFLAGS, so no FP/SIMD register
# is touched before start.S's fp_enable (start.S built with -DBRAMBLE_GUEST_FP) or in
# the runtime's memcpy/memset. Differences from BRAMBLE_GUEST_CFLAGS:
#   - no -mgeneral-regs-only, no -fno-tree-vectorize: FP and the vectoriser allowed
#     (-O3 in a program's CFLAGS turns on auto-vectorisation);
#   - -ffp-contract=off: no a*b+c fused into FMADD/FMLA unless the source asks for
#     fma(), so the results equal those of the x86-64 host twins bit for bit;
#   - -fno-math-errno: sqrt() and the rounding builtins become single instructions
#     instead of a call to a libm the guest does not have.
# -mstrict-align stays: vector loads/stores from Device memory must be aligned too.
set(BRAMBLE_GUEST_FP_CFLAGS ${BRAMBLE_GUEST_CFLAGS})
list(REMOVE_ITEM BRAMBLE_GUEST_FP_CFLAGS -mgeneral-regs-only -fno-tree-vectorize)
list(APPEND BRAMBLE_GUEST_FP_CFLAGS -ffp-contract=off -fno-math-errno)

set(BRAMBLE_GUEST_LDFLAGS
    -Wl,-T,${BRAMBLE_GUEST_COMMON_DIR}/link.ld
    -Wl,--build-id=none -Wl,--no-warn-rwx-segments)
