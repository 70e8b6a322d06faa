// Placeholder: being written.
#include "cpu/interp/handlers.h"
#include "cpu/interp/simd_common.h"

namespace bramble::interp {}  // namespace bramble::interp
