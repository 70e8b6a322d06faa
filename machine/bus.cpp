#include "machine/bus.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>

namespace bramble {

Bus::Bus(uint64_t ram_bytes, GuestLog& log) : log_(log) {
  // Anonymous memory reads as zero and costs nothing until the guest touches it, so a
  // 1 GiB board starts at once.
  void* p = ::mmap(nullptr, ram_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  ram = static_cast<uint8_t*>(p);
  ram_base = 0;
  ram_size = ram_bytes;
}

Bus::~Bus() { ::munmap(ram, ram_size); }

void Bus::map(uint64_t base, uint64_t size, MmioDevice* dev) {
  if (base < ram_base + ram_size && ram_base < base + size)
    throw std::logic_error(std::string("device ") + dev->name() + " overlaps RAM");
  for (const Region& r : regions_)
    if (base < r.base + r.size && r.base < base + size)
      throw std::logic_error(std::string("device ") + dev->name() + " overlaps " + r.dev->name());
  regions_.push_back({base, size, dev});
  std::sort(regions_.begin(), regions_.end(), [](const Region& a, const Region& b) { return a.base < b.base; });
}

const Bus::Region* Bus::find(uint64_t pa) const {
  auto it = std::upper_bound(regions_.begin(), regions_.end(), pa,
                             [](uint64_t a, const Region& r) { return a < r.base; });
  if (it == regions_.begin()) return nullptr;
  --it;
  return pa - it->base < it->size ? &*it : nullptr;
}

uint64_t Bus::read(uint64_t pa, unsigned size) {
  if (in_ram(pa, size)) {
    uint64_t v = 0;
    std::memcpy(&v, ram + (pa - ram_base), size);
    return v;
  }
  const Region* r = find(pa);
  if (!r || pa - r->base > r->size - size) {
    log_.unimplemented("read of unassigned address 0x%llx (size %u) reads as zero", (unsigned long long)pa, size);
    return 0;
  }
  const uint64_t v = r->dev->read(pa - r->base, size);
  log_.mmio(r->dev->name(), false, pa, size, v);
  return v;
}

void Bus::write(uint64_t pa, unsigned size, uint64_t value) {
  if (in_ram(pa, size)) {
    std::memcpy(ram + (pa - ram_base), &value, size);
    return;
  }
  const Region* r = find(pa);
  if (!r || pa - r->base > r->size - size) {
    log_.unimplemented("write of unassigned address 0x%llx (size %u) ignored", (unsigned long long)pa, size);
    return;
  }
  log_.mmio(r->dev->name(), true, pa, size, value);
  r->dev->write(pa - r->base, size, value);
}

bool Bus::copy_to_ram(uint64_t pa, const void* src, uint64_t len) {
  if (!in_ram(pa, len)) return false;
  std::memcpy(ram + (pa - ram_base), src, len);
  return true;
}

bool Bus::copy_from_ram(uint64_t pa, void* dst, uint64_t len) const {
  if (!in_ram(pa, len)) return false;
  std::memcpy(dst, ram + (pa - ram_base), len);
  return true;
}

}  // namespace bramble
