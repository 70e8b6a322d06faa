# Fails unless the disassembly of a guest ELF matches every regex in PATTERNS
# ('|'-separated list; each is matched against "mnemonic<TAB>operands" of one
# instruction). Guards the FP programs that exist to run compiler-generated
# vector code (fp_o3): if a compiler change stopped the vectoriser, the test
# would silently turn into a scalar one.
#   cmake -DOBJDUMP=aarch64-linux-gnu-objdump -DELF=x.elf -DPATTERNS="re1|re2" -P check_simd.cmake
include(${CMAKE_CURRENT_LIST_DIR}/disassembly.cmake)
string(REPLACE "|" ";" patterns "${PATTERNS}")
set(missing)
foreach(p IN LISTS patterns)
  set(found FALSE)
  foreach(i IN LISTS insns)
    if(i MATCHES "${p}")
      set(found TRUE)
      break()
    endif()
  endforeach()
  if(NOT found)
    list(APPEND missing "${p}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "${ELF}: no instruction matches ${missing} (not vectorised?)")
endif()
