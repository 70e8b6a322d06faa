# Fails if a guest ELF contains any FP/SIMD instruction: no B/H/S/D/Q/V register
# may appear as an operand in the disassembly of its executable sections. The
# integer guests, the bench's integer workloads and the common runtime stay
# FP-free (programs built with the FP option are exempt and checked by check_simd.cmake).
#   cmake -DOBJDUMP=aarch64-linux-gnu-objdump -DELF=x.elf -P check_no_fp.cmake
include(${CMAKE_CURRENT_LIST_DIR}/disassembly.cmake)
set(bad)
foreach(line IN LISTS insns)
  if(NOT line MATCHES "^([^\t]+)\t?(.*)$")
    continue()
  endif()
  set(mnem "${CMAKE_MATCH_1}")
  set(ops "${CMAKE_MATCH_2}")
  # A bare hex address operand ("adrp x3, b0000 <sym>") is not register b0000.
  string(REGEX REPLACE "[0-9a-f]+ <[^>]*>" "" ops "${ops}")
  string(REGEX REPLACE "<[^>]*>" "" ops "${ops}")
  string(REGEX REPLACE "//.*$" "" ops "${ops}")
  if(mnem MATCHES "^\\.(inst|word|short|byte)")
    continue()
  endif()
  if(" ${ops} " MATCHES "[^a-zA-Z0-9_.][bhsdqvz][0-9]+[^a-zA-Z0-9_]"
     OR mnem MATCHES "^(f[a-z]|ld[1-4]|st[1-4]|movi|mvni|dup|ins|umov|smov|scvtf|ucvtf|[su]q)")
    list(APPEND bad "${line}")
  endif()
endforeach()
if(bad)
  string(REPLACE ";" "\n" bad "${bad}")
  message(FATAL_ERROR "${ELF} uses FP/SIMD instructions:\n${bad}")
endif()
