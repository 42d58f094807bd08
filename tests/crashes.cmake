# SPDX-License-Identifier: GPL-2.0-only
# Every reproducer in crashes/ that applies to this build still reports its
# expected signature.
if(VMBIND_PREALLOC_MODE)
  set(_mode "${VMBIND_PREALLOC_MODE}")
elseif(TARGET vmbind_kernel_msm)
  set(_mode kernel)
else()
  set(_mode seed)
endif()
set(_tree_version "${KERNEL_VERSION}")
if(KERNEL_EXTRAVERSION)
  set(_tree_version "${KERNEL_VERSION}${KERNEL_EXTRAVERSION}")
endif()
add_test(NAME crashes.replay
  COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/replay_crashes.sh"
          $<TARGET_FILE:vmbind_repro> "${CMAKE_SOURCE_DIR}/crashes"
          "${_mode}" "${_tree_version}" "${KERNEL_TREE}")
