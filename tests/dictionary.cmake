# SPDX-License-Identifier: GPL-2.0-only
# The dictionary is generated from the format's constants (harness/
# dictionary.c): dict/vmbind.dict must be that output, and a changed entry
# must be caught.
if(TARGET vmbind_fuzz)
  add_test(NAME dict.generated
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/dictionary.sh" $<TARGET_FILE:vmbind_repro>
            $<TARGET_FILE:vmbind_fuzz> "${CMAKE_SOURCE_DIR}/dict/vmbind.dict")
  add_test(NAME dict.tampered_is_caught
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/dictionary.sh" $<TARGET_FILE:vmbind_repro>
            $<TARGET_FILE:vmbind_fuzz> "${CMAKE_SOURCE_DIR}/dict/vmbind.dict" --tamper)
  set_tests_properties(dict.tampered_is_caught PROPERTIES WILL_FAIL TRUE)
  set_tests_properties(dict.generated dict.tampered_is_caught PROPERTIES TIMEOUT 60)
endif()
