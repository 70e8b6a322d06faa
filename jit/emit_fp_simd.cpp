// IR for the common SIMD&FP instructions (Arm ARM C4.1.90), as host SSE/AVX code.
//
// Integer and bitwise vector operations, moves, selects and SIMD&FP loads and stores have
// no FP exceptions and compile directly. FP arithmetic runs on the host only where the
// host gives Arm's bits and flags: FPCR selects round to nearest without flush-to-zero,
// and every result is a finite number of at least twice the smallest normal. Then no
// input was a NaN (x86 and Arm choose and quiet NaNs differently) and nothing was
// invalid, divided by zero, overflowed or underflowed (x86 detects tininess after
// rounding, Arm before, A1.5.7); a denormal input gives IEEE's result on both, raising no
// Arm flag without FZ. Only Inexact remains: if FPSR.IXC is already set (as it is soon in
// most FP code; QEMU's hardfloat relies on the same) there is nothing to learn, else
// MXCSR.PE tells. Anything else re-runs the exact tier-0 handler (simd_native) from the
// unchanged state; everything not listed here is a handler call.
#include "cpu/regs.h"
#include "jit/ir_emitter.h"

namespace bramble::jit {

using a64::InsnId;
using llvm::BasicBlock;
using llvm::Type;
using llvm::Value;

namespace {

Type* i64x2(IrEmitter& e) { return llvm::FixedVectorType::get(e.b().getInt64Ty(), 2); }

// V<r> viewed as lanes of ebytes-byte integers.
Value* int_lanes(IrEmitter& e, unsigned r, unsigned ebytes) {
  return e.b().CreateBitCast(e.vreg(r), llvm::FixedVectorType::get(e.b().getIntNTy(8 * ebytes), 16 / ebytes));
}
// Writes a 128-bit result; a 64-bit one (Q = 0) zeroes the upper half.
void set_vector(IrEmitter& e, unsigned r, Value* v, bool q) {
  Value* x = e.b().CreateBitCast(v, i64x2(e));
  if (!q) x = e.b().CreateInsertElement(x, e.c64(0), uint64_t(1));
  e.set_vreg(r, x);
}
// Writes a scalar of `bits` (an integer of that width) and zeroes the rest of V<r>.
void set_scalar(IrEmitter& e, unsigned r, Value* v) {
  auto& b = e.b();
  Value* x = b.CreateZExt(v, b.getInt64Ty());
  e.set_vreg(r, b.CreateInsertElement(llvm::Constant::getNullValue(i64x2(e)), x, uint64_t(0)));
}
Value* pack(IrEmitter& e, Value* lo, Value* hi) {
  auto& b = e.b();
  return b.CreateInsertElement(b.CreateInsertElement(llvm::Constant::getNullValue(i64x2(e)), lo, uint64_t(0)), hi, uint64_t(1));
}
// Writes a narrowed 64-bit result: to the lower half, zeroing the upper (Q = 0), or to
// the upper half keeping the lower (Q = 1, the "2" forms).
void set_narrow_half(IrEmitter& e, unsigned r, Value* half, bool upper) {
  e.set_vreg(r, upper ? e.b().CreateInsertElement(e.vreg(r), half, uint64_t(1)) : pack(e, half, e.c64(0)));
}
// FPSR.QC |= any lane of the i1 vector `saturated`.
void merge_qc(IrEmitter& e, Value* saturated) {
  auto& b = e.b();
  Value* qc = b.CreateZExt(b.CreateOrReduce(saturated), b.getInt32Ty());
  e.set_fpsr(b.CreateOr(e.fpsr(), b.CreateShl(qc, 27)));
}
// Shift by immediate: the element size 8 << HighestSetBit(immh).
unsigned shift_esize(uint32_t w) { return 8u << (31 - __builtin_clz(bits(w, 22, 19))); }
Value* low_bits(IrEmitter& e, unsigned r, unsigned bits) {
  return e.b().CreateTrunc(e.b().CreateExtractElement(e.vreg(r), uint64_t(0)), e.b().getIntNTy(bits));
}

// ---- FP ----
Type* fp_type(IrEmitter& e, bool dbl) { return dbl ? e.b().getDoubleTy() : e.b().getFloatTy(); }

// A vector FP operand: <4 x float> or <2 x double>. A 64-bit single-precision vector
// gets 1.0 in lanes 2 and 3, which no operation here turns into an exception.
Value* pad_upper(IrEmitter& e, Value* v, bool dbl, bool q) {
  if (dbl || q) return v;
  auto& b = e.b();
  Value* ones = llvm::ConstantVector::getSplat(llvm::ElementCount::getFixed(4), llvm::ConstantFP::get(b.getFloatTy(), 1.0));
  return b.CreateShuffleVector(v, ones, {0, 1, 6, 7});
}
Value* fp_vector(IrEmitter& e, unsigned r, bool dbl, bool q) {
  auto& b = e.b();
  return pad_upper(e, b.CreateBitCast(e.vreg(r), llvm::FixedVectorType::get(fp_type(e, dbl), dbl ? 2 : 4)), dbl, q);
}
Value* fp_scalar(IrEmitter& e, unsigned r, bool dbl) {
  return e.b().CreateBitCast(low_bits(e, r, dbl ? 64 : 32), fp_type(e, dbl));
}

// i1: every lane of the host result r (scalar or vector) is finite and at least twice
// the smallest normal, or a zero where zero_ok. A sum or difference that comes out zero
// is exact; a zero product, quotient or fused result may have underflowed (UFC), which
// without the x86 flags only the exact path can tell.
Value* host_result_usable(IrEmitter& e, Value* r, bool zero_ok) {
  auto& b = e.b();
  Type* t = r->getType();
  const bool dbl = t->getScalarType()->isDoubleTy();
  const unsigned bits = dbl ? 64 : 32, frac = dbl ? 52 : 23;
  Type* int_t = b.getIntNTy(bits);
  if (auto* vt = llvm::dyn_cast<llvm::VectorType>(t)) int_t = llvm::VectorType::get(int_t, vt->getElementCount());
  auto k = [&](uint64_t v) { return llvm::ConstantInt::get(int_t, v); };
  Value* abs = b.CreateAnd(b.CreateBitCast(r, int_t), k((1ull << (bits - 1)) - 1));
  Value* not_finite = b.CreateICmpUGE(abs, k(((1ull << (bits - 1 - frac)) - 1) << frac));  // inf or NaN
  Value* tiny = zero_ok ? b.CreateICmpULT(b.CreateSub(abs, k(1)), k((2ull << frac) - 1))  // 0 < |r| < 2 * min normal
                        : b.CreateICmpULT(abs, k(2ull << frac));                      // |r| < 2 * min normal
  Value* bad = b.CreateOr(not_finite, tiny);
  if (t->isVectorTy()) bad = b.CreateOrReduce(bad);
  return b.CreateNot(bad);
}

// The FPSR.IXC (bit 4) the operation just emitted adds: MXCSR.PE, read only while IXC
// is clear. Reading MXCSR waits for every FP operation before it, so skipping it once
// IXC is set lets independent operations overlap again.
Value* inexact_to_add(IrEmitter& e) {
  auto& b = e.b();
  llvm::Function* fn = b.GetInsertBlock()->getParent();
  BasicBlock* from = b.GetInsertBlock();
  BasicBlock* read = BasicBlock::Create(e.ctx(), "read_mxcsr", fn);
  BasicBlock* join = BasicBlock::Create(e.ctx(), "inexact", fn);
  Value* ixc_clear = b.CreateICmpEQ(b.CreateAnd(e.fpsr(), e.c32(0x10)), e.c32(0));
  b.CreateCondBr(ixc_clear, read, join);
  b.SetInsertPoint(read);
  Value* pe = b.CreateAnd(b.CreateLShr(e.host_fp_flags(), 1), e.c32(0x10));  // PE is bit 5
  b.CreateBr(join);
  b.SetInsertPoint(join);
  llvm::PHINode* phi = b.CreatePHI(b.getInt32Ty(), 2);
  phi->addIncoming(e.c32(0), from);
  phi->addIncoming(pe, read);
  return phi;
}

// An FP operation on host values; result written by `write`. zero_ok: see
// host_result_usable.
void fp_native(IrEmitter& e, bool zero_ok, const std::function<Value*()>& op, const std::function<void(Value*)>& write) {
  Value *r = nullptr, *ixc = nullptr;
  e.simd_native(
      true, false,
      [&] {
        r = e.host_fp(op);
        Value* usable = host_result_usable(e, r, zero_ok);
        ixc = inexact_to_add(e);
        return usable;
      },
      [&] {
        write(r);
        e.set_fpsr(e.b().CreateOr(e.fpsr(), ixc));
      });
}

// n * m + d with one rounding (the host's FMA instruction).
Value* fused(IrEmitter& e, Value* n, Value* m, Value* d) {
  auto& b = e.b();
  llvm::Function* fma = llvm::Intrinsic::getDeclaration(b.GetInsertBlock()->getModule(),
                                                        llvm::Intrinsic::experimental_constrained_fma, {n->getType()});
  return b.CreateConstrainedFPCall(fma, {n, m, d});
}

enum class FpOp { Add, Sub, Mul, Div, MulAdd, MulSub, Sqrt };
Value* apply(IrEmitter& e, FpOp op, Value* n, Value* m, Value* d) {
  auto& b = e.b();
  switch (op) {
    case FpOp::Add: return b.CreateFAdd(n, m);
    case FpOp::Sub: return b.CreateFSub(n, m);
    case FpOp::Mul: return b.CreateFMul(n, m);
    case FpOp::Div: return b.CreateFDiv(n, m);
    case FpOp::MulAdd: return fused(e, n, m, d);
    case FpOp::MulSub: return fused(e, b.CreateFNeg(n), m, d);
    case FpOp::Sqrt: return b.CreateConstrainedFPCall(llvm::Intrinsic::getDeclaration(b.GetInsertBlock()->getModule(),
                                                                                     llvm::Intrinsic::experimental_constrained_sqrt,
                                                                                     {n->getType()}),
                                                      {n});
  }
  return nullptr;
}

// A zero sum or difference is exact (a tiny one is representable), and so is a zero
// square root (of a zero); products, quotients and fused results can underflow to zero.
bool exact_when_zero(FpOp op) { return op == FpOp::Add || op == FpOp::Sub || op == FpOp::Sqrt; }

// FADD/FSUB/FMUL/FDIV/FMLA/FMLS (vector): sz selects double.
void fp_vector_op(IrEmitter& e, uint32_t w, FpOp op) {
  const bool dbl = bits(w, 22, 22), q = bits(w, 30, 30);
  fp_native(
      e, exact_when_zero(op),
      [&] {
        Value* n = fp_vector(e, rn(w), dbl, q);
        Value* m = fp_vector(e, rm(w), dbl, q);
        Value* d = op == FpOp::MulAdd || op == FpOp::MulSub ? fp_vector(e, rd(w), dbl, q) : nullptr;
        return apply(e, op, n, m, d);
      },
      [&](Value* r) { set_vector(e, rd(w), r, q); });
}

// FMUL/FMLA/FMLS (by element, vector): the Rm operand is one element of V<M:Rm>, index
// H:L for singles and H for doubles.
void fp_elem_op(IrEmitter& e, uint32_t w, FpOp op) {
  const bool dbl = bits(w, 22, 22), q = bits(w, 30, 30);
  const unsigned index = dbl ? bits(w, 11, 11) : bits(w, 11, 11) << 1 | bits(w, 21, 21);
  fp_native(
      e, exact_when_zero(op),
      [&] {
        auto& b = e.b();
        Value* n = fp_vector(e, rn(w), dbl, q);
        Value* all = b.CreateBitCast(e.vreg(bits(w, 20, 16)), n->getType());
        Value* m = pad_upper(e, b.CreateShuffleVector(all, llvm::SmallVector<int, 4>(dbl ? 2 : 4, int(index))), dbl, q);
        Value* d = op == FpOp::MulAdd || op == FpOp::MulSub ? fp_vector(e, rd(w), dbl, q) : nullptr;
        return apply(e, op, n, m, d);
      },
      [&](Value* r) { set_vector(e, rd(w), r, q); });
}

// Scalar FADD ... and the FMADD family (ftype 00 single, 01 double; half runs the
// handler). negate_addend/negate_product as FNMADD/FMSUB/FNMSUB define them.
bool fp_scalar_op(IrEmitter& e, uint32_t w, FpOp op, bool negate_addend = false) {
  const unsigned ftype = bits(w, 23, 22);
  if (ftype > 1) return false;
  const bool dbl = ftype == 1;
  fp_native(
      e, exact_when_zero(op),
      [&] {
        Value* n = fp_scalar(e, rn(w), dbl);
        Value* m = op == FpOp::Sqrt ? nullptr : fp_scalar(e, rm(w), dbl);
        Value* a = op == FpOp::MulAdd || op == FpOp::MulSub ? fp_scalar(e, ra(w), dbl) : nullptr;
        if (a && negate_addend) a = e.b().CreateFNeg(a);
        return apply(e, op, n, m, a);
      },
      [&](Value* r) { set_scalar(e, rd(w), e.b().CreateBitCast(r, e.b().getIntNTy(dbl ? 64 : 32))); });
  return true;
}

// ---- no FP exceptions: bit operations, moves, selects ----
// gprs: whether the instruction writes X registers or SP (see simd_native).
void plain(IrEmitter& e, const std::function<void()>& body, bool gprs = false) {
  e.simd_native(false, gprs, nullptr, body);
}

void bitwise(IrEmitter& e, uint32_t w, llvm::Instruction::BinaryOps op, bool invert_m) {
  plain(e, [&] {
    Value* m = e.vreg(rm(w));
    if (invert_m) m = e.b().CreateNot(m);
    set_vector(e, rd(w), e.b().CreateBinOp(op, e.vreg(rn(w)), m), bits(w, 30, 30));
  });
}

void int_binary(IrEmitter& e, uint32_t w, const std::function<Value*(Value*, Value*)>& op) {
  const unsigned ebytes = 1u << bits(w, 23, 22);
  plain(e, [&] { set_vector(e, rd(w), op(int_lanes(e, rn(w), ebytes), int_lanes(e, rm(w), ebytes)), bits(w, 30, 30)); });
}
void int_compare(IrEmitter& e, uint32_t w, llvm::CmpInst::Predicate p) {
  int_binary(e, w, [&](Value* n, Value* m) { return e.b().CreateSExt(e.b().CreateICmp(p, n, m), n->getType()); });
}

// SHL/USHR/SSHR (vector): esize = 8 << HighestSetBit(immh).
void shift_imm(IrEmitter& e, uint32_t w, llvm::Instruction::BinaryOps op) {
  const unsigned esize = shift_esize(w), immhb = bits(w, 22, 16);
  const bool left = op == llvm::Instruction::Shl;
  unsigned shift = left ? immhb - esize : 2 * esize - immhb;
  plain(e, [&] {
    Value* n = int_lanes(e, rn(w), esize / 8);
    Value* r;
    if (shift == esize && op == llvm::Instruction::LShr) r = llvm::Constant::getNullValue(n->getType());  // all shifted out
    else r = e.b().CreateBinOp(op, n, llvm::ConstantInt::get(n->getType(), shift == esize ? esize - 1 : shift));
    set_vector(e, rd(w), r, bits(w, 30, 30));
  });
}

// The shuffle mask selecting lanes [from, to).
llvm::SmallVector<int, 16> lane_range(int from, int to) {
  llvm::SmallVector<int, 16> mask;
  for (int i = from; i < to; ++i) mask.push_back(i);
  return mask;
}

// Vector integer ops on lanes of the instruction's size field with FPSR.QC set when the
// saturating result differs from the wrapping one (SQADD ...: the llvm.*.sat intrinsics).
void saturating(IrEmitter& e, uint32_t w, llvm::Intrinsic::ID sat, llvm::Instruction::BinaryOps wrap) {
  const unsigned ebytes = 1u << bits(w, 23, 22);
  const bool q = bits(w, 30, 30);
  plain(e, [&] {
    auto& b = e.b();
    Value* n = int_lanes(e, rn(w), ebytes);
    Value* m = int_lanes(e, rm(w), ebytes);
    Value* r = b.CreateBinaryIntrinsic(sat, n, m);
    Value* differs = b.CreateICmpNE(r, b.CreateBinOp(wrap, n, m));
    merge_qc(e, q ? differs : b.CreateShuffleVector(differs, lane_range(0, int(8 / ebytes))));
    set_vector(e, rd(w), r, q);
  });
}

// The lower (Q = 0) or upper (Q = 1) half of V<r> as `count` lanes of ebytes, widened
// (sign- or zero-extended) to twice that.
Value* widened_half(IrEmitter& e, unsigned r, unsigned ebytes, bool upper, bool is_signed) {
  auto& b = e.b();
  const int count = int(8 / ebytes);
  Value* half = b.CreateShuffleVector(int_lanes(e, r, ebytes), lane_range(upper ? count : 0, upper ? 2 * count : count));
  Type* wide = llvm::FixedVectorType::get(b.getIntNTy(16 * ebytes), unsigned(count));
  return is_signed ? b.CreateSExt(half, wide) : b.CreateZExt(half, wide);
}

// SADDL/UADDL/SSUBL/USUBL (and their "2" forms): size gives the narrow lanes.
void long_binary(IrEmitter& e, uint32_t w, bool is_signed, llvm::Instruction::BinaryOps op) {
  const unsigned ebytes = 1u << bits(w, 23, 22);
  const bool upper = bits(w, 30, 30);
  plain(e, [&] {
    Value* n = widened_half(e, rn(w), ebytes, upper, is_signed);
    Value* m = widened_half(e, rm(w), ebytes, upper, is_signed);
    set_vector(e, rd(w), e.b().CreateBinOp(op, n, m), true);
  });
}

// SSHLL/USHLL (UXTL/SXTL): narrow lanes of esize = 8 << HighestSetBit(immh) widened and
// shifted left by immh:immb - esize.
void lengthening_shift(IrEmitter& e, uint32_t w, bool is_signed) {
  const unsigned esize = shift_esize(w), shift = bits(w, 22, 16) - esize;
  plain(e, [&] {
    Value* v = widened_half(e, rn(w), esize / 8, bits(w, 30, 30), is_signed);
    if (shift) v = e.b().CreateShl(v, llvm::ConstantInt::get(v->getType(), shift));
    set_vector(e, rd(w), v, true);
  });
}

// SHRN/RSHRN (and XTN, a narrowing by zero): 2 * esize lanes of Vn shifted right and
// truncated into the lower 64 bits of Vd (Q = 0, upper half zeroed) or the upper 64
// (Q = 1, the "2" form, lower half kept). The rounding add may wrap in 2 * esize bits:
// the bits it loses are above those kept, as the shift is at most esize.
void narrow(IrEmitter& e, uint32_t w, unsigned esize, unsigned shift, bool rounding) {
  plain(e, [&] {
    auto& b = e.b();
    Value* n = int_lanes(e, rn(w), esize / 4);
    if (rounding) n = b.CreateAdd(n, llvm::ConstantInt::get(n->getType(), 1ull << (shift - 1)));
    if (shift) n = b.CreateLShr(n, llvm::ConstantInt::get(n->getType(), shift));
    auto* nt = llvm::cast<llvm::FixedVectorType>(n->getType());
    Value* half = b.CreateBitCast(b.CreateTrunc(n, llvm::FixedVectorType::get(b.getIntNTy(esize), nt->getNumElements())),
                                  b.getInt64Ty());
    set_narrow_half(e, rd(w), half, bits(w, 30, 30));
  });
}

// SQXTN/UQXTN/SQXTUN, vector and scalar: 2 * esize lanes clamped to the signed or
// unsigned esize range (FPSR.QC where that changed one), then narrowed as XTN. A scalar
// narrows element 0 alone and zeroes the rest.
enum class Sat { Signed, Unsigned, SignedToUnsigned };
void saturating_narrow(IrEmitter& e, uint32_t w, Sat kind) {
  const unsigned esize = 8u << bits(w, 23, 22);
  const bool scalar = bits(w, 28, 28), upper = !scalar && bits(w, 30, 30);
  plain(e, [&] {
    auto& b = e.b();
    Value* n = int_lanes(e, rn(w), esize / 4);
    auto* nt = llvm::cast<llvm::FixedVectorType>(n->getType());
    if (scalar) n = b.CreateShuffleVector(n, {0});
    auto k = [&](uint64_t v) { return llvm::ConstantInt::get(n->getType(), v); };
    const uint64_t smax = (1ull << (esize - 1)) - 1, umax = esize == 64 ? ~0ull : (1ull << esize) - 1;
    Value* c = n;
    switch (kind) {
      case Sat::Signed: c = b.CreateBinaryIntrinsic(llvm::Intrinsic::smax, b.CreateBinaryIntrinsic(llvm::Intrinsic::smin, n, k(smax)), k(~smax)); break;
      case Sat::Unsigned: c = b.CreateBinaryIntrinsic(llvm::Intrinsic::umin, n, k(umax)); break;
      case Sat::SignedToUnsigned: c = b.CreateBinaryIntrinsic(llvm::Intrinsic::smax, b.CreateBinaryIntrinsic(llvm::Intrinsic::smin, n, k(umax)), k(0)); break;
    }
    merge_qc(e, b.CreateICmpNE(c, n));
    const unsigned lanes = scalar ? 1 : nt->getNumElements();
    Value* narrow = b.CreateTrunc(c, llvm::FixedVectorType::get(b.getIntNTy(esize), lanes));
    Value* half = scalar ? b.CreateZExt(b.CreateBitCast(narrow, b.getIntNTy(esize)), b.getInt64Ty())
                         : b.CreateBitCast(narrow, b.getInt64Ty());
    set_narrow_half(e, rd(w), half, upper);
  });
}

// ---- SIMD&FP loads and stores ----
enum class Mode { Offset, Pre, Post };

// Reads V<t> from memory at addr (load) or writes it there: `bytes` of 1 ... 16, the 16
// as two 8-byte accesses, as tier 0 does. A load writes the register only once every
// access succeeded (a fault leaves the translation before).
Value* load_v(IrEmitter& e, Value* addr, unsigned bytes) {
  Value* lo = e.load(addr, bytes == 16 ? 8 : bytes);
  Value* hi = bytes == 16 ? e.load(e.b().CreateAdd(addr, e.c64(8)), 8) : e.c64(0);
  return pack(e, lo, hi);
}
void store_v(IrEmitter& e, unsigned t, Value* addr, unsigned bytes) {
  auto& b = e.b();
  Value* v = e.vreg(t);
  e.store(addr, bytes == 16 ? 8 : bytes, b.CreateExtractElement(v, uint64_t(0)));
  if (bytes == 16) e.store(b.CreateAdd(addr, e.c64(8)), 8, b.CreateExtractElement(v, uint64_t(1)));
}
void transfer_v(IrEmitter& e, bool load, unsigned t, Value* addr, unsigned bytes) {
  if (load) e.set_vreg(t, load_v(e, addr, bytes));
  else store_v(e, t, addr, bytes);
}

// One register: bytes from the line's size field (or 16 for the _q lines); offset()
// emits the offset from the base (an immediate, or the extended index register).
void single(IrEmitter& e, uint32_t w, bool load, unsigned bytes, Mode mode, const std::function<Value*()>& offset) {
  plain(e, [&] {
    auto& b = e.b();
    const unsigned n = rn(w), t = rd(w);
    if (n == 31) e.check_sp_alignment();
    Value* base = e.xsp(n);
    Value* off = offset();
    Value* addr = mode == Mode::Post ? base : b.CreateAdd(base, off);
    transfer_v(e, load, t, addr, bytes);
    if (mode != Mode::Offset) e.set_xsp(n, b.CreateAdd(base, off));
  }, mode != Mode::Offset);
}
void single(IrEmitter& e, uint32_t w, bool load, unsigned bytes, Mode mode, int64_t offset) {
  single(e, w, load, bytes, mode, [&] { return e.c64(uint64_t(offset)); });
}

void pair(IrEmitter& e, uint32_t w, bool load, Mode mode) {
  const unsigned bytes = 4u << bits(w, 31, 30);
  const int64_t offset = sext(bits(w, 21, 15), 7) * int64_t(bytes);
  plain(e, [&] {
    auto& b = e.b();
    const unsigned n = rn(w), t = rd(w), t2 = rt2(w);
    if (n == 31) e.check_sp_alignment();
    Value* base = e.xsp(n);
    Value* addr = mode == Mode::Post ? base : b.CreateAdd(base, e.c64(uint64_t(offset)));
    Value* addr2 = b.CreateAdd(addr, e.c64(bytes));
    if (load) {
      // Both loads before either register is written.
      Value* v1 = load_v(e, addr, bytes);
      Value* v2 = load_v(e, addr2, bytes);
      e.set_vreg(t, v1);
      e.set_vreg(t2, v2);
    } else {
      store_v(e, t, addr, bytes);
      store_v(e, t2, addr2, bytes);
    }
    if (mode != Mode::Offset) e.set_xsp(n, b.CreateAdd(base, e.c64(uint64_t(offset))));
  }, mode != Mode::Offset);
}

int64_t imm9(uint32_t w) { return sext(bits(w, 20, 12), 9); }

// Register offset (LDR/STR (register), SIMD&FP): Xm or Wm extended per option, shifted
// by log2(bytes) when S is set.
void single_reg_offset(IrEmitter& e, uint32_t w, bool load, unsigned bytes) {
  const unsigned option = bits(w, 15, 13), shift = bits(w, 12, 12) ? __builtin_ctz(bytes) : 0;
  single(e, w, load, bytes, Mode::Offset, [&] {
    auto& b = e.b();
    Value* m = e.xr(rm(w));
    if (option == 2) m = b.CreateZExt(b.CreateTrunc(m, b.getInt32Ty()), b.getInt64Ty());       // UXTW
    else if (option == 6) m = b.CreateSExt(b.CreateTrunc(m, b.getInt32Ty()), b.getInt64Ty());  // SXTW
    return shift ? b.CreateShl(m, shift) : m;
  });
}

// LD1/ST1 (multiple structures) of 1-4 registers, with or without post-index: memory
// holds the registers one after another. Done directly where the whole transfer lies in
// RAM the fast TLB maps (elements aligned where alignment is enforced: byte elements
// never need it); otherwise, or on a watched page, by the handler, element by element.
void ld1_st1(IrEmitter& e, uint32_t w, unsigned regs) {
  const bool load = bits(w, 22, 22), q = bits(w, 30, 30), post = bits(w, 23, 23);
  const unsigned ebytes = 1u << bits(w, 11, 10), reg_bytes = q ? 16 : 8, total = regs * reg_bytes;
  const unsigned n = rn(w), t = rd(w), m = rm(w);
  Value *base = nullptr, *host = nullptr;
  // The handler reads the base register and may fault: always a full helper call.
  e.simd_native(
      false, true,
      [&] {
        if (n == 31) e.check_sp_alignment();
        base = e.xsp(n);
        return e.direct_range(base, total, ebytes, !load, &host);
      },
      [&] {
        auto& b = e.b();
        for (unsigned r = 0; r < regs; ++r) {
          Value* p = b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), host, r * reg_bytes);
          const unsigned reg = (t + r) % 32;
          if (load) {
            auto* l = b.CreateAlignedLoad(b.getIntNTy(8 * reg_bytes), p, llvm::Align(1));
            Value* v = q ? b.CreateBitCast(l, i64x2(e)) : pack(e, l, e.c64(0));
            e.set_vreg(reg, v);
          } else {
            Value* v = e.vreg(reg);
            b.CreateAlignedStore(q ? b.CreateBitCast(v, b.getInt128Ty()) : b.CreateExtractElement(v, uint64_t(0)), p,
                                 llvm::Align(1));
          }
        }
        if (post) e.set_xsp(n, e.b().CreateAdd(base, m == 31 ? e.c64(total) : e.xr(m)));
      });
}

}  // namespace

