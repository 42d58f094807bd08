# SPDX-License-Identifier: GPL-2.0-only
# The structure-aware mutator of libFuzzer and AFL++ (harness/mutator.c).
add_executable(test_mutator mutator.c)
target_compile_options(test_mutator PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_mutator PRIVATE vmbind_harness vmbind_target)
vmbind_test_cases(_mut_cases "${CMAKE_CURRENT_SOURCE_DIR}/mutator.c" "case_" 4)
foreach(c IN LISTS _mut_cases)
  add_test(NAME mutator.${c} COMMAND test_mutator ${c})
endforeach()
