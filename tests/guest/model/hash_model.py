#!/usr/bin/env python3
"""Host model of programs/hash.c, written independently in Python."""
M = (1 << 64) - 1


def rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M


def fnv1a64(b):
    h = 0xcbf29ce484222325
    for c in b:
        h = ((h ^ c) * 0x100000001b3) & M
    return h


def fmix64(k):
    k ^= k >> 33
    k = (k * 0xff51afd7ed558ccd) & M
    k ^= k >> 33
    k = (k * 0xc4ceb9fe1a85ec53) & M
    k ^= k >> 33
    return k


def murmur64(b, seed):
    c1, c2 = 0x87c37b91114253d5, 0x4cf5ad432745937f
    h = seed
    for i in range(0, len(b) - len(b) % 8, 8):
        k = int.from_bytes(b[i:i + 8], "little")
        k = (k * c1) & M
        k = rotl(k, 31)
        k = (k * c2) & M
        h ^= k
        h = (rotl(h, 27) * 5 + 0x52dce729) & M
    return fmix64(h ^ len(b))


class SplitMix:
    def __init__(self, s):
        self.s = s

    def next(self):
        self.s = (self.s + 0x9e3779b97f4a7c15) & M
        z = self.s
        z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
        return z ^ (z >> 31)


def siphash24(m, k0, k1):
    v = [0x736f6d6570736575 ^ k0, 0x646f72616e646f6d ^ k1,
         0x6c7967656e657261 ^ k0, 0x7465646279746573 ^ k1]

    def rnd():
        v[0] = (v[0] + v[1]) & M; v[1] = rotl(v[1], 13); v[1] ^= v[0]; v[0] = rotl(v[0], 32)
        v[2] = (v[2] + v[3]) & M; v[3] = rotl(v[3], 16); v[3] ^= v[2]
        v[0] = (v[0] + v[3]) & M; v[3] = rotl(v[3], 21); v[3] ^= v[0]
        v[2] = (v[2] + v[1]) & M; v[1] = rotl(v[1], 17); v[1] ^= v[2]; v[2] = rotl(v[2], 32)

    n = len(m)
    words = [int.from_bytes(m[i:i + 8], "little") for i in range(0, n - n % 8, 8)]
    tail = m[n - n % 8:]
    words.append(((n & 0xff) << 56) | int.from_bytes(tail, "little"))
    for w in words:
        v[3] ^= w
        rnd(); rnd()
        v[0] ^= w
    v[2] ^= 0xff
    for _ in range(4):
        rnd()
    return v[0] ^ v[1] ^ v[2] ^ v[3]


out = ["hash: begin"]


def line(label, val):
    out.append("%s 0x%016x" % (label, val))


line('kat fnv1a64("")      ', fnv1a64(b""))
line('kat fnv1a64("a")     ', fnv1a64(b"a"))
line('kat fnv1a64("foobar")', fnv1a64(b"foobar"))
msg = bytes(range(64))
k0 = int.from_bytes(bytes(range(8)), "little")
k1 = int.from_bytes(bytes(range(8, 16)), "little")
line("kat siphash24(len 0) ", siphash24(msg[:0], k0, k1))
line("kat siphash24(len 15)", siphash24(msg[:15], k0, k1))
fold = 0
for n in range(64):
    fold = rotl(fold, 7) ^ siphash24(msg[:n], k0, k1)
line("siphash24 lens 0..63 fold", fold)
sm = SplitMix(0)
line("kat splitmix64(0) #1 ", sm.next())
line("splitmix64(0) #2     ", sm.next())
line("splitmix64(0) #3     ", sm.next())
line("fmix64(1)            ", fmix64(1))
line("fmix64(0xdeadbeef)   ", fmix64(0xdeadbeef))

s = 0x9E3779B97F4A7C15
data = bytearray()
for _ in range(4096):
    s = (s * 6364136223846793005 + 1442695040888963407) & M
    data.append(((s ^ (s >> 29)) >> 40) & 0xff)
data = bytes(data)
line("data fnv1a64         ", fnv1a64(data))
line("data murmur64 seed 0 ", murmur64(data, 0))
line("data murmur64 seed 42", murmur64(data, 42))
line("data siphash24       ", siphash24(data, k0, k1))
line("data siphash24 odd   ", siphash24(data[3:3 + 4096 - 10], 0x0706050403020100 ^ fold, k1 ^ M))
acc = 0
for off in range(64):
    for n in range(64):
        acc = rotl(acc, 11) ^ fnv1a64(data[off:off + n])
        acc = (acc + siphash24(data[off * 7:off * 7 + n], acc, off)) & M
        acc ^= murmur64(data[off * 13:off * 13 + (n & ~7)], acc)
line("short messages fold  ", acc)
out.append("hash: end")
print("\n".join(out))