bool emit_fp_simd(IrEmitter& e, InsnId id, uint32_t w) {
  using BO = llvm::Instruction::BinaryOps;
  using P = llvm::CmpInst::Predicate;
  auto& b = e.b();
  const unsigned size_bytes = 1u << bits(w, 31, 30);
  switch (id) {
    // Loads and stores.
    case InsnId::LDR_imm_simd_uimm: single(e, w, true, size_bytes, Mode::Offset, int64_t(bits(w, 21, 10)) * size_bytes); return true;
    case InsnId::STR_imm_simd_uimm: single(e, w, false, size_bytes, Mode::Offset, int64_t(bits(w, 21, 10)) * size_bytes); return true;
    case InsnId::LDR_imm_simd_uimm_q: single(e, w, true, 16, Mode::Offset, int64_t(bits(w, 21, 10)) * 16); return true;
    case InsnId::STR_imm_simd_uimm_q: single(e, w, false, 16, Mode::Offset, int64_t(bits(w, 21, 10)) * 16); return true;
    case InsnId::LDUR_simd: single(e, w, true, size_bytes, Mode::Offset, imm9(w)); return true;
    case InsnId::STUR_simd: single(e, w, false, size_bytes, Mode::Offset, imm9(w)); return true;
    case InsnId::LDUR_simd_q: single(e, w, true, 16, Mode::Offset, imm9(w)); return true;
    case InsnId::STUR_simd_q: single(e, w, false, 16, Mode::Offset, imm9(w)); return true;
    case InsnId::LDR_imm_simd_post: single(e, w, true, size_bytes, Mode::Post, imm9(w)); return true;
    case InsnId::STR_imm_simd_post: single(e, w, false, size_bytes, Mode::Post, imm9(w)); return true;
    case InsnId::LDR_imm_simd_post_q: single(e, w, true, 16, Mode::Post, imm9(w)); return true;
    case InsnId::STR_imm_simd_post_q: single(e, w, false, 16, Mode::Post, imm9(w)); return true;
    case InsnId::LDR_imm_simd_pre: single(e, w, true, size_bytes, Mode::Pre, imm9(w)); return true;
    case InsnId::STR_imm_simd_pre: single(e, w, false, size_bytes, Mode::Pre, imm9(w)); return true;
    case InsnId::LDR_imm_simd_pre_q: single(e, w, true, 16, Mode::Pre, imm9(w)); return true;
    case InsnId::STR_imm_simd_pre_q: single(e, w, false, 16, Mode::Pre, imm9(w)); return true;
    case InsnId::LDR_reg_simd: single_reg_offset(e, w, true, size_bytes); return true;
    case InsnId::STR_reg_simd: single_reg_offset(e, w, false, size_bytes); return true;
    case InsnId::LDR_reg_simd_q: single_reg_offset(e, w, true, 16); return true;
    case InsnId::STR_reg_simd_q: single_reg_offset(e, w, false, 16); return true;
    case InsnId::LD1_multi1: case InsnId::ST1_multi1: case InsnId::LD1_multi1_post: case InsnId::ST1_multi1_post:
      ld1_st1(e, w, 1); return true;
    case InsnId::LD1_multi2: case InsnId::ST1_multi2: case InsnId::LD1_multi2_post: case InsnId::ST1_multi2_post:
      ld1_st1(e, w, 2); return true;
    case InsnId::LD1_multi3: case InsnId::ST1_multi3: case InsnId::LD1_multi3_post: case InsnId::ST1_multi3_post:
      ld1_st1(e, w, 3); return true;
    case InsnId::LD1_multi4: case InsnId::ST1_multi4: case InsnId::LD1_multi4_post: case InsnId::ST1_multi4_post:
      ld1_st1(e, w, 4); return true;
    case InsnId::LDP_simd_off: case InsnId::LDNP_simd: pair(e, w, true, Mode::Offset); return true;
    case InsnId::STP_simd_off: case InsnId::STNP_simd: pair(e, w, false, Mode::Offset); return true;
    case InsnId::LDP_simd_pre: pair(e, w, true, Mode::Pre); return true;
    case InsnId::STP_simd_pre: pair(e, w, false, Mode::Pre); return true;
    case InsnId::LDP_simd_post: pair(e, w, true, Mode::Post); return true;
    case InsnId::STP_simd_post: pair(e, w, false, Mode::Post); return true;

    // Bitwise and integer vector operations.
    case InsnId::AND_vector: bitwise(e, w, BO::And, false); return true;
    case InsnId::BIC_vector: bitwise(e, w, BO::And, true); return true;
    case InsnId::ORR_vector: bitwise(e, w, BO::Or, false); return true;
    case InsnId::ORN_vector: bitwise(e, w, BO::Or, true); return true;
    case InsnId::EOR_vector: bitwise(e, w, BO::Xor, false); return true;
    case InsnId::ADD_vector: int_binary(e, w, [&](Value* n, Value* m) { return b.CreateAdd(n, m); }); return true;
    case InsnId::SUB_vector: int_binary(e, w, [&](Value* n, Value* m) { return b.CreateSub(n, m); }); return true;
    case InsnId::MUL_vector: int_binary(e, w, [&](Value* n, Value* m) { return b.CreateMul(n, m); }); return true;
    case InsnId::CMEQ_reg_vector: int_compare(e, w, P::ICMP_EQ); return true;
    case InsnId::CMGT_reg_vector: int_compare(e, w, P::ICMP_SGT); return true;
    case InsnId::CMGE_reg_vector: int_compare(e, w, P::ICMP_SGE); return true;
    case InsnId::CMHI_vector: int_compare(e, w, P::ICMP_UGT); return true;
    case InsnId::CMHS_vector: int_compare(e, w, P::ICMP_UGE); return true;
    case InsnId::SHL_vector: shift_imm(e, w, BO::Shl); return true;
    case InsnId::USHR_vector: shift_imm(e, w, BO::LShr); return true;
    case InsnId::SSHR_vector: shift_imm(e, w, BO::AShr); return true;
    case InsnId::ABS_vector:
      int_binary(e, w, [&](Value* n, Value*) {
        return b.CreateSelect(b.CreateICmpSLT(n, llvm::Constant::getNullValue(n->getType())), b.CreateNeg(n), n);
      });
      return true;
    case InsnId::SQADD_vector: saturating(e, w, llvm::Intrinsic::sadd_sat, BO::Add); return true;
    case InsnId::UQADD_vector: saturating(e, w, llvm::Intrinsic::uadd_sat, BO::Add); return true;
    case InsnId::SQSUB_vector: saturating(e, w, llvm::Intrinsic::ssub_sat, BO::Sub); return true;
    case InsnId::UQSUB_vector: saturating(e, w, llvm::Intrinsic::usub_sat, BO::Sub); return true;
    case InsnId::SADDL_vector: long_binary(e, w, true, BO::Add); return true;
    case InsnId::UADDL_vector: long_binary(e, w, false, BO::Add); return true;
    case InsnId::SSUBL_vector: long_binary(e, w, true, BO::Sub); return true;
    case InsnId::USUBL_vector: long_binary(e, w, false, BO::Sub); return true;
    case InsnId::SSHLL_vector: lengthening_shift(e, w, true); return true;
    case InsnId::USHLL_vector: lengthening_shift(e, w, false); return true;
    case InsnId::SQXTN_vector: case InsnId::SQXTN_scalar: saturating_narrow(e, w, Sat::Signed); return true;
    case InsnId::UQXTN_vector: case InsnId::UQXTN_scalar: saturating_narrow(e, w, Sat::Unsigned); return true;
    case InsnId::SQXTUN_vector: case InsnId::SQXTUN_scalar: saturating_narrow(e, w, Sat::SignedToUnsigned); return true;
    case InsnId::XTN_vector: narrow(e, w, 8u << bits(w, 23, 22), 0, false); return true;
    case InsnId::SHRN_vector: case InsnId::RSHRN_vector:
      narrow(e, w, shift_esize(w), 2 * shift_esize(w) - bits(w, 22, 16), id == InsnId::RSHRN_vector);
      return true;
    case InsnId::DUP_gen: {
      const unsigned imm5 = bits(w, 20, 16), ebytes = 1u << __builtin_ctz(imm5);
      if (imm5 == 0 || ebytes > 8) return false;
      plain(e, [&] {
        Value* x = b.CreateTrunc(e.xr(rn(w)), b.getIntNTy(8 * ebytes));
        set_vector(e, rd(w), b.CreateVectorSplat(16 / ebytes, x), bits(w, 30, 30));
      });
      return true;
    }

    // Moves with no FP processing.
    case InsnId::FMOV_reg: {
      const unsigned ftype = bits(w, 23, 22);
      if (ftype == 2) return false;
      plain(e, [&] { set_scalar(e, rd(w), low_bits(e, rn(w), ftype == 0 ? 32 : ftype == 1 ? 64 : 16)); });
      return true;
    }
    // FMOV_<to><from>_gen: S32 is Sd <- Wn, 32S is Wd <- Sn, and so on.
    case InsnId::FMOV_S32_gen: plain(e, [&] { set_scalar(e, rd(w), b.CreateTrunc(e.xr(rn(w)), b.getInt32Ty())); }); return true;
    case InsnId::FMOV_D64_gen: plain(e, [&] { set_scalar(e, rd(w), e.xr(rn(w))); }); return true;
    case InsnId::FMOV_32S_gen: plain(e, [&] { e.set_xr(rd(w), b.CreateZExt(low_bits(e, rn(w), 32), b.getInt64Ty())); }, true); return true;
    case InsnId::FMOV_64D_gen: plain(e, [&] { e.set_xr(rd(w), low_bits(e, rn(w), 64)); }, true); return true;

    // FP arithmetic.
    case InsnId::FADD_vector: fp_vector_op(e, w, FpOp::Add); return true;
    case InsnId::FSUB_vector: fp_vector_op(e, w, FpOp::Sub); return true;
    case InsnId::FMUL_vector: fp_vector_op(e, w, FpOp::Mul); return true;
    case InsnId::FDIV_vector: fp_vector_op(e, w, FpOp::Div); return true;
    case InsnId::FMLA_vector: fp_vector_op(e, w, FpOp::MulAdd); return true;
    case InsnId::FMLS_vector: fp_vector_op(e, w, FpOp::MulSub); return true;
    case InsnId::FMUL_elem: fp_elem_op(e, w, FpOp::Mul); return true;
    case InsnId::FMLA_elem: fp_elem_op(e, w, FpOp::MulAdd); return true;
    case InsnId::FMLS_elem: fp_elem_op(e, w, FpOp::MulSub); return true;
    case InsnId::FADD_scalar: return fp_scalar_op(e, w, FpOp::Add);
    case InsnId::FSUB_scalar: return fp_scalar_op(e, w, FpOp::Sub);
    case InsnId::FMUL_scalar: return fp_scalar_op(e, w, FpOp::Mul);
    case InsnId::FDIV_scalar: return fp_scalar_op(e, w, FpOp::Div);
    // FMADD: a + n*m; FMSUB: a - n*m; FNMADD: -a - n*m; FNMSUB: -a + n*m (C7.2.*).
    case InsnId::FSQRT_scalar: return fp_scalar_op(e, w, FpOp::Sqrt);
    case InsnId::FMADD: return fp_scalar_op(e, w, FpOp::MulAdd);
    case InsnId::FMSUB: return fp_scalar_op(e, w, FpOp::MulSub);
    case InsnId::FNMADD: return fp_scalar_op(e, w, FpOp::MulSub, true);
    case InsnId::FNMSUB: return fp_scalar_op(e, w, FpOp::MulAdd, true);
    default:
      return false;
  }
}

}  // namespace bramble::jit
