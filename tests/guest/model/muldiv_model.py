#!/usr/bin/env python3
"""Host model of programs/muldiv.c, written independently in Python from the
Arm ARM's pseudocode (C6.2 instruction descriptions): every instruction is a
function over Python integers, W forms work on the low 32 bits of their
operands and zero-extend their result."""
M64 = (1 << 64) - 1
M32 = (1 << 32) - 1

V = [0x0000000000000000, 0x0000000000000001, 0x0000000000000002,
     0x0000000000000003, 0x0000000000000007, 0xffffffffffffffff,
     0xfffffffffffffffe, 0x8000000000000000, 0x7fffffffffffffff,
     0x8000000000000001, 0x00000000ffffffff, 0x0000000100000000,
     0x123456789abcdef0, 0xfedcba9876543210, 0x0000000080000000,
     0x000000007fffffff, 0xffffffff80000000, 0x5555555555555555,
     0xaaaaaaaaaaaaaaab, 0xffffffff00000007]
NV = len(V)


def s(v, n):  # two's-complement value of the low n bits
    v &= (1 << n) - 1
    return v - (1 << n) if v >> (n - 1) else v


def w(v):
    return v & M32


def div(a, b, n, signed):
    a &= (1 << n) - 1
    b &= (1 << n) - 1
    if b == 0:
        return 0
    if signed:
        a, b = s(a, n), s(b, n)
        q = abs(a) // abs(b)
        if (a < 0) != (b < 0):
            q = -q
        return q & ((1 << n) - 1)
    return a // b


def lsl(a, sh, n): return (a << sh) & ((1 << n) - 1)
def lsr(a, sh, n): return (a & ((1 << n) - 1)) >> sh
def asr(a, sh, n): return (s(a, n) >> sh) & ((1 << n) - 1)


def ror(a, sh, n):
    a &= (1 << n) - 1
    sh %= n
    return ((a >> sh) | (a << (n - sh))) & ((1 << n) - 1)


def extr(a, b, lsb, n):
    a &= (1 << n) - 1
    b &= (1 << n) - 1
    return ((a << n | b) >> lsb) & ((1 << n) - 1)


def mask(width): return (1 << width) - 1


def bfi(d, src, lsb, width, n):
    m = mask(width) << lsb
    return ((d & ~m) | ((src & mask(width)) << lsb)) & ((1 << n) - 1)


def bfxil(d, src, lsb, width, n):
    m = mask(width)
    return ((d & ~m) | ((src >> lsb) & m)) & ((1 << n) - 1)


def ubfx(a, lsb, width): return (a >> lsb) & mask(width)
def sbfx(a, lsb, width, n): return s((a >> lsb) & mask(width), width) & ((1 << n) - 1)
def ubfiz(a, lsb, width, n): return ((a & mask(width)) << lsb) & ((1 << n) - 1)
def sbfiz(a, lsb, width, n): return (s(a & mask(width), width) << lsb) & ((1 << n) - 1)


def clz(a, n):
    a &= (1 << n) - 1
    return n - a.bit_length()


def cls(a, n):
    a &= (1 << n) - 1
    y = ((a >> 1) ^ a) & ((1 << (n - 1)) - 1)
    return (n - 1) - y.bit_length()


def rbit(a, n):
    a &= (1 << n) - 1
    return int(format(a, "0%db" % n)[::-1], 2)


