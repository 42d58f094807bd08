# SPDX-License-Identifier: GPL-2.0-only
# Kernel mode (PREALLOC=kernel, or auto on a Linux >= 6.17 tree): tests of
# the tree's own drivers/gpu/drm/msm/msm_iommu.c. In a build without kernel
# mode they are still listed, and reported skipped.
#
#   kernel_mode.error_paths   the VM_BIND job error paths that end in
#                             prealloc_cleanup() are reached through fault
#                             injection and end as the tree's error path
#                             says they will (tests/kernel_mode.c)
#
# crashes/*.md notes with "Mode: kernel" are replayed by crashes.replay
# (tests/crashes.cmake), on the tree their Tree: / Tree-file: lines name.

function(_km_skipped name reason)
  add_test(NAME ${name} COMMAND "${CMAKE_COMMAND}" -E echo "vmbind-skip: ${reason}")
  set_tests_properties(${name} PROPERTIES SKIP_REGULAR_EXPRESSION "vmbind-skip:")
endfunction()

if(NOT VMBIND_PREALLOC_MODE STREQUAL "kernel" OR NOT TARGET vmbind_kernel_msm)
  if(PREALLOC STREQUAL "seed")
    set(_why "PREALLOC=seed: the seed rendition is under test, not the tree's msm_iommu.c")
  else()
    set(_why "${KERNEL_TREE} (Linux ${KERNEL_VERSION}) has no VM_BIND prealloc in drivers/gpu/drm/msm/msm_iommu.c (Linux >= 6.17)")
  endif()
  _km_skipped(kernel_mode.error_paths "${_why}")
  return()
endif()

# Which error path the tree has, read from its msm_iommu.c:
#   original   no "if (!p->pages) return;" in cleanup (Linux 6.17)
#   fix-kfree  830d68f2cb8a as merged: kfree() of the kvmalloc'd array
#   fixed      anything else
set(_km_msm "${KERNEL_TREE}/drivers/gpu/drm/msm/msm_iommu.c")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_km_msm}")
file(READ "${_km_msm}" _km_src)
# allocate has "if (!p->pages) return -ENOMEM;" in every version
if(NOT _km_src MATCHES "if \\(!p->pages\\)[ \t\r\n]*return;")
  set(_km_variant original)
elseif(_km_src MATCHES "[^v]kfree\\(p->pages\\)")
  set(_km_variant fix-kfree)
else()
  set(_km_variant fixed)
endif()
message(STATUS "vmbind: kernel_mode tests: the tree's prealloc error path is '${_km_variant}'")

add_executable(test_kernel_mode kernel_mode.c)
target_compile_options(test_kernel_mode PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_kernel_mode PRIVATE vmbind_harness vmbind_target)
add_test(NAME kernel_mode.error_paths
  COMMAND test_kernel_mode error-paths ${_km_variant})
set_tests_properties(kernel_mode.error_paths PROPERTIES TIMEOUT 120)
