# SPDX-License-Identifier: GPL-2.0-only
# tools/vmbind-text (the text form of fuzz inputs) and tools/build-corpus:
# round trips on the corpus, crashes/ and random byte strings (same bytes
# for canonical inputs, same meaning as 'vmbind_repro -v' shows for all),
# errors with line numbers, the format constants, and corpus/*.bin being
# what corpus-text/*.txt generate.
if(NOT Python3_Interpreter_FOUND)
  message(STATUS "vmbind: python3 not found: no tools_text tests")
  return()
endif()
foreach(t corpus random errors constants)
  add_test(NAME tools_text.${t}
    COMMAND "${Python3_EXECUTABLE}" "${CMAKE_CURRENT_SOURCE_DIR}/tools/test_vmbind_text.py"
            ${t} "${CMAKE_SOURCE_DIR}" $<TARGET_FILE:vmbind_repro>
            "${CMAKE_CURRENT_BINARY_DIR}/tools_text_${t}")
  set_tests_properties(tools_text.${t} PROPERTIES TIMEOUT 60
    ENVIRONMENT "VMBIND_REPRO=$<TARGET_FILE:vmbind_repro>")
endforeach()
add_test(NAME tools_text.corpus_generated
  COMMAND "${Python3_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tools/build-corpus" --check)
set_tests_properties(tools_text.corpus_generated PROPERTIES TIMEOUT 60
  ENVIRONMENT "VMBIND_REPRO=$<TARGET_FILE:vmbind_repro>")
# Without a decoder the tool says so (exit 3), never guesses.
add_test(NAME tools_text.no_decoder
  COMMAND "${CMAKE_COMMAND}" -E env VMBIND_REPRO=/nonexistent/vmbind_repro
          "${Python3_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tools/vmbind-text" to-text
          "${CMAKE_SOURCE_DIR}/crashes/seed-cleanup-null-pages.bin")
set_tests_properties(tools_text.no_decoder PROPERTIES
  PASS_REGULAR_EXPRESSION "vmbind-text: .*vmbind_repro")