def rev_bytes(a, container_bytes, n):
    a &= (1 << n) - 1
    out = 0
    for c in range(0, n // 8, container_bytes):
        chunk = (a >> (8 * c)) & ((1 << (8 * container_bytes)) - 1)
        chunk = int.from_bytes(chunk.to_bytes(container_bytes, "little"), "big")
        out |= chunk << (8 * c)
    return out


def ext(v, kind, n_out=64):
    bits = {"b": 8, "h": 16, "w": 32, "x": 64}[kind[1]]
    v &= mask(bits)
    if kind[0] == "s":
        v = s(v, bits)
    return v & ((1 << n_out) - 1)


bins = [
    ("mul_x", lambda a, b: (a * b) & M64),
    ("mul_w", lambda a, b: (w(a) * w(b)) & M32),
    ("mneg_x", lambda a, b: -(a * b) & M64),
    ("mneg_w", lambda a, b: -(w(a) * w(b)) & M32),
    ("smulh_x", lambda a, b: ((s(a, 64) * s(b, 64)) >> 64) & M64),
    ("umulh_x", lambda a, b: (a * b) >> 64),
    ("smull_x", lambda a, b: (s(a, 32) * s(b, 32)) & M64),
    ("umull_x", lambda a, b: (w(a) * w(b)) & M64),
    ("smnegl_x", lambda a, b: -(s(a, 32) * s(b, 32)) & M64),
    ("umnegl_x", lambda a, b: -(w(a) * w(b)) & M64),
    ("sdiv_x", lambda a, b: div(a, b, 64, True)),
    ("udiv_x", lambda a, b: div(a, b, 64, False)),
    ("sdiv_w", lambda a, b: div(a, b, 32, True)),
    ("udiv_w", lambda a, b: div(a, b, 32, False)),
    ("lslv_x", lambda a, b: lsl(a, b % 64, 64)),
    ("lsrv_x", lambda a, b: lsr(a, b % 64, 64)),
    ("asrv_x", lambda a, b: asr(a, b % 64, 64)),
    ("rorv_x", lambda a, b: ror(a, b % 64, 64)),
    ("lslv_w", lambda a, b: lsl(a, b % 32, 32)),
    ("lsrv_w", lambda a, b: lsr(a, b % 32, 32)),
    ("asrv_w", lambda a, b: asr(a, b % 32, 32)),
    ("rorv_w", lambda a, b: ror(a, b % 32, 32)),
    ("extr_x_0", lambda a, b: extr(a, b, 0, 64)),
    ("extr_x_1", lambda a, b: extr(a, b, 1, 64)),
    ("extr_x_32", lambda a, b: extr(a, b, 32, 64)),
    ("extr_x_63", lambda a, b: extr(a, b, 63, 64)),
    ("extr_w_0", lambda a, b: extr(a, b, 0, 32)),
    ("extr_w_1", lambda a, b: extr(a, b, 1, 32)),
    ("extr_w_16", lambda a, b: extr(a, b, 16, 32)),
    ("extr_w_31", lambda a, b: extr(a, b, 31, 32)),
    # bfi/bfxil: a = source, b = old destination
    ("bfi_x_0_8", lambda a, b: bfi(b, a, 0, 8, 64)),
    ("bfi_x_8_16", lambda a, b: bfi(b, a, 8, 16, 64)),
    ("bfi_x_56_8", lambda a, b: bfi(b, a, 56, 8, 64)),
    ("bfi_x_1_62", lambda a, b: bfi(b, a, 1, 62, 64)),
    ("bfi_x_0_64", lambda a, b: bfi(b, a, 0, 64, 64)),
    ("bfi_w_4_8", lambda a, b: bfi(w(b), w(a), 4, 8, 32)),
    ("bfi_w_31_1", lambda a, b: bfi(w(b), w(a), 31, 1, 32)),
    ("bfxil_x_0_8", lambda a, b: bfxil(b, a, 0, 8, 64)),
    ("bfxil_x_60_4", lambda a, b: bfxil(b, a, 60, 4, 64)),
    ("bfxil_x_3_33", lambda a, b: bfxil(b, a, 3, 33, 64)),
    ("bfxil_w_16_16", lambda a, b: bfxil(w(b), w(a), 16, 16, 32)),
    ("add_uxtb", lambda a, b: (a + ext(b, "ub")) & M64),
    ("add_uxth_2", lambda a, b: (a + (ext(b, "uh") << 2)) & M64),
    ("add_uxtw_4", lambda a, b: (a + (ext(b, "uw") << 4)) & M64),
    ("add_sxtb_1", lambda a, b: (a + (ext(b, "sb") << 1)) & M64),
    ("add_sxth", lambda a, b: (a + ext(b, "sh")) & M64),
    ("add_sxtw_3", lambda a, b: (a + (ext(b, "sw") << 3)) & M64),
    ("add_sxtx_2", lambda a, b: (a + (ext(b, "sx") << 2)) & M64),
    ("sub_uxtw_1", lambda a, b: (a - (ext(b, "uw") << 1)) & M64),
    ("sub_sxtw", lambda a, b: (a - ext(b, "sw")) & M64),
    ("add_w_sxth_1", lambda a, b: (a + (ext(b, "sh") << 1)) & M32),
]

ters = [
    ("madd_x", lambda a, b, c: (c + a * b) & M64),
    ("msub_x", lambda a, b, c: (c - a * b) & M64),
    ("madd_w", lambda a, b, c: (w(c) + w(a) * w(b)) & M32),
    ("msub_w", lambda a, b, c: (w(c) - w(a) * w(b)) & M32),
    ("smaddl_x", lambda a, b, c: (c + s(a, 32) * s(b, 32)) & M64),
    ("smsubl_x", lambda a, b, c: (c - s(a, 32) * s(b, 32)) & M64),
    ("umaddl_x", lambda a, b, c: (c + w(a) * w(b)) & M64),
    ("umsubl_x", lambda a, b, c: (c - w(a) * w(b)) & M64),
]

uns = [
    ("clz_x", lambda a: clz(a, 64)), ("clz_w", lambda a: clz(a, 32)),
    ("cls_x", lambda a: cls(a, 64)), ("cls_w", lambda a: cls(a, 32)),
    ("rbit_x", lambda a: rbit(a, 64)), ("rbit_w", lambda a: rbit(a, 32)),
    ("rev_x", lambda a: rev_bytes(a, 8, 64)), ("rev_w", lambda a: rev_bytes(a, 4, 32)),
    ("rev16_x", lambda a: rev_bytes(a, 2, 64)), ("rev16_w", lambda a: rev_bytes(a, 2, 32)),
    ("rev32_x", lambda a: rev_bytes(a, 4, 64)),
    ("ubfx_x_0_1", lambda a: ubfx(a, 0, 1)), ("ubfx_x_4_8", lambda a: ubfx(a, 4, 8)),
    ("ubfx_x_60_4", lambda a: ubfx(a, 60, 4)), ("ubfx_x_1_63", lambda a: ubfx(a, 1, 63)),
    ("ubfx_w_16_16", lambda a: ubfx(w(a), 16, 16)), ("ubfx_w_31_1", lambda a: ubfx(w(a), 31, 1)),
    ("sbfx_x_0_1", lambda a: sbfx(a, 0, 1, 64)), ("sbfx_x_4_8", lambda a: sbfx(a, 4, 8, 64)),
    ("sbfx_x_31_2", lambda a: sbfx(a, 31, 2, 64)), ("sbfx_x_0_64", lambda a: sbfx(a, 0, 64, 64)),
    ("sbfx_w_8_8", lambda a: sbfx(w(a), 8, 8, 32)), ("sbfx_w_30_2", lambda a: sbfx(w(a), 30, 2, 32)),
    ("ubfiz_x_4_8", lambda a: ubfiz(a, 4, 8, 64)), ("ubfiz_x_63_1", lambda a: ubfiz(a, 63, 1, 64)),
    ("ubfiz_w_8_20", lambda a: ubfiz(a, 8, 20, 32)),
    ("sbfiz_x_4_8", lambda a: sbfiz(a, 4, 8, 64)), ("sbfiz_x_32_16", lambda a: sbfiz(a, 32, 16, 64)),
    ("sbfiz_w_3_7", lambda a: sbfiz(a, 3, 7, 32)),
    ("sxtb_x", lambda a: ext(a, "sb")), ("sxth_x", lambda a: ext(a, "sh")),
    ("sxtw_x", lambda a: ext(a, "sw")), ("uxtb_w", lambda a: ext(a, "ub")),
    ("uxth_w", lambda a: ext(a, "uh")), ("sxtb_w", lambda a: ext(a, "sb", 32)),
    ("lsl_x_1", lambda a: lsl(a, 1, 64)), ("lsl_x_63", lambda a: lsl(a, 63, 64)),
    ("lsr_x_1", lambda a: lsr(a, 1, 64)), ("lsr_x_63", lambda a: lsr(a, 63, 64)),
    ("asr_x_1", lambda a: asr(a, 1, 64)), ("asr_x_63", lambda a: asr(a, 63, 64)),
    ("ror_x_13", lambda a: ror(a, 13, 64)),
    ("lsl_w_5", lambda a: lsl(a, 5, 32)), ("lsr_w_31", lambda a: lsr(a, 31, 32)),
    ("asr_w_7", lambda a: asr(a, 7, 32)), ("ror_w_1", lambda a: ror(a, 1, 32)),
    ("neg_x", lambda a: -a & M64), ("neg_w", lambda a: -a & M32),
    ("mvn_x", lambda a: ~a & M64), ("mov_w", lambda a: w(a)),
]


# ---- flags: (result, nzcv) -------------------------------------------------
def nzcv_of(n, z, c, v):
    return (n << 31) | (z << 30) | (c << 29) | (v << 28)


def add_with_carry(x, y, cin, n):
    """Arm ARM AddWithCarry: returns (result, nzcv)."""
    m = (1 << n) - 1
    x &= m
    y &= m
    usum = x + y + cin
    ssum = s(x, n) + s(y, n) + cin
    r = usum & m
    return r, nzcv_of(r >> (n - 1), int(r == 0), int(usum != r), int(s(r, n) != ssum))


def logic_flags(r, n):
    return r, nzcv_of(r >> (n - 1), int(r == 0), 0, 0)


def shifted(v, kind, amount, n):
    return {"lsl": lsl, "lsr": lsr, "asr": asr, "ror": ror}[kind](v, amount, n)


flags = [
    ("adds_x", lambda a, b, c, f: add_with_carry(a, b, 0, 64)),
    ("subs_x", lambda a, b, c, f: add_with_carry(a, ~b, 1, 64)),
    ("adds_w", lambda a, b, c, f: add_with_carry(a, b, 0, 32)),
    ("subs_w", lambda a, b, c, f: add_with_carry(a, ~b, 1, 32)),
    ("adcs_x", lambda a, b, c, f: add_with_carry(a, b, c, 64)),
    ("sbcs_x", lambda a, b, c, f: add_with_carry(a, ~b, c, 64)),
    ("adcs_w", lambda a, b, c, f: add_with_carry(a, b, c, 32)),
    ("sbcs_w", lambda a, b, c, f: add_with_carry(a, ~b, c, 32)),
    ("adc_x", lambda a, b, c, f: (add_with_carry(a, b, c, 64)[0], f)),
    ("sbc_x", lambda a, b, c, f: (add_with_carry(a, ~b, c, 64)[0], f)),
    ("adc_w", lambda a, b, c, f: (add_with_carry(a, b, c, 32)[0], f)),
    ("sbc_w", lambda a, b, c, f: (add_with_carry(a, ~b, c, 32)[0], f)),
    ("ngc_x", lambda a, b, c, f: (add_with_carry(0, ~b, c, 64)[0], f)),
    ("ngcs_x", lambda a, b, c, f: add_with_carry(0, ~b, c, 64)),
    ("ands_x", lambda a, b, c, f: logic_flags(a & b, 64)),
    ("bics_x", lambda a, b, c, f: logic_flags(a & ~b & M64, 64)),
    ("ands_w", lambda a, b, c, f: logic_flags(w(a & b), 32)),
    ("bics_w", lambda a, b, c, f: logic_flags(w(a & ~b), 32)),
    ("adds_imm_x", lambda a, b, c, f: add_with_carry(a, 4095, 0, 64)),
    ("subs_imm_x", lambda a, b, c, f: add_with_carry(a, ~(1 << 12), 1, 64)),
    ("adds_imm_w", lambda a, b, c, f: add_with_carry(a, 1, 0, 32)),
    ("subs_imm_w", lambda a, b, c, f: add_with_carry(a, ~4095, 1, 32)),
    ("ands_imm_x", lambda a, b, c, f: logic_flags(a & 0xff00ff00ff00ff00, 64)),
    ("ands_imm_w", lambda a, b, c, f: logic_flags(a & 0x80000001, 32)),
    ("adds_lsl_x", lambda a, b, c, f: add_with_carry(a, shifted(b, "lsl", 3, 64), 0, 64)),
    ("subs_asr_x", lambda a, b, c, f: add_with_carry(a, ~shifted(b, "asr", 60, 64), 1, 64)),
    ("adds_lsr_w", lambda a, b, c, f: add_with_carry(a, shifted(b, "lsr", 17, 32), 0, 32)),
    ("ands_ror_x", lambda a, b, c, f: logic_flags(a & shifted(b, "ror", 7, 64), 64)),
    ("adds_sxtw_x", lambda a, b, c, f: add_with_carry(a, ext(b, "sw") << 2, 0, 64)),
    ("subs_uxtb_w", lambda a, b, c, f: add_with_carry(a, ~(ext(b, "ub") << 1), 1, 32)),
]


# ---- conditions -------------------------------------------------------------
def holds(cond, f):
    n, z, c, v = (f >> 31) & 1, (f >> 30) & 1, (f >> 29) & 1, (f >> 28) & 1
    return {
        "eq": z == 1, "ne": z == 0, "cs": c == 1, "cc": c == 0,
        "mi": n == 1, "pl": n == 0, "vs": v == 1, "vc": v == 0,
        "hi": c == 1 and z == 0, "ls": not (c == 1 and z == 0),
        "ge": n == v, "lt": n != v, "gt": z == 0 and n == v, "le": not (z == 0 and n == v),
        "al": True, "nv": True,
    }[cond]


INVERSE = {"eq": "ne", "ne": "eq", "cs": "cc", "cc": "cs", "mi": "pl", "pl": "mi",
           "vs": "vc", "vc": "vs", "hi": "ls", "ls": "hi", "ge": "lt", "lt": "ge",
           "gt": "le", "le": "gt", "al": "nv"}
COND_NAMES = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
              "gt", "le", "al"]

