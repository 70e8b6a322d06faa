#!/bin/sh
# Runs every guest image under the reference QEMU and compares its output with
# expected/ (default), or rewrites expected/ from it (--write).
#   tests/guest/qemu_expected.sh <dir with the built .img/.elf files> [--write]
# <dir> is <cmake build dir>/tests/guest after building the guest_programs target.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: $0 <dir with built guest images> [--write]}
mode=${2:-check}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# run NAME KERNEL-FILE EXPECTED-EXIT [extra qemu args...]
run() {
    name=$1 kernel=$2 want=$3
    shift 3
    rc=0
    timeout 60 qemu-system-aarch64 -M raspi3b -kernel "$bin/$kernel" \
        -serial stdio -display none -monitor none "$@" \
        </dev/null >"$tmp/$name.txt" 2>"$tmp/$name.err" || rc=$?
    if [ "$rc" != "$want" ]; then
        echo "FAIL $name: QEMU exit status $rc, expected $want"; status=1
    fi
    if [ "$mode" = --write ]; then
        cp "$tmp/$name.txt" "$here/expected/$name.txt"
        echo "wrote expected/$name.txt"
    elif cmp -s "$tmp/$name.txt" "$here/expected/$name.txt"; then
        echo "ok   $name"
    else
        echo "FAIL $name: output differs from expected/$name.txt"
        diff -u "$here/expected/$name.txt" "$tmp/$name.txt" || true
        status=1
    fi
}

for name in hello ldst crc32 sort hash muldiv compute; do
    run "$name" "$name.img" 0
done
run hello_elf hello_elf.elf 0
# QEMU prints the semihosting console (SYS_WRITE0/SYS_WRITEC) on stderr.
run semihost semihost.img 3 -semihosting
if [ "$mode" = --write ]; then
    cp "$tmp/semihost.err" "$here/expected/semihost.stderr.txt"
    echo "wrote expected/semihost.stderr.txt"
elif cmp -s "$tmp/semihost.err" "$here/expected/semihost.stderr.txt"; then
    echo "ok   semihost (stderr)"
else
    echo "FAIL semihost: stderr differs from expected/semihost.stderr.txt"
    diff -u "$here/expected/semihost.stderr.txt" "$tmp/semihost.err" || true
    status=1
fi
exit $status
