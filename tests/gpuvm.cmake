# SPDX-License-Identifier: GPL-2.0-only
# The tree's drm_gpuvm.c (targets/msm-vm-bind/), driven by random MAP and
# UNMAP requests against a per-page model (tests/gpuvm.c). Registered only
# when the tree's drm_gpuvm is built (configure says why it is not).
#
#   gpuvm.random.seed-N        thousands of requests from seed N: no check fails
#   gpuvm.enomem.seed-N        the same with allocation failures injected into
#                              the kernel code: failed requests change nothing
#   gpuvm.ops-enomem           every allocation of a splitting op list failed
#                              in turn: -ENOMEM, the VM unchanged, nothing
#                              leaked but the tree's known leak (below)
#   gpuvm.break.<how>          the random run broken on purpose: the checks see it
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

# The error path of the tree's drm_gpuva_sm_step() (the step callback of the
# *_ops_create() functions): with its labels as in 6.6 .. 7.3, a failed copy
# of a remap's next part leaks the copy of its unmap part ("leak-unmap");
# anything else is expected to free everything ("fixed").
set(_gv_src "${KERNEL_TREE}/drivers/gpu/drm/drm_gpuvm.c")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_gv_src}")
file(READ "${_gv_src}" _gv_text)
if(_gv_text MATCHES "err_free_unmap:[ \t\r\n]*kfree\\(op->remap\\.unmap\\);[ \t\r\n]*err_free_prev:")
  set(_gv_variant leak-unmap)
else()
  set(_gv_variant fixed)
endif()
message(STATUS "vmbind: gpuvm tests: the tree's drm_gpuva_sm_step() error path is '${_gv_variant}'")

foreach(seed 1 2)
  add_test(NAME gpuvm.enomem.seed-${seed}
    COMMAND test_gpuvm enomem ${seed} 20000 ${_gv_variant})
  set_tests_properties(gpuvm.enomem.seed-${seed} PROPERTIES TIMEOUT 120
    PASS_REGULAR_EXPRESSION "gpuvm: 0 failure\\(s\\)\n"
    FAIL_REGULAR_EXPRESSION "CHECK failed;ERROR: AddressSanitizer;runtime error")
endforeach()
add_test(NAME gpuvm.ops-enomem COMMAND test_gpuvm ops-enomem ${_gv_variant})
set_tests_properties(gpuvm.ops-enomem PROPERTIES TIMEOUT 60
  PASS_REGULAR_EXPRESSION "gpuvm: 0 failure\\(s\\)\n"
  FAIL_REGULAR_EXPRESSION "CHECK failed;ERROR: AddressSanitizer;runtime error")

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