cond_ops = [
    ("csel", lambda c, a, b, f: a if holds(c, f) else b),
    ("csinc", lambda c, a, b, f: a if holds(c, f) else (b + 1) & M64),
    ("csinv_w", lambda c, a, b, f: w(a) if holds(c, f) else w(~b)),
    ("csneg", lambda c, a, b, f: a if holds(c, f) else -b & M64),
    ("ccmp", lambda c, a, b, f: add_with_carry(a, ~b, 1, 64)[1] if holds(c, f) else 0xa << 28),
    ("ccmn_w", lambda c, a, b, f: add_with_carry(a, b, 0, 32)[1] if holds(c, f) else 0x5 << 28),
    ("ccmp_imm", lambda c, a, b, f: add_with_carry(a, ~3, 1, 64)[1] if holds(c, f) else 0x6 << 28),
    # cset Wd, c  ==  csinc Wd, wzr, wzr, INVERSE[c]
    ("cset_w", lambda c, a, b, f: 0 if holds(INVERSE[c], f) else 1),
]

# ---- output -------------------------------------------------------------------
out = ["muldiv: begin"]


def edge(text, v):
    out.append("%s = 0x%016x" % (text, v))


def find(table, name):
    return dict(table)[name]


B = lambda n: find(bins, n)
U = lambda n: find(uns, n)
edge("sdiv_x 0x8000000000000000 / -1", B("sdiv_x")(0x8000000000000000, M64))
edge("sdiv_x 7 / 0", B("sdiv_x")(7, 0))
edge("udiv_x 7 / 0", B("udiv_x")(7, 0))
edge("sdiv_x -7 / 2", B("sdiv_x")(-7 & M64, 2))
edge("sdiv_x 7 / -2", B("sdiv_x")(7, -2 & M64))
edge("udiv_x -1 / 3", B("udiv_x")(M64, 3))
edge("sdiv_w 0x80000000 / -1", B("sdiv_w")(0xdead000080000000, 0xbeefffffffffffff))
edge("sdiv_w 5 / 0", B("sdiv_w")(5, 0xffffffff00000000))
edge("udiv_w 0xffffffff / 2", B("udiv_w")(0x12345678ffffffff, 2))
edge("smulh_x -1 * -1", B("smulh_x")(M64, M64))
edge("umulh_x -1 * -1", B("umulh_x")(M64, M64))
edge("smulh_x min * min", B("smulh_x")(1 << 63, 1 << 63))
edge("smulh_x min * -1", B("smulh_x")(1 << 63, M64))
edge("mul_w upper bits ignored", B("mul_w")(0xffffffff00010001, 0xaaaaaaaa00010001))
edge("smull_x -2 * 0x7fffffff", B("smull_x")(0x00000000fffffffe, 0xffffffff7fffffff))
edge("umaddl_x 0xffffffff^2 + 1", find(ters, "umaddl_x")(0xffffffff, 0xffffffff, 1))
edge("clz_x 0", U("clz_x")(0))
edge("clz_w 0", U("clz_w")(0xffffffff00000000))
edge("cls_x 0", U("cls_x")(0))
edge("cls_x -1", U("cls_x")(M64))
edge("cls_w 0x00000001", U("cls_w")(1))
edge("rbit_x 1", U("rbit_x")(1))
edge("rev_x 0x0123456789abcdef", U("rev_x")(0x0123456789abcdef))
edge("rev16_x 0x0123456789abcdef", U("rev16_x")(0x0123456789abcdef))
edge("rev32_x 0x0123456789abcdef", U("rev32_x")(0x0123456789abcdef))
edge("rev_w 0x0123456789abcdef", U("rev_w")(0x0123456789abcdef))
edge("lslv_x 1 << 65", B("lslv_x")(1, 65))
edge("asrv_w 0x80000000 >> 33", B("asrv_w")(0x80000000, 33))


