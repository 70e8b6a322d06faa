# Runs one guest program in bramble and checks its output.
#   cmake -DBRAMBLE=<exe> -DKERNEL=<img|elf> -DEXPECTED=<file> [-DEXIT_CODE=n]
#         [-DEXPECTED_STDERR=<file>] [-DEXTRA_ARGS=a|b|c] [-DACTUAL=<file>]
#         -P run_guest.cmake
# stdout must equal EXPECTED byte for byte; the exit status must be EXIT_CODE
# (default 0); if EXPECTED_STDERR is given its text must occur in stderr.
cmake_minimum_required(VERSION 3.16)

foreach(v BRAMBLE KERNEL EXPECTED)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_guest.cmake: -D${v}=... is required")
  endif()
endforeach()
if(NOT DEFINED EXIT_CODE)
  set(EXIT_CODE 0)
endif()
set(extra)
if(DEFINED EXTRA_ARGS AND NOT EXTRA_ARGS STREQUAL "")
  string(REPLACE "|" ";" extra "${EXTRA_ARGS}")
endif()
if(NOT EXISTS "${KERNEL}")
  message(FATAL_ERROR "guest image ${KERNEL} does not exist (build the guest_programs target)")
endif()

set(cmd "${BRAMBLE}" --kernel "${KERNEL}" --serial0 stdio --display none
        --deterministic --timeout 60 ${extra})
string(REPLACE ";" " " cmd_text "${cmd}")
message(STATUS "running: ${cmd_text}")
execute_process(COMMAND ${cmd}
                INPUT_FILE /dev/null
                OUTPUT_VARIABLE out
                ERROR_VARIABLE err
                RESULT_VARIABLE rc
                TIMEOUT 110)

file(READ "${EXPECTED}" expected)
set(failed FALSE)

if(NOT out STREQUAL expected)
  set(failed TRUE)
  if(NOT DEFINED ACTUAL)
    set(ACTUAL "${CMAKE_CURRENT_BINARY_DIR}/guest.actual.txt")
  endif()
  file(WRITE "${ACTUAL}" "${out}")
  message("stdout differs from ${EXPECTED} (actual output saved in ${ACTUAL}):")
  find_program(DIFF diff)
  if(DIFF)
    execute_process(COMMAND "${DIFF}" -u --label expected --label actual
                            "${EXPECTED}" "${ACTUAL}"
                    OUTPUT_VARIABLE diff_text)
    message("${diff_text}")
  else()
    message("---- expected ----\n${expected}---- actual ----\n${out}------------------")
  endif()
endif()

if(NOT "${rc}" STREQUAL "${EXIT_CODE}")
  set(failed TRUE)
  message("exit status: got '${rc}', expected ${EXIT_CODE}")
endif()

if(DEFINED EXPECTED_STDERR)
  file(READ "${EXPECTED_STDERR}" expected_err)
  string(FIND "${err}" "${expected_err}" pos)
  if(pos EQUAL -1)
    set(failed TRUE)
    message("stderr does not contain the text of ${EXPECTED_STDERR}")
  endif()
endif()

if(failed)
  if(NOT err STREQUAL "")
    message("---- bramble stderr ----\n${err}------------------------")
  endif()
  message(FATAL_ERROR "guest test failed: ${cmd_text}")
endif()
message(STATUS "guest output matches ${EXPECTED}, exit status ${rc}")
