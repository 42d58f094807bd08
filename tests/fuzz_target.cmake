# SPDX-License-Identifier: GPL-2.0-only
# The fuzz target: oracles against broken variants, the seed's bug,
# decoder totality, determinism.
add_executable(test_fuzz_target fuzz_target.c)
target_compile_options(test_fuzz_target PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_fuzz_target PRIVATE vmbind_harness vmbind_target_variants)
vmbind_test_cases(_ft_cases "${CMAKE_CURRENT_SOURCE_DIR}/fuzz_target.c" "case_" 10)
foreach(c IN LISTS _ft_cases)
  add_test(NAME fuzz_target.${c} COMMAND test_fuzz_target ${c})
endforeach()