class Digest:
    def __init__(self):
        self.d = 0xcbf29ce484222325

    def add(self, v):
        assert 0 <= v <= M64
        self.d = ((self.d ^ v) * 0x100000001b3) & M64


def dline(name, d):
    out.append("%s 0x%016x" % (name, d.d))


for name, fn in bins:
    d = Digest()
    for i in range(NV):
        for j in range(NV):
            d.add(fn(V[i], V[j]))
    dline(name, d)
for name, fn in ters:
    d = Digest()
    for i in range(NV):
        for j in range(NV):
            d.add(fn(V[i], V[j], V[(i + 3 * j + 1) % NV]))
    dline(name, d)
for name, fn in uns:
    d = Digest()
    for i in range(NV):
        d.add(fn(V[i]))
    dline(name, d)
for name, fn in flags:
    d = Digest()
    for cin in (0, 1):
        f = 0xf0000000 if cin else 0x10000000
        for i in range(NV):
            for j in range(NV):
                r, nzcv = fn(V[i], V[j], (f >> 29) & 1, f)
                d.add(r)
                d.add(nzcv)
    dline(name, d)
for opname, fn in cond_ops:
    for c in COND_NAMES:
        d = Digest()
        for f in range(16):
            for i in range(0, NV, 3):
                for j in range(1, NV, 2):
                    d.add(fn(c, V[i], V[j], f << 28))
        dline("%s_%s" % (opname, c), d)

