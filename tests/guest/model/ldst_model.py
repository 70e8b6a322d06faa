#!/usr/bin/env python3
"""Host model of programs/ldst: rebuilds the program's expected output from the
hand-derived values written next to every REC in ldst.S ("// => 0x...").

    python3 ldst_model.py [path/to/ldst.S]   # prints the expected output

The group order comes from the GROUPS() list in ldst.c; a group without any
"=>" annotation (prfm) prints "<group>: ok", as ldst.c does.
"""
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
asm_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "programs", "ldst.S")
c_path = os.path.join(os.path.dirname(asm_path), "ldst.c")

groups = re.search(r"#define GROUPS\(X\)(.*?)\n\n", open(c_path).read(), re.S).group(1)
order = re.findall(r"X\((\w+)\)", groups)

values = {}
current = None
for line in open(asm_path):
    m = re.match(r"^ldst_(\w+):", line)
    if m:
        current = m.group(1)
        values[current] = []
        continue
    m = re.search(r"//\s*=>\s*(0x[0-9a-fA-F]{16})\b", line)
    if m:
        if not re.match(r"^\s*(REC|OFF)\b", line):
            sys.exit("annotation on a line that records nothing: " + line)
        values[current].append(int(m.group(1), 16))

out = ["ldst: begin"]
for g in order:
    vals = values[g]
    if not vals:
        out.append(g + ": ok")
        continue
    for i in range(0, len(vals), 4):
        out.append("%s %d: %s" % (g, i, " ".join("0x%016x" % v for v in vals[i:i + 4])))
checksum = sum((i & 0xFF) * (i + 1) for i in range(2048)) & (2**64 - 1)
out.append("ldst: src checksum %d" % checksum)
out.append("ldst: end")
sys.stdout.write("\n".join(out) + "\n")
