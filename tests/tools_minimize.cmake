# SPDX-License-Identifier: GPL-2.0-only
# tools/minimize-corpus and tools/minimize-crash with this build's
# binaries: merging a corpus with duplicates gives fewer files and no less
# coverage, corpus/ is refused, a minimised crash keeps its signature. The
# AFL++ variants run when this build has vmbind_fuzz_afl, or with the
# AFL++ build of tests/engines.cmake.
if(NOT Python3_Interpreter_FOUND)
  return()
endif()

set(_tools_afl "-")
set(_tools_afl_fixture "")
find_program(_tools_afl_cmin afl-cmin)
if(_tools_afl_cmin)
  if(TARGET vmbind_fuzz_afl)
    set(_tools_afl $<TARGET_FILE:vmbind_fuzz_afl>)
  elseif(VMBIND_TEST_AFL_DIR)
    set(_tools_afl "${VMBIND_TEST_AFL_DIR}/harness/vmbind_fuzz_afl")
    set(_tools_afl_fixture afl_binary)
  endif()
endif()

set(_tools_tests "")
set(_tools_fuzz "-")
if(TARGET vmbind_fuzz)
  set(_tools_fuzz $<TARGET_FILE:vmbind_fuzz>)
  list(APPEND _tools_tests corpus refuse-seeds crash crash-none)
endif()
if(NOT _tools_afl STREQUAL "-")
  list(APPEND _tools_tests corpus-afl crash-afl)
endif()
foreach(t IN LISTS _tools_tests)
  add_test(NAME tools_minimize.${t}
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/tools/test_minimize.sh" ${t}
            "${CMAKE_SOURCE_DIR}" $<TARGET_FILE:vmbind_repro> "${_tools_fuzz}"
            "${_tools_afl}" "${VMBIND_TEST_MODE}" "${VMBIND_TEST_VERSION}"
            "${CMAKE_CURRENT_BINARY_DIR}/tools_minimize_${t}"
            "${KERNEL_TREE}")
  set_tests_properties(tools_minimize.${t} PROPERTIES TIMEOUT 60 SKIP_RETURN_CODE 77)
  if(t MATCHES "afl$" AND _tools_afl_fixture)
    set_tests_properties(tools_minimize.${t} PROPERTIES FIXTURES_REQUIRED ${_tools_afl_fixture})
  endif()
endforeach()
