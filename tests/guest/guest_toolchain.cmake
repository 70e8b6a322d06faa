# The cross toolchain and flags of every bare-metal guest image (tests/guest and bench/
# include this file, so both build their images the same way).
#
# Sets BRAMBLE_GUEST_FOUND, BRAMBLE_GUEST_CC/OBJCOPY/OBJDUMP, BRAMBLE_GUEST_COMMON_DIR,
# BRAMBLE_GUEST_CFLAGS and BRAMBLE_GUEST_LDFLAGS.
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
set(BRAMBLE_GUEST_LDFLAGS
    -Wl,-T,${BRAMBLE_GUEST_COMMON_DIR}/link.ld
    -Wl,--build-id=none -Wl,--no-warn-rwx-segments)
