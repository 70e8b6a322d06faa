#!/bin/sh
# Works out the expected output of the FP/SIMD guest programs without bramble, and
# checks expected/ against it (default) or rewrites expected/ (--write).
#   tests/guest/fp_expected.sh <dir with the built .img files> [--write]
# <dir> is <cmake build dir>/tests/guest after building the guest_programs target.
#
# Two independent references:
#   - the host twin: the same program source compiled natively for x86-64 (${CC:-cc},
#     -O2 -ffp-contract=off -fno-math-errno, host/guest.h in place of common/guest.h:
#     stdio instead of the PL011). SSE2 float/double arithmetic is IEEE 754 with
#     round-to-nearest-even and no flush-to-zero, like the guest with FPCR = 0. The
#     fpformat twin also compares each of its strings with glibc's printf/strtod and
#     fails on any difference.
#   - QEMU (qemu-system-aarch64 -M raspi3b), running the very images bramble runs.
# fp_o1, fp_o3 (both from fp_loops.c), mandelbrot, dft and fpformat: the twin's output
# must equal QEMU's for each image, and that is the expected text. neon has no twin
# (its intrinsics do not exist on x86-64): QEMU's output is the expected text.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: $0 <dir with built guest images> [--write]}
mode=${2:-check}
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

qemu() {  # NAME -> $tmp/NAME.qemu.txt
    rc=0
    timeout 60 qemu-system-aarch64 -M raspi3b -kernel "$bin/$1.img" \
        -serial stdio -display none -monitor none \
        </dev/null >"$tmp/$1.qemu.txt" 2>"$tmp/$1.qemu.err" || rc=$?
    if [ "$rc" != 0 ]; then
        echo "FAIL $1: QEMU exit status $rc"; status=1
    fi
}

twin() {  # SOURCE-NAME -> $tmp/SOURCE-NAME.twin.txt
    $cc -std=gnu11 -O2 -ffp-contract=off -fno-math-errno -Wall -Wextra -Werror \
        -I"$here/host" -I"$here/programs" -o "$tmp/$1.twin" "$here/programs/$1.c" -lm
    if ! "$tmp/$1.twin" >"$tmp/$1.twin.txt"; then
        echo "FAIL $1: host twin failed"; status=1
    fi
}

result() {  # NAME FILE: compare with or write expected/NAME.txt
    if [ "$mode" = --write ]; then
        cp "$2" "$here/expected/$1.txt"
        echo "wrote expected/$1.txt"
    elif cmp -s "$2" "$here/expected/$1.txt"; then
        echo "ok   $1"
    else
        echo "FAIL $1: differs from expected/$1.txt"
        diff -u "$here/expected/$1.txt" "$2" || true
        status=1
    fi
}

for pair in fp_o1:fp_loops fp_o3:fp_loops mandelbrot:mandelbrot dft:dft fpformat:fpformat; do
    name=${pair%%:*} src=${pair#*:}
    [ -f "$tmp/$src.twin.txt" ] || twin "$src"
    qemu "$name"
    if ! cmp -s "$tmp/$src.twin.txt" "$tmp/$name.qemu.txt"; then
        echo "FAIL $name: host twin and QEMU disagree"
        diff -u "$tmp/$src.twin.txt" "$tmp/$name.qemu.txt" | head -20 || true
        status=1
        continue
    fi
    result "$name" "$tmp/$src.twin.txt"
done
qemu neon
result neon "$tmp/neon.qemu.txt"
exit $status