d = Digest()
for i in range(NV):
    for j in range(NV):
        a = [V[i], V[j], V[i] ^ V[j], ~V[i] & M64]
        b = [V[j], V[i], ~V[j] & M64, V[(i + j) % NV]]
        A = sum(x << (64 * k) for k, x in enumerate(a))
        Bv = sum(x << (64 * k) for k, x in enumerate(b))
        for r, nz in (add_with_carry(A, Bv, 0, 256), add_with_carry(A, ~Bv, 1, 256)):
            # N, C, V of the whole 256-bit operation equal those of the last
            # ADCS/SBCS, but its Z only looks at the top 64-bit limb.
            top = r >> 192
            nz = (nz & ~(1 << 30)) | (int(top == 0) << 30)
            for k in range(4):
                d.add((r >> (64 * k)) & M64)
            d.add(nz)
dline("add256/sub256 (adds/adcs, subs/sbcs chains)", d)

total = sum(V[i] * V[j] for i in range(NV) for j in range(NV)) & ((1 << 192) - 1)
out.append("sum of all 128-bit products (mul/umulh/adds/adcs/adc) 0x%016x 0x%016x 0x%016x"
           % (total >> 128, (total >> 64) & M64, total & M64))
out.append("muldiv: end")
print("\n".join(out))
