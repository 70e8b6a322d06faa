// Advanced SIMD "three different" (C4.1.90, C7.2): operations whose operands and result
// differ in element size. The long ("L") forms widen two narrow vectors, the wide ("W")
// forms add a narrow vector to a wide one, and the high-narrow ("HN") forms keep the top
// half of a wide sum or difference. In the vector forms Q = 1 is the "2" variant: the
// narrow operands come from (and a narrow result goes to) the upper 64 bits.
#include "cpu/interp/handlers.h"
#include "cpu/interp/simd_common.h"
#include "cpu/regs.h"
#include "cpu/sysregs.h"
#include "cpu/vregs.h"

namespace bramble::interp {

namespace {
// Narrow m lane matches the n lane (part + e).
constexpr int kSameLane = -1;

template <typename Op>
inline void long3(Cpu& c, uint32_t w, bool is_unsigned, bool wide_n, Op&& op) {
  long_op(c, w, rm(w), kSameLane, is_unsigned, wide_n, op);
}

inline i128 abs_diff(i128 a, i128 b) { return a > b ? a - b : b - a; }

// Carry-less multiplication of two esize-bit polynomials over GF(2) (PMULL, C7.2).
inline i128 poly_mul(i128 a, i128 b, unsigned esize) {
  i128 r = 0;
  for (unsigned i = 0; i < esize; ++i)
    if ((b >> i) & 1) r ^= a << i;
  return r;
}

// ADDHN/SUBHN and their rounding forms: the most significant half of each 2 * esize-bit
// sum or difference (modulo 2^(2 * esize), rounding constant included). Q = 0 writes the
// lower half and zeroes the upper; Q = 1 writes the upper half and keeps the lower.
template <bool kSub, bool kRound>
inline void high_narrow(Cpu& c, uint32_t w) {
  if (fp_access_trapped(c)) return;
  const unsigned eb = 1u << bits(w, 23, 22), esize = 8 * eb;
  const unsigned elements = 8 / eb;
  const bool upper = bits(w, 30, 30);
  const Lanes n = Lanes::of(c, rn(w)), m = Lanes::of(c, rm(w));
  Lanes r = upper ? Lanes::of(c, rd(w)) : Lanes{};
  const uint64_t round = kRound ? 1ull << (esize - 1) : 0;
  for (unsigned e = 0; e < elements; ++e) {
    const uint64_t a = n.get(2 * eb, e), b = m.get(2 * eb, e);
    const uint64_t sum = ((kSub ? a - b : a + b) + round) & mask_of(2 * esize);
    r.set(eb, (upper ? elements : 0) + e, sum >> esize);
  }
  set_vector(c, rd(w), r, upper);
  c.s.pc += 4;
}
}  // namespace

// The long and wide forms: (name, is_unsigned, wide_n, expression on n = a, m = b, d).
#define BRAMBLE_LONG_OP(name, is_unsigned, wide_n, expr)                                           \
  void exec_##name(Cpu& c, uint32_t w) {                                                           \
    long3(c, w, is_unsigned, wide_n, [](i128 a, i128 b, i128 d, unsigned esize, bool* sat) -> i128 { \
      (void)d;                                                                                     \
      (void)esize;                                                                                 \
      (void)sat;                                                                                   \
      return expr;                                                                                 \
    });                                                                                            \
  }
BRAMBLE_LONG_OP(SADDL_vector, false, false, a + b)
BRAMBLE_LONG_OP(UADDL_vector, true, false, a + b)
BRAMBLE_LONG_OP(SSUBL_vector, false, false, a - b)
BRAMBLE_LONG_OP(USUBL_vector, true, false, a - b)
BRAMBLE_LONG_OP(SADDW_vector, false, true, a + b)
BRAMBLE_LONG_OP(UADDW_vector, true, true, a + b)
BRAMBLE_LONG_OP(SSUBW_vector, false, true, a - b)
BRAMBLE_LONG_OP(USUBW_vector, true, true, a - b)
BRAMBLE_LONG_OP(SABAL_vector, false, false, d + abs_diff(a, b))
BRAMBLE_LONG_OP(UABAL_vector, true, false, d + abs_diff(a, b))
BRAMBLE_LONG_OP(SABDL_vector, false, false, abs_diff(a, b))
BRAMBLE_LONG_OP(UABDL_vector, true, false, abs_diff(a, b))
BRAMBLE_LONG_OP(SMLAL_vector, false, false, d + a * b)
BRAMBLE_LONG_OP(UMLAL_vector, true, false, d + a * b)
BRAMBLE_LONG_OP(SMLSL_vector, false, false, d - a * b)
BRAMBLE_LONG_OP(UMLSL_vector, true, false, d - a * b)
BRAMBLE_LONG_OP(SMULL_vector, false, false, a * b)
BRAMBLE_LONG_OP(UMULL_vector, true, false, a * b)
BRAMBLE_LONG_OP(SQDMLAL_vector, false, false, sqdmull_acc(a, b, d, esize, +1, sat))
BRAMBLE_LONG_OP(SQDMLSL_vector, false, false, sqdmull_acc(a, b, d, esize, -1, sat))
BRAMBLE_LONG_OP(SQDMULL_vector, false, false, sqdmull_acc(a, b, d, esize, 0, sat))
// 8-bit only (size = 00 in the encoding); the 64-bit form (PMULL_vector_1q) belongs to
// the crypto extension, which the BCM2837 lacks, so it has no handler.
BRAMBLE_LONG_OP(PMULL_vector, true, false, poly_mul(a, b, esize))
#undef BRAMBLE_LONG_OP

void exec_ADDHN_vector(Cpu& c, uint32_t w) { high_narrow<false, false>(c, w); }
void exec_RADDHN_vector(Cpu& c, uint32_t w) { high_narrow<false, true>(c, w); }
void exec_SUBHN_vector(Cpu& c, uint32_t w) { high_narrow<true, false>(c, w); }
void exec_RSUBHN_vector(Cpu& c, uint32_t w) { high_narrow<true, true>(c, w); }

// ---- Scalar forms: element 0 only (long_op reads bit 28) ----
void exec_SQDMLAL_scalar(Cpu& c, uint32_t w) { exec_SQDMLAL_vector(c, w); }
void exec_SQDMLSL_scalar(Cpu& c, uint32_t w) { exec_SQDMLSL_vector(c, w); }
void exec_SQDMULL_scalar(Cpu& c, uint32_t w) { exec_SQDMULL_vector(c, w); }

}  // namespace bramble::interp
