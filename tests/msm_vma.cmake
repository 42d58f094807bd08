# SPDX-License-Identifier: GPL-2.0-only
# The tree's msm_gem_vma.c (its VM_BIND ioctl) on the tree's drm_gpuvm.c,
# msm_iommu.c and io-pgtable-arm.c, driven through msm_ioctl_vm_bind()
# against the UAPI's per-page model (tests/msm_vma.c). Registered only
# when vmbind_kernel_msm_vma is built (configure says why it is not).
#
#   msm_vma.random.seed-N   random VM_BIND ioctls, jobs run in between, the
#                           file closed and reopened: no check fails
#   msm_vma.enomem.seed-N   the same with an allocation failure per ioctl
#   msm_vma.case.NAME       one error path (tests/msm_vma.c)
#   msm_vma.large.seed-N    ias 48 with large-range requests too: each job's
#                           reservation covers its ops' tables
#   msm_vma.signals.seed-N  signals where an ioctl sleeps (it is made again)
#                           and tiles far from the window
#   msm_vma.break.HOW       the stand-ins broken on purpose: the checks see it
if(NOT TARGET vmbind_kernel_msm_vma)
  message(STATUS "vmbind: msm_vma tests not registered (msm_gem_vma ${VMBIND_MSM_VMA_MESSAGE})")
  return()
endif()

add_executable(test_msm_vma msm_vma.c)
target_compile_options(test_msm_vma PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_msm_vma PRIVATE vmbind_ioctl)

set(_mv_fail "CHECK failed;ERROR: AddressSanitizer;runtime error")

# What the tree is known to have: crashes/unit/msm-vma-*.md (the cases'
# expected findings, and what the random runs go past), read at test time.
set(_mv_run bash "${CMAKE_CURRENT_SOURCE_DIR}/msm_vma_run.sh" $<TARGET_FILE:test_msm_vma>
  "${CMAKE_SOURCE_DIR}/crashes/unit" "${CMAKE_BINARY_DIR}")
foreach(seed 1 2 3)
  add_test(NAME msm_vma.random.seed-${seed} COMMAND ${_mv_run} random ${seed} 20000)
  add_test(NAME msm_vma.enomem.seed-${seed} COMMAND ${_mv_run} enomem ${seed} 10000)
  add_test(NAME msm_vma.large.seed-${seed} COMMAND ${_mv_run} large ${seed} 10000)
  add_test(NAME msm_vma.signals.seed-${seed} COMMAND ${_mv_run} signals ${seed} 10000)
  foreach(t random enomem large signals)
    set_tests_properties(msm_vma.${t}.seed-${seed} PROPERTIES TIMEOUT 300
      PASS_REGULAR_EXPRESSION "msm_vma: [0-9]+ ioctls, .*: 0 finding\\(s\\)\n"
      FAIL_REGULAR_EXPRESSION "${_mv_fail}")
  endforeach()
  # and signals were delivered: else the run tested nothing new.
  set_tests_properties(msm_vma.signals.seed-${seed} PROPERTIES
    PASS_REGULAR_EXPRESSION "msm_vma: [0-9]+ ioctls, .* [1-9][0-9]* signals: 0 finding\\(s\\)\n")
endforeach()

foreach(name invalid-handle bo-range-then-map killed-job prealloc-bulk-enomem
    vma-new-enomem map-op-enomem remap-enomem throttle-signal throttle-wait
    throttle-stuck)
  add_test(NAME msm_vma.case.${name} COMMAND ${_mv_run} case ${name})
  set_tests_properties(msm_vma.case.${name} PROPERTIES TIMEOUT 120
    FAIL_REGULAR_EXPRESSION "ERROR: AddressSanitizer;runtime error")
endforeach()

# Each breakage and the finding that must see it.
set(_mv_break_unpin-skip "SIGNATURE: bo-pin ioctl_check_idle")
set(_mv_break_prot-nowrite "SIGNATURE: gpu-view-write gpu_view_check_page")
set(_mv_break_sgt-shift "SIGNATURE: gpu-view-address gpu_view_check_page")
set(_mv_break_queue-ref "SIGNATURE: queue-ref ioctl_check_idle")
# (bo_free()'s WARN, msm_gem_free_object()'s rule that a freed BO is in no VM,
# sees it first; the bo-freed check would next)
set(_mv_break_handle-put "SIGNATURE: (warn bo_free|bo-freed ioctl_check_idle)")
set(_mv_break_error-zero "SIGNATURE: uapi-result step")
set(_mv_break_unusable "SIGNATURE: uapi-unusable step")
set(_mv_break_count-short "SIGNATURE: reservation-short prealloc_count")
set(_mv_break_signal-zero "SIGNATURE: uapi-result step.*\n.*a signal interrupted it")
# (a tile: 10 hex digits, 64 GiB and up; CMake regexes have no {n})
set(_mv_break_far-unmap "SIGNATURE: gpu-view-[a-z]+ gpu_view_check_page.*\n.*iova 0x1[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]: ")
set(_mv_mode_signal-zero signals)
set(_mv_mode_far-unmap signals)
foreach(how unpin-skip prot-nowrite sgt-shift queue-ref handle-put error-zero unusable
    count-short signal-zero far-unmap)
  if(NOT DEFINED _mv_mode_${how})
    set(_mv_mode_${how} random)
  endif()
  add_test(NAME msm_vma.break.${how} COMMAND ${_mv_run} ${_mv_mode_${how}} 1 3000 ${how})
  set_tests_properties(msm_vma.break.${how} PROPERTIES TIMEOUT 120
    PASS_REGULAR_EXPRESSION "${_mv_break_${how}}"
    FAIL_REGULAR_EXPRESSION "ERROR: AddressSanitizer;runtime error;: 0 finding\\(s\\)")
endforeach()
