// Advanced SIMD "vector x indexed element" and its scalar form (C4.1.90, C7.2): each
// element of Rn is combined with one fixed element of Rm (and, for the accumulating
// forms, the matching element of Rd). The long forms widen like "three different".
#include "cpu/fp/arm_fp.h"
#include "cpu/interp/handlers.h"
#include "cpu/interp/simd_common.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"
#include "cpu/vregs.h"

namespace bramble::interp {

namespace {
// The indexed operand: register and element index.
struct ElemRef {
  unsigned reg, index;
};

// Integer (C7.2 e.g. MLA (by element)): 16-bit elements (size = 01) have eight to
// choose from, so the index takes M as its low bit (H:L:M) and Rm is V0-V15; 32-bit
// ones use H:L and Rm = M:Rm.
inline ElemRef int_elem(uint32_t w) {
  const unsigned h = bits(w, 11, 11), l = bits(w, 21, 21), m = bits(w, 20, 20);
  if (bits(w, 23, 22) == 1) return {bits(w, 19, 16), (h << 2) | (l << 1) | m};
  return {bits(w, 20, 16), (h << 1) | l};
}
// FP: single uses H:L, double H alone (L = 1 is unallocated); Rm is always M:Rm.
inline ElemRef fp_elem(uint32_t w) {
  const unsigned h = bits(w, 11, 11), l = bits(w, 21, 21);
  return {bits(w, 20, 16), bits(w, 22, 22) ? h : (h << 1) | l};
}

// Same-size element loop: element e of the result is op(Rn[e], Rm[index], Rd[e]).
template <typename Op>
inline void indexed_loop(Cpu& c, uint32_t w, const Shape& sh, ElemRef er, Op&& op) {
  const Lanes n = Lanes::of(c, rn(w)), d = Lanes::of(c, rd(w));
  const uint64_t m = Lanes::of(c, er.reg).get(sh.ebytes, er.index);
  Lanes r{};
  for (unsigned e = 0; e < sh.elements; ++e) r.set(sh.ebytes, e, op(n.get(sh.ebytes, e), m, d.get(sh.ebytes, e)));
  set_vector(c, rd(w), r, sh.q);
}

// Integer: op(n, m, d, esize, sat); FPSR.QC when any saturated.
template <typename Op>
inline void int_indexed(Cpu& c, uint32_t w, Op&& op) {
  if (fp_access_trapped(c)) return;
  const Shape sh = int_shape(w);
  bool sat = false;
  indexed_loop(c, w, sh, int_elem(w), [&](uint64_t a, uint64_t b, uint64_t d) {
    return op(a, b, d, sh.esize, &sat) & mask_of(sh.esize);
  });
  if (sat) c.s.fpsr |= fp::kQC;
  c.s.pc += 4;
}

// FP: op(format, n, m, d, env), exceptions into FPSR.
template <typename Op>
inline void fp_indexed(Cpu& c, uint32_t w, Op&& op) {
  if (fp_access_trapped(c)) return;
  const Shape sh = fp_shape(w);
  const fp::Format f = fp_format(sh);
  fp::Env env{c.s.fpcr};
  indexed_loop(c, w, sh, fp_elem(w), [&](uint64_t a, uint64_t b, uint64_t d) { return op(f, a, b, d, env); });
  c.s.fpsr |= env.flags;
  c.s.pc += 4;
}

// Long forms: the shared widening loop with m fixed to the indexed element.
template <typename Op>
inline void long_indexed(Cpu& c, uint32_t w, bool is_unsigned, Op&& op) {
  const ElemRef er = int_elem(w);
  long_op(c, w, er.reg, int(er.index), is_unsigned, false, op);
}
}  // namespace

// ---- Same-size integer ----
void exec_MUL_elem(Cpu& c, uint32_t w) {
  int_indexed(c, w, [](uint64_t a, uint64_t b, uint64_t, unsigned, bool*) { return a * b; });
}
void exec_MLA_elem(Cpu& c, uint32_t w) {
  int_indexed(c, w, [](uint64_t a, uint64_t b, uint64_t d, unsigned, bool*) { return d + a * b; });
}
void exec_MLS_elem(Cpu& c, uint32_t w) {
  int_indexed(c, w, [](uint64_t a, uint64_t b, uint64_t d, unsigned, bool*) { return d - a * b; });
}
void exec_SQDMULH_elem(Cpu& c, uint32_t w) {
  int_indexed(c, w, [](uint64_t a, uint64_t b, uint64_t, unsigned esize, bool* sat) { return sqdmulh(a, b, esize, false, sat); });
}
void exec_SQRDMULH_elem(Cpu& c, uint32_t w) {
  int_indexed(c, w, [](uint64_t a, uint64_t b, uint64_t, unsigned esize, bool* sat) { return sqdmulh(a, b, esize, true, sat); });
}

// ---- Long integer: (name, is_unsigned, expression on n = a, m = b, d) ----
#define BRAMBLE_LONG_ELEM(name, is_unsigned, expr)                                                   \
  void exec_##name(Cpu& c, uint32_t w) {                                                             \
    long_indexed(c, w, is_unsigned, [](i128 a, i128 b, i128 d, unsigned esize, bool* sat) -> i128 { \
      (void)d;                                                                                       \
      (void)esize;                                                                                   \
      (void)sat;                                                                                     \
      return expr;                                                                                   \
    });                                                                                              \
  }
