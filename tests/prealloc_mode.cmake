# SPDX-License-Identifier: GPL-2.0-only
# Which prealloc logic configure chose (PREALLOC=auto|kernel|seed), and a
# smoke test of kernel mode when it is built.

# This build's choice, as KernelTree.cmake recorded it.
if(VMBIND_PREALLOC_MODE STREQUAL "kernel")
  set(_want_mode "kernel")
  set(_want_msg "vmbind: prealloc logic: kernel (drivers/gpu/drm/msm/msm_iommu.c from ${KERNEL_TREE})")
elseif(PREALLOC STREQUAL "seed")
  set(_want_mode "seed")
  set(_want_msg "vmbind: prealloc logic: seed rendition (targets/seed/seed_msm.c): PREALLOC=seed")
elseif(NOT KERNEL_MSM_PREALLOC)
  set(_want_mode "seed")
  set(_want_msg "vmbind: prealloc logic: seed rendition (targets/seed/seed_msm.c): ${KERNEL_TREE} (Linux ${KERNEL_VERSION}) has no VM_BIND prealloc")
endif()
if(DEFINED _want_mode)
  add_test(NAME prealloc_mode.recorded
    COMMAND "${CMAKE_COMMAND}" "-DFILE=${CMAKE_BINARY_DIR}/vmbind-prealloc.txt"
            "-DWANT_MODE=${_want_mode}" "-DWANT_MSG=${_want_msg}"
            -P "${CMAKE_CURRENT_SOURCE_DIR}/scripts/prealloc_mode_check.cmake")
endif()

# A fresh configure of the same tree (no tests, no engine): what it prints,
# and that PREALLOC=kernel is refused on a tree without the prealloc.
set(_cfg_args -S "${CMAKE_SOURCE_DIR}" "-DKERNEL_SRC=${KERNEL_TREE}"
    "-DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}" -DVMBIND_TESTS=OFF -DVMBIND_ENGINE=none)
if(KERNEL_MSM_PREALLOC)
  add_test(NAME prealloc_mode.configure_auto
    COMMAND "${CMAKE_COMMAND}" "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/prealloc_mode_auto"
            "-DARGS=${_cfg_args};-DPREALLOC=auto" -DEXPECT_FAIL=OFF
            "-DWANT=vmbind: prealloc logic: kernel (drivers/gpu/drm/msm/msm_iommu.c from ${KERNEL_TREE})"
            -P "${CMAKE_CURRENT_SOURCE_DIR}/scripts/prealloc_mode_configure.cmake")
  add_test(NAME prealloc_mode.configure_seed
    COMMAND "${CMAKE_COMMAND}" "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/prealloc_mode_seed"
            "-DARGS=${_cfg_args};-DPREALLOC=seed" -DEXPECT_FAIL=OFF
            "-DWANT=vmbind: prealloc logic: seed rendition (targets/seed/seed_msm.c): PREALLOC=seed"
            -P "${CMAKE_CURRENT_SOURCE_DIR}/scripts/prealloc_mode_configure.cmake")
else()
  add_test(NAME prealloc_mode.configure_auto
    COMMAND "${CMAKE_COMMAND}" "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/prealloc_mode_auto"
            "-DARGS=${_cfg_args};-DPREALLOC=auto" -DEXPECT_FAIL=OFF
            "-DWANT=vmbind: prealloc logic: seed rendition (targets/seed/seed_msm.c): ${KERNEL_TREE} (Linux ${KERNEL_VERSION}) has no VM_BIND prealloc"
            -P "${CMAKE_CURRENT_SOURCE_DIR}/scripts/prealloc_mode_configure.cmake")
  add_test(NAME prealloc_mode.configure_kernel_refused
    COMMAND "${CMAKE_COMMAND}" "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/prealloc_mode_kernel"
            "-DARGS=${_cfg_args};-DPREALLOC=kernel" -DEXPECT_FAIL=ON
            "-DWANT=has no VM_BIND prealloc: drivers/gpu/drm/msm/msm_iommu.c lacks prealloc_count"
            -P "${CMAKE_CURRENT_SOURCE_DIR}/scripts/prealloc_mode_configure.cmake")
endif()

if(TARGET vmbind_kernel_msm)
  add_executable(test_prealloc_kernel_smoke prealloc_kernel_smoke.c)
  target_compile_options(test_prealloc_kernel_smoke PRIVATE ${VMBIND_OWN_C_FLAGS})
  target_include_directories(test_prealloc_kernel_smoke PRIVATE "${CMAKE_SOURCE_DIR}/harness")
  target_link_libraries(test_prealloc_kernel_smoke PRIVATE vmbind_kernel_msm)
  add_test(NAME prealloc_kernel_smoke COMMAND test_prealloc_kernel_smoke)
endif()
