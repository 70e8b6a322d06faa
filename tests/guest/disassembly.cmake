# Shared by check_no_fp.cmake and check_simd.cmake: sets the list `insns` to the
# "mnemonic<TAB>operands..." text of every instruction objdump (${OBJDUMP}) finds in the
# executable sections of ${ELF}. List separators in the text are turned into commas.
execute_process(COMMAND "${OBJDUMP}" -d --no-show-raw-insn "${ELF}"
                OUTPUT_VARIABLE dis RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -d ${ELF} failed")
endif()
string(REPLACE ";" "," dis "${dis}")
string(REPLACE "\n" ";" lines "${dis}")
set(insns)
foreach(line IN LISTS lines)
  # "   80000:\tmnemonic\toperands  // comment  <symbol+off>"
  if(line MATCHES "^ *[0-9a-f]+:\t(.*)$")
    list(APPEND insns "${CMAKE_MATCH_1}")
  endif()
endforeach()