BRAMBLE_LONG_ELEM(SMLAL_elem, false, d + a * b)
BRAMBLE_LONG_ELEM(UMLAL_elem, true, d + a * b)
BRAMBLE_LONG_ELEM(SMLSL_elem, false, d - a * b)
BRAMBLE_LONG_ELEM(UMLSL_elem, true, d - a * b)
BRAMBLE_LONG_ELEM(SMULL_elem, false, a * b)
BRAMBLE_LONG_ELEM(UMULL_elem, true, a * b)
BRAMBLE_LONG_ELEM(SQDMLAL_elem, false, sqdmull_acc(a, b, d, esize, +1, sat))
BRAMBLE_LONG_ELEM(SQDMLSL_elem, false, sqdmull_acc(a, b, d, esize, -1, sat))
BRAMBLE_LONG_ELEM(SQDMULL_elem, false, sqdmull_acc(a, b, d, esize, 0, sat))
#undef BRAMBLE_LONG_ELEM

// ---- Floating point ----
// FMLA/FMLS fuse the multiply and add with one rounding. FMLS negates the Rn element
// before the fused operation (FPMulAdd(d, FPNeg(n), m)) rather than negating the
// product, which is visible when a NaN from Rn propagates: its sign comes out flipped.
void exec_FMLA_elem(Cpu& c, uint32_t w) {
  fp_indexed(c, w, [](fp::Format f, uint64_t a, uint64_t b, uint64_t d, fp::Env& env) { return fp::muladd(f, d, a, b, env); });
}
void exec_FMLS_elem(Cpu& c, uint32_t w) {
  fp_indexed(c, w, [](fp::Format f, uint64_t a, uint64_t b, uint64_t d, fp::Env& env) {
    return fp::muladd(f, d, fp::neg(f, a), b, env);
  });
}
void exec_FMUL_elem(Cpu& c, uint32_t w) {
  fp_indexed(c, w, [](fp::Format f, uint64_t a, uint64_t b, uint64_t, fp::Env& env) { return fp::mul(f, a, b, env); });
}
void exec_FMULX_elem(Cpu& c, uint32_t w) {
  fp_indexed(c, w, [](fp::Format f, uint64_t a, uint64_t b, uint64_t, fp::Env& env) { return fp::mulx(f, a, b, env); });
}

// ---- Scalar forms: element 0 only (the shapes and long_op read bit 28) ----
void exec_SQDMLAL_elem_scalar(Cpu& c, uint32_t w) { exec_SQDMLAL_elem(c, w); }
void exec_SQDMLSL_elem_scalar(Cpu& c, uint32_t w) { exec_SQDMLSL_elem(c, w); }
void exec_SQDMULL_elem_scalar(Cpu& c, uint32_t w) { exec_SQDMULL_elem(c, w); }
void exec_SQDMULH_elem_scalar(Cpu& c, uint32_t w) { exec_SQDMULH_elem(c, w); }
void exec_SQRDMULH_elem_scalar(Cpu& c, uint32_t w) { exec_SQRDMULH_elem(c, w); }
void exec_FMLA_elem_scalar(Cpu& c, uint32_t w) { exec_FMLA_elem(c, w); }
void exec_FMLS_elem_scalar(Cpu& c, uint32_t w) { exec_FMLS_elem(c, w); }
void exec_FMUL_elem_scalar(Cpu& c, uint32_t w) { exec_FMUL_elem(c, w); }
void exec_FMULX_elem_scalar(Cpu& c, uint32_t w) { exec_FMULX_elem(c, w); }

}  // namespace bramble::interp
