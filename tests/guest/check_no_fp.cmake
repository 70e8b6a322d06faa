# Fails if a guest ELF contains any FP/SIMD instruction (bramble does not
# emulate FP yet): no B/H/S/D/Q/V register may appear as an operand in the
# disassembly of its executable sections.
#   cmake -DOBJDUMP=aarch64-linux-gnu-objdump -DELF=x.elf -P check_no_fp.cmake
execute_process(COMMAND "${OBJDUMP}" -d --no-show-raw-insn "${ELF}"
                OUTPUT_VARIABLE dis RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -d ${ELF} failed")
endif()
string(REPLACE ";" "," dis "${dis}")
string(REPLACE "\n" ";" lines "${dis}")
set(bad)
foreach(line IN LISTS lines)
  # "   80000:\tmnemonic\toperands  // comment  <symbol+off>"
  if(NOT line MATCHES "^ *[0-9a-f]+:\t([^\t]+)\t?(.*)$")
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
