# Runs bramble with ARGS (a ;-list), checks the exit status and that stderr matches
# STDERR_REGEX (empty: anything).
execute_process(COMMAND ${BRAMBLE} ${ARGS} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 30)
if(NOT "${status}" STREQUAL "${STATUS}")
  message(FATAL_ERROR "exit status ${status}, expected ${STATUS}\nstderr: ${err}")
endif()
if(NOT "${STDERR_REGEX}" STREQUAL "" AND NOT "${err}" MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr does not match '${STDERR_REGEX}':\n${err}")
endif()
