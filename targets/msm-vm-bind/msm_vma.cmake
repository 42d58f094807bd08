# SPDX-License-Identifier: GPL-2.0-only
# vmbind_kernel_msm_vma: the tree's drivers/gpu/drm/msm/msm_gem_vma.c (the
# VM_BIND ioctl, its jobs and the drm_gpuvm callbacks) compiled unmodified,
# with the tree's msm_gem.h and UAPI headers (include/uapi/drm/msm_drm.h,
# drm.h, drm_mode.h), on vmbind_kernel_gpuvm (drm_gpuvm.c, drm_exec.c) and
# vmbind_kernel_msm (msm_iommu.c, io-pgtable-arm.c). Stand-ins: msm_drv.h
# (targets/msm-iommu/include, shared with msm_iommu.c), msm_gpu.h and
# msm_syncobj.h (include/ here), drm_sched, drm_file, wait queues, user
# memory and the rest in shim/; msm_vma_shim.c: the msm_gem.c object
# functions, context, submit queues and the device set-up.
#
# Built when the tree's msm_gem_vma.c has msm_ioctl_vm_bind() with the
# VM_BIND preallocation (vm_bind_prealloc_count()) and kernel mode is on.
# Sets VMBIND_MSM_VMA (ON/OFF) and VMBIND_MSM_VMA_MESSAGE.

set(_vma_files
  drivers/gpu/drm/msm/msm_gem_vma.c
  drivers/gpu/drm/msm/msm_gem.h
  include/uapi/drm/msm_drm.h
  include/uapi/drm/drm.h
  include/uapi/drm/drm_mode.h)
set(_vma_missing "")
foreach(f IN LISTS _vma_files)
  if(NOT EXISTS "${KERNEL_TREE}/${f}")
    list(APPEND _vma_missing "${f}")
  endif()
endforeach()
vmbind_tree_has(_vma_ioctl drivers/gpu/drm/msm/msm_gem_vma.c "^msm_ioctl_vm_bind[(]")
vmbind_tree_has(_vma_prealloc drivers/gpu/drm/msm/msm_gem_vma.c "^vm_bind_prealloc_count[(]")

set(VMBIND_MSM_VMA OFF)
if(_vma_missing)
  list(JOIN _vma_missing ", " _vma_list)
  set(VMBIND_MSM_VMA_MESSAGE "not built: ${KERNEL_TREE} lacks ${_vma_list}")
elseif(NOT _vma_ioctl OR NOT _vma_prealloc)
  string(CONCAT VMBIND_MSM_VMA_MESSAGE "not built: the tree's drivers/gpu/drm/msm/msm_gem_vma.c "
    "has no msm_ioctl_vm_bind() with vm_bind_prealloc_count() (msm VM_BIND, Linux >= 6.17)")
elseif(NOT TARGET vmbind_kernel_msm)
  set(VMBIND_MSM_VMA_MESSAGE "not built: kernel mode (the tree's msm_iommu.c) is off")
else()
  set(VMBIND_MSM_VMA ON)
  set(VMBIND_MSM_VMA_MESSAGE "drivers/gpu/drm/msm/msm_gem_vma.c from ${KERNEL_TREE}")
endif()
message(STATUS "vmbind: msm_gem_vma: ${VMBIND_MSM_VMA_MESSAGE}")
if(NOT VMBIND_MSM_VMA)
  return()
endif()

set(_vma_copy "${CMAKE_CURRENT_BINARY_DIR}/vma")
set(_copies "")
set(_copy_cmds "")
set(_verify_cmds "")
foreach(f IN LISTS _vma_files)
  list(APPEND _copies "${_vma_copy}/${f}")
  list(APPEND _copy_cmds COMMAND "${CMAKE_COMMAND}" -E copy_if_different
    "${KERNEL_TREE}/${f}" "${_vma_copy}/${f}")
  list(APPEND _verify_cmds COMMAND "${CMAKE_COMMAND}"
    "-DTREE_FILE=${KERNEL_TREE}/${f}" "-DCOPY_FILE=${_vma_copy}/${f}"
    -P "${CMAKE_SOURCE_DIR}/targets/msm-iommu/verify_copy.cmake")
endforeach()
add_custom_target(vmbind_kernel_msm_vma_copy ${_copy_cmds}
  BYPRODUCTS ${_copies}
  COMMENT "vmbind: copying msm_gem_vma.c, msm_gem.h and the msm UAPI headers from the kernel tree (when changed)")
add_custom_target(vmbind_kernel_msm_vma_verify ${_verify_cmds}
  COMMENT "vmbind: checking the msm_gem_vma copies are the tree's, byte for byte")
add_dependencies(vmbind_kernel_msm_vma_verify vmbind_kernel_msm_vma_copy)

set(_vma_c "${_vma_copy}/drivers/gpu/drm/msm/msm_gem_vma.c")
set(_vma_own msm_vma_shim.c)
add_library(vmbind_kernel_msm_vma STATIC "${_vma_c}" ${_vma_own})
add_dependencies(vmbind_kernel_msm_vma vmbind_kernel_msm_vma_verify)
set_source_files_properties("${_vma_c}" PROPERTIES
  COMPILE_OPTIONS "${KERNEL_C_FLAGS};-fmacro-prefix-map=${_vma_copy}/=;-fdebug-prefix-map=${_vma_copy}=${KERNEL_TREE};-fcoverage-prefix-map=${_vma_copy}=${KERNEL_TREE}"
  COMPILE_DEFINITIONS "${KERNEL_DEFINES}")
set_source_files_properties(${_vma_own} PROPERTIES
  COMPILE_OPTIONS "${VMBIND_OWN_C_FLAGS}"
  COMPILE_DEFINITIONS "${KERNEL_DEFINES}")
# Quoted includes: msm_gem.h next to the copy of msm_gem_vma.c, then the
# stand-ins here (msm_gpu.h, msm_syncobj.h); msm_drv.h and msm_mmu.h come
# with vmbind_kernel_msm. The UAPI directory goes after shim/include.
target_include_directories(vmbind_kernel_msm_vma BEFORE PUBLIC
  "${CMAKE_SOURCE_DIR}/shim/include")
target_include_directories(vmbind_kernel_msm_vma PUBLIC
  "${CMAKE_CURRENT_SOURCE_DIR}" "${CMAKE_CURRENT_SOURCE_DIR}/include"
  "${_vma_copy}/drivers/gpu/drm/msm" "${_vma_copy}/include/uapi"
  PRIVATE "${CMAKE_SOURCE_DIR}/harness")
target_compile_definitions(vmbind_kernel_msm_vma PUBLIC VMBIND_HAVE_KERNEL_MSM_VMA)
# The verified UAPI copy, for the device replay (device/).
set_property(GLOBAL PROPERTY VMBIND_MSM_UAPI_DIR "${_vma_copy}/include/uapi")
target_link_libraries(vmbind_kernel_msm_vma PUBLIC vmbind_kernel_gpuvm vmbind_kernel_msm vmbind_shim)
