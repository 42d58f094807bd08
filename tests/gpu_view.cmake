# SPDX-License-Identifier: GPL-2.0-only
# The GPU-view oracle against the tree's io-pgtable-arm: every prot looks
# right, and each descriptor broken on purpose is found with its field.
add_executable(test_gpu_view gpu_view.c)
target_compile_options(test_gpu_view PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_gpu_view PRIVATE vmbind_harness vmbind_target_variants)
vmbind_test_cases(_gpu_view_cases "${CMAKE_CURRENT_SOURCE_DIR}/gpu_view.c" case_ 20)
foreach(c IN LISTS _gpu_view_cases)
  foreach(walk coherent noncoherent)
    add_test(NAME gpu_view.${c}.${walk} COMMAND test_gpu_view ${c} ${walk})
    set_tests_properties(gpu_view.${c}.${walk} PROPERTIES TIMEOUT 30 SKIP_RETURN_CODE 77)
  endforeach()
endforeach()
