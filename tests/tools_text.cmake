# SPDX-License-Identifier: GPL-2.0-only
# tools/vmbind-text (the text form of fuzz inputs) and tools/build-corpus:
# round trips on the corpus, crashes/ and random byte strings (same bytes
# for canonical inputs, same meaning as 'vmbind_repro -v' shows for all),
# errors with line numbers, the format constants, and corpus/*.bin being
# what corpus-text/*.txt generate.
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  message(STATUS "vmbind: python3 not found: no tools_text tests")
  return()
endif()
foreach(t corpus random errors constants)
  add_test(NAME tools_text.${t}
    COMMAND "${Python3_EXECUTABLE}" "${CMAKE_CURRENT_SOURCE_DIR}/tools/test_vmbind_text.py"
            ${t} "${CMAKE_SOURCE_DIR}" $<TARGET_FILE:vmbind_repro>
            "${CMAKE_CURRENT_BINARY_DIR}/tools_text_${t}")
  set_tests_properties(tools_text.${t} PROPERTIES TIMEOUT 60)
endforeach()
add_test(NAME tools_text.corpus_generated
  COMMAND "${Python3_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tools/build-corpus" --check)
set_tests_properties(tools_text.corpus_generated PROPERTIES TIMEOUT 60)
