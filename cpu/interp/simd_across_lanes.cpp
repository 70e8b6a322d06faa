// Advanced SIMD across lanes (C4.1.90, C7.2): one value from all the elements of Rn,
// written to Rd as a scalar (the rest of the register zeroed). Integer sums, maxima and
// minima, and the FP maxima and minima of four singles, which reduce as a tree.
#include "cpu/fp/arm_fp.h"
#include "cpu/interp/handlers.h"
#include "cpu/interp/simd_common.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"
#include "cpu/vregs.h"

namespace bramble::interp {

namespace {
// Folds op over the elements, each extended to 128 bits; the result keeps result_esize
// bits (twice the element size for the long sums SADDLV/UADDLV).
template <bool kUnsigned, bool kLong, typename Op>
inline void reduce_integer(Cpu& c, uint32_t w, Op&& op) {
  if (fp_access_trapped(c)) return;
  const Shape sh = int_shape(w);
  const Lanes n = Lanes::of(c, rn(w));
  auto element = [&](unsigned e) {
    const uint64_t v = n.get(sh.ebytes, e);
    return kUnsigned ? i128(v) : i128(sx(v, sh.esize));
  };
  i128 acc = element(0);
  for (unsigned e = 1; e < sh.elements; ++e) acc = op(acc, element(e));
  const unsigned result_esize = kLong ? 2 * sh.esize : sh.esize;
  set_vscalar(c, rd(w), uint64_t(acc) & mask_of(result_esize), result_esize);
  c.s.pc += 4;
}

i128 sum(i128 a, i128 b) { return a + b; }
i128 larger(i128 a, i128 b) { return a > b ? a : b; }
i128 smaller(i128 a, i128 b) { return a < b ? a : b; }


// The pseudocode's Reduce(): the upper and lower halves are reduced separately and then
// combined, (e0 op e1) op (e2 op e3) for four elements. With NaNs and signed zeros the
// order decides the result, so it is kept exactly.
template <FpBinary kOp>
uint64_t reduce_tree(fp::Format f, const Lanes& n, unsigned ebytes, unsigned first, unsigned count, fp::Env& env) {
  if (count == 1) return n.get(ebytes, first);
  const unsigned half = count / 2;
  const uint64_t hi = reduce_tree<kOp>(f, n, ebytes, first + half, half, env);
  const uint64_t lo = reduce_tree<kOp>(f, n, ebytes, first, half, env);
  return kOp(f, lo, hi, env);
}

template <FpBinary kOp>
inline void reduce_fp(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const Shape sh = fp_shape(w);
  const fp::Format f = fp_format(sh);
  fp::Env env{c.s.fpcr};
  const uint64_t r = reduce_tree<kOp>(f, Lanes::of(c, rn(w)), sh.ebytes, 0, sh.elements, env);
  c.s.fpsr |= env.flags;
  set_vscalar(c, rd(w), r, sh.esize);
  c.s.pc += 4;
}
}  // namespace

void exec_ADDV(Cpu& c, uint32_t w) { reduce_integer<true, false>(c, w, sum); }
void exec_SADDLV(Cpu& c, uint32_t w) { reduce_integer<false, true>(c, w, sum); }
void exec_UADDLV(Cpu& c, uint32_t w) { reduce_integer<true, true>(c, w, sum); }
void exec_SMAXV(Cpu& c, uint32_t w) { reduce_integer<false, false>(c, w, larger); }
void exec_UMAXV(Cpu& c, uint32_t w) { reduce_integer<true, false>(c, w, larger); }
void exec_SMINV(Cpu& c, uint32_t w) { reduce_integer<false, false>(c, w, smaller); }
void exec_UMINV(Cpu& c, uint32_t w) { reduce_integer<true, false>(c, w, smaller); }

void exec_FMAXNMV(Cpu& c, uint32_t w) { reduce_fp<fp::maxnum>(c, w); }
void exec_FMINNMV(Cpu& c, uint32_t w) { reduce_fp<fp::minnum>(c, w); }
void exec_FMAXV(Cpu& c, uint32_t w) { reduce_fp<fp::max>(c, w); }
void exec_FMINV(Cpu& c, uint32_t w) { reduce_fp<fp::min>(c, w); }

}  // namespace bramble::interp
