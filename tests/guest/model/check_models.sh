#!/bin/sh
# Cross-checks tests/guest/expected/ (produced by QEMU) against models that do
# not involve QEMU:
#   - host models: crc32 (bitwise C), sort/hash/muldiv (Python), ldst (the
#     hand-derived values annotated in ldst.S), compute (same C core, native);
#   - with a build dir argument, also every image run under Unicorn
#     (unicorn_run.c, needs libunicorn-dev), stdout and exit status compared.
#   tests/guest/model/check_models.sh [<dir with the built guest images>]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exp=$here/../expected
prog=$here/../programs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
cc=${CC:-cc}

check() {  # NAME FILE-WITH-MODEL-OUTPUT [EXPECTED-FILE]
    want=${3:-$exp/$1.txt}
    if cmp -s "$2" "$want"; then
        echo "ok   $1"
    else
        echo "FAIL $1: model output differs from $(basename "$want")"
        diff -u "$want" "$2" || true
        status=1
    fi
}

$cc -O2 -Wall -I"$prog" "$here/crc32_model.c" -o "$tmp/crc32_model"
"$tmp/crc32_model" >"$tmp/crc32.txt"
check crc32 "$tmp/crc32.txt"
$cc -O2 -Wall -I"$prog" "$here/compute_model.c" -o "$tmp/compute_model"
"$tmp/compute_model" >"$tmp/compute.txt"
check compute "$tmp/compute.txt"
for m in sort hash muldiv; do
    python3 "$here/${m}_model.py" >"$tmp/$m.txt"
    check "$m" "$tmp/$m.txt"
done
python3 "$here/ldst_model.py" "$prog/ldst.S" >"$tmp/ldst.txt"
check ldst "$tmp/ldst.txt"
check hello_elf "$exp/hello_elf.txt" "$exp/hello.txt"

if [ $# -ge 1 ]; then
    bin=$1
    $cc -O2 -Wall "$here/unicorn_run.c" -lunicorn -o "$tmp/unicorn_run"
    for name in hello ldst crc32 sort hash muldiv compute semihost; do
        want=0
        [ "$name" = semihost ] && want=3
        rc=0
        "$tmp/unicorn_run" "$bin/$name.img" >"$tmp/$name.uc" 2>"$tmp/$name.ucerr" || rc=$?
        if [ "$rc" != "$want" ]; then
            echo "FAIL $name under unicorn: exit status $rc, expected $want"
            cat "$tmp/$name.ucerr"
            status=1
        fi
        check "$name (unicorn)" "$tmp/$name.uc" "$exp/$name.txt"
    done
    check "semihost stderr (unicorn)" "$tmp/semihost.ucerr" "$exp/semihost.stderr.txt"
fi
exit $status
