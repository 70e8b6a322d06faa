// Placeholder: being written.
#include "cpu/fp/arm_fp.h"

namespace bramble::fp {}  // namespace bramble::fp
