// The SYS instructions (op0 = 1, C5.3): cache maintenance, address translation (AT) and
// TLB maintenance (TLBI).
#include <cstdio>

#include "cpu/el2_traps.h"
#include "cpu/exceptions.h"
#include "cpu/memory_access.h"
#include "cpu/sysregs.h"

namespace bramble {

namespace {
constexpr uint32_t key(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2) {
  return sysreg_key(op0, op1, crn, crm, op2);
}

constexpr unsigned kDcZvaBytes = 64;  // DCZID_EL0.BS = 4: 16 words

// The lowest EL that may execute a SYS encoding, by op1 (C5.3): 0 -> EL1, 3 -> EL0 (with
// the SCTLR_EL1 controls checked by the caller), 4 -> EL2, 6 -> EL3.
unsigned min_el_of(unsigned op1) { return op1 == 3 ? 0 : op1 == 4 ? 2 : op1 == 6 ? 3 : 1; }

// Cache maintenance by VA (D4.4.x): the address is translated like a data access; a
// translation or access flag fault is a Data Abort with CM = 1 (and WnR = 1). At EL0 the
// operations need read permission; DC IVAC always needs write permission; otherwise
// none is needed.
bool translate_for_maintenance(Cpu& c, uint64_t va, bool needs_write, uint64_t* pa) {
  const unsigned ctx = c.s.el;
  const uint8_t need = needs_write ? perm_bit(Access::Write, ctx) : ctx == 0 ? perm_bit(Access::Read, 0) : 0;
  uint32_t fsc;
  const FastTlbEntry* e = c.translate_checked(va, ctx, need, &fsc);
  if (!e) {
    data_abort(c, va, fsc, true, true);
    return false;
  }
  *pa = va + e->pa_offset;
  return true;
}

// DC ZVA (C5.3.x): zeroes the naturally aligned 64-byte block, as a store: it needs write
// permission, and on Device memory it takes an alignment fault. FAR is Xt itself.
bool dc_zva(Cpu& c, uint64_t xt) {
  const uint64_t va = xt & ~uint64_t(kDcZvaBytes - 1);
  uint32_t fsc;
  const FastTlbEntry* e = c.translate_checked(va, c.s.el, perm_bit(Access::Write, c.s.el), &fsc);
  if (e && is_device(e->attr)) {
    fsc = fault_status(Fault::Alignment, 0);
    e = nullptr;
  }
  if (!e) {
    data_abort(c, xt, fsc, true);
    return false;
  }
  const uint64_t pa = va + e->pa_offset;
  for (unsigned i = 0; i < kDcZvaBytes; i += 8) c.phys_write(pa + i, 8, 0);
  return true;
}

// AT (C5.5.x): translates Xt as the named context would and writes PAR_EL1 instead of
// faulting. Success: PA[47:12], ATTR (the MAIR byte) in [63:56], SH [8:7], NS [9]; a
// fault: F = 1 and FST [6:1] (PTW and S stay 0: there is no stage 2). Bit 11 is RES1.
void address_translate(Cpu& c, unsigned ctx, bool write, uint64_t va) {
  uint32_t fsc;
  const FastTlbEntry* e = c.translate_checked(va, ctx, perm_bit(write ? Access::Write : Access::Read, ctx), &fsc);
  uint64_t par = 1u << 11;
  if (!e) {
    par |= 1 | (uint64_t(fsc) << 1);
  } else {
    const bool ns = regime_of(ctx) != 3 && el2_enabled(c.s);
    const uint64_t pa = va + e->pa_offset;
    par |= (pa & 0x000000fffffff000ull) | (uint64_t(e->attr) << 56) | (uint64_t(e->sh) << 7) | (ns ? 1u << 9 : 0);
  }
  stored<reg::PAR_EL1>(c.s) = par;
}

// TLBI (C5.5.x). Xt holds VA[55:12] in bits [43:0] and the ASID in [63:48]. With one core,
// the Inner Shareable forms do what the local ones do.
bool tlb_maintenance(Cpu& c, SysRegKey k, uint64_t xt) {
  const uint64_t va = uint64_t(int64_t(xt << 20) >> 8);  // bits 43:0 to 55:12, sign-extended from 55
  const bool as16 = (stored<reg::TCR_EL1>(c.s) >> 36) & 1;
  const uint16_t asid = as16 ? uint16_t(xt >> 48) : uint16_t((xt >> 48) & 0xff);
  Tlb& t = c.tlb;
  const bool is_or_local = k.crm == 3 || k.crm == 7;
  switch (k.op1) {
    case 0:  // EL1
      if (!is_or_local) return false;
      switch (k.op2) {
        case 0: t.invalidate_regime(1); break;                 // VMALLE1(IS)
        case 1: case 5: t.invalidate_va(1, va, false, asid); break;  // VAE1(IS), VALE1(IS)
        case 2: t.invalidate_asid(1, asid); break;             // ASIDE1(IS)
        case 3: case 7: t.invalidate_va(1, va, true, 0); break;  // VAAE1(IS), VAALE1(IS)
        default: return false;
      }
      break;
    case 4:  // EL2
      if ((k.crm == 0 || k.crm == 4) && (k.op2 == 1 || k.op2 == 5)) return true;  // IPAS2(L)E1(IS): no stage 2
      if (!is_or_local) return false;
      switch (k.op2) {
        case 0: t.invalidate_regime(2); break;                 // ALLE2(IS)
        case 1: case 5: t.invalidate_va(2, va, true, 0); break;  // VAE2(IS), VALE2(IS)
        case 4: case 6: t.invalidate_regime(1); break;         // ALLE1(IS), VMALLS12E1(IS)
        default: return false;
      }
      break;
    case 6:  // EL3
      if (!is_or_local) return false;
      switch (k.op2) {
        case 0: t.invalidate_regime(3); break;                 // ALLE3(IS)
        case 1: case 5: t.invalidate_va(3, va, true, 0); break;  // VAE3(IS), VALE3(IS)
        default: return false;
      }
      break;
    default:
      return false;
  }
  c.translation_changed();
  return true;
}

// The SCTLR_EL1 controls on EL0's cache maintenance (UCI) and DC ZVA (DZE): when clear,
// the instruction traps to EL1 (EC 0x18), D1.x.
bool el0_sys_trapped(Cpu& c, uint32_t p, uint32_t word) {
  if (c.s.el != 0) return false;
  if (p != key(1, 3, 7, 4, 1) && p != key(1, 3, 7, 5, 1) && p != key(1, 3, 7, 10, 1) && p != key(1, 3, 7, 11, 1) &&
      p != key(1, 3, 7, 14, 1))
    return false;
  const uint64_t sctlr = c.s.sctlr_el[1];
  bool allowed = true;
  if (p == key(1, 3, 7, 4, 1)) allowed = (sctlr >> 14) & 1;  // DC ZVA: DZE
  else allowed = (sctlr >> 26) & 1;                           // DC CVAC/CVAU/CIVAC, IC IVAU: UCI
  if (allowed) return false;
  sys_trap(c, sync_target_el(c.s), word);
  return true;
}
}  // namespace

bool execute_sys(Cpu& c, SysRegKey k, uint64_t xt, uint32_t word) {
  if (c.s.el < min_el_of(k.op1)) {
    undefined_access(c, "SYS", k);
    return false;
  }
  const uint32_t p = k.packed();
  if (k.crn == 8) {
    if (sys_instruction_trapped_above(c, k, word)) return false;
    if (!tlb_maintenance(c, k, xt)) {
      undefined_access(c, "SYS", k);
      return false;
    }
    return true;
  }
  if (k.crn != 7) {
    undefined_access(c, "SYS", k);
    return false;
  }
  if (k.crm == 8) {  // AT
    switch (p) {
      case key(1, 0, 7, 8, 0): address_translate(c, 1, false, xt); return true;  // S1E1R
      case key(1, 0, 7, 8, 1): address_translate(c, 1, true, xt); return true;   // S1E1W
      case key(1, 0, 7, 8, 2): address_translate(c, 0, false, xt); return true;  // S1E0R
      case key(1, 0, 7, 8, 3): address_translate(c, 0, true, xt); return true;   // S1E0W
      case key(1, 4, 7, 8, 0): address_translate(c, 2, false, xt); return true;  // S1E2R
      case key(1, 4, 7, 8, 1): address_translate(c, 2, true, xt); return true;   // S1E2W
      // S12E1*/S12E0*: with no stage 2 enabled, stage 1 alone (C5.5.x).
      case key(1, 4, 7, 8, 4): address_translate(c, 1, false, xt); return true;
      case key(1, 4, 7, 8, 5): address_translate(c, 1, true, xt); return true;
      case key(1, 4, 7, 8, 6): address_translate(c, 0, false, xt); return true;
      case key(1, 4, 7, 8, 7): address_translate(c, 0, true, xt); return true;
      case key(1, 6, 7, 8, 0): address_translate(c, 3, false, xt); return true;  // S1E3R
      case key(1, 6, 7, 8, 1): address_translate(c, 3, true, xt); return true;   // S1E3W
    }
    undefined_access(c, "SYS", k);
    return false;
  }
  // EL1's own controls on EL0 come first, then EL2's (D1.x).
  if (el0_sys_trapped(c, p, word) || sys_instruction_trapped_above(c, k, word)) return false;
  uint64_t pa;
  switch (p) {
    case key(1, 3, 7, 4, 1):  // DC ZVA
      return dc_zva(c, xt);
    case key(1, 3, 7, 5, 1):  // IC IVAU: decoded code from that line must be fetched again
      if (!translate_for_maintenance(c, xt & ~63ull, false, &pa)) return false;
      c.invalidate_code(pa, 64);
      return true;
    case key(1, 0, 7, 5, 0): case key(1, 0, 7, 1, 0):  // IC IALLU, IC IALLUIS
      c.invalidate_all_code();
      return true;
    case key(1, 3, 7, 10, 1): case key(1, 3, 7, 11, 1): case key(1, 3, 7, 14, 1):  // DC CVAC, CVAU, CIVAC
      return translate_for_maintenance(c, xt, false, &pa);  // no caches to clean
    case key(1, 0, 7, 6, 1):  // DC IVAC
      return translate_for_maintenance(c, xt, true, &pa);
    case key(1, 0, 7, 6, 2): case key(1, 0, 7, 10, 2): case key(1, 0, 7, 14, 2):  // DC ISW, CSW, CISW
      return true;  // by set/way: nothing to maintain
  }
  undefined_access(c, "SYS", k);
  return false;
}

}  // namespace bramble
