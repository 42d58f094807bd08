# SPDX-License-Identifier: GPL-2.0-only
# The tree's drm_gpuvm.c (targets/msm-vm-bind/), driven by random MAP and
# UNMAP requests against a per-page model (tests/gpuvm.c). Registered only
# when the tree's drm_gpuvm is built (configure says why it is not).
#
#   gpuvm.random.seed-N        thousands of requests from seed N: no check fails
#   gpuvm.break.<how>          the same run broken on purpose: the checks see it
if(NOT TARGET vmbind_kernel_gpuvm)
  message(STATUS "vmbind: gpuvm tests not registered (drm_gpuvm ${VMBIND_GPUVM_MESSAGE})")
  return()
endif()

add_executable(test_gpuvm gpuvm.c)
target_compile_options(test_gpuvm PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_gpuvm PRIVATE vmbind_kernel_gpuvm)

foreach(seed 1 2 3)
  add_test(NAME gpuvm.random.seed-${seed} COMMAND test_gpuvm random ${seed} 20000)
  set_tests_properties(gpuvm.random.seed-${seed} PROPERTIES TIMEOUT 120
    PASS_REGULAR_EXPRESSION "gpuvm: 0 failure\\(s\\)\n"
    FAIL_REGULAR_EXPRESSION "CHECK failed;ERROR: AddressSanitizer;runtime error")
endforeach()

# Each breakage and what must catch it.
set(_gv_break_remap-offset "model mismatch at page")
set(_gv_break_drop-unmap "MAP step .* overlaps an existing mapping")
set(_gv_break_leak-va "drm_gpuva [0-9]+ .* freed 0 times")
set(_gv_break_no-lock "shim finding: warn [_a-z]+ drivers/gpu/drm/drm_gpuvm.c:[0-9]+")
foreach(how remap-offset drop-unmap leak-va no-lock)
  add_test(NAME gpuvm.break.${how} COMMAND test_gpuvm random 1 4000 ${how})
  set_tests_properties(gpuvm.break.${how} PROPERTIES TIMEOUT 120
    PASS_REGULAR_EXPRESSION "${_gv_break_${how}}"
    FAIL_REGULAR_EXPRESSION "ERROR: AddressSanitizer;runtime error;gpuvm: 0 failure")
endforeach()
