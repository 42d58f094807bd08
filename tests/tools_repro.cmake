# SPDX-License-Identifier: GPL-2.0-only
# tools/repro with this build's vmbind_repro: a known finding (a crashes/
# reproducer that applies to the build, else a generated one) under its
# libFuzzer and AFL++ file names and in text form, a text input, the same
# output twice, exit statuses.
if(NOT Python3_Interpreter_FOUND)
  return()
endif()
foreach(t crash text deterministic exit-codes)
  add_test(NAME tools_repro.${t}
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/tools/test_repro.sh" ${t}
            "${CMAKE_SOURCE_DIR}" $<TARGET_FILE:vmbind_repro>
            "${VMBIND_TEST_MODE}" "${VMBIND_TEST_VERSION}"
            "${CMAKE_CURRENT_BINARY_DIR}/tools_repro_${t}"
            "${KERNEL_TREE}")
  set_tests_properties(tools_repro.${t} PROPERTIES TIMEOUT 60 SKIP_RETURN_CODE 77)
endforeach()
