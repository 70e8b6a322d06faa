#!/usr/bin/env python3
"""Host model of programs/sort.c: same data, Python's sorted(), same output."""
M = (1 << 64) - 1
N = 1000


def lcg(state):
    state = (state * 6364136223846793005 + 1442695040888963407) & M
    return state, state ^ (state >> 29)


def signed(v):
    return v - (1 << 64) if v >> 63 else v


out = ["sort: begin"]


def sums(label, a):
    s = x = w = 0
    fnv = 0xcbf29ce484222325
    for i, v in enumerate(a):
        s = (s + v) & M
        x ^= v
        w = (w + v * (i + 1)) & M
        fnv = ((fnv ^ v) * 0x100000001b3) & M
    out.append("%s sum 0x%016x xor 0x%016x weighted 0x%016x fnv 0x%016x" % (label, s, x, w, fnv))


def ends(label, a, is_signed):
    picks = [a[i] for i in (0, 1, 2, N - 3, N - 2, N - 1)]
    if is_signed:
        out.append(label + "".join(" %d" % signed(v) for v in picks))
    else:
        out.append(label + "".join(" 0x%016x" % v for v in picks))


s = 20240229
ua, dup = [], []
for _ in range(N):
    s, v = lcg(s)
    ua.append(v)
    s, d = lcg(s)
    dup.append(d % 17)
sums("input   ", ua)
us = sorted(ua)
ss = sorted(ua, key=signed)
ds = sorted(dup)
out.append("unsigned sorted yes")
sums("unsigned", us)
ends("unsigned ends", us, False)
out.append("signed sorted yes negatives %d" % sum(1 for v in ss if v >> 63))
sums("signed  ", ss)
ends("signed ends", ss, True)
out.append("dups sorted yes")
sums("dups    ", ds)
out.append("dups counts" + "".join(" %d" % ds.count(v) for v in range(17)))
out.append("sort: end")
print("\n".join(out))
