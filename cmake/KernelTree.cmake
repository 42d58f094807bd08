# SPDX-License-Identifier: GPL-2.0-only
#
# Resolves the kernel source tree the harness compiles, checks it, and
# derives the per-version feature switches the shim needs. Kernel files are
# only ever read from the tree (or from a build-directory extract of
# Debian's linux-source-6.12); nothing is patched.

set(KERNEL_SRC "" CACHE PATH
    "Linux source tree to fuzz (default: Debian's linux-source-6.12, extracted into the build directory)")
set(KERNEL_TARBALL "/usr/src/linux-source-6.12.tar.xz" CACHE FILEPATH
    "Tarball used when KERNEL_SRC is empty")

# Files the build may read (targets/tree-files.txt); the required ones must exist.
set(_tree_files "${CMAKE_SOURCE_DIR}/targets/tree-files.txt")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_tree_files}")
file(STRINGS "${_tree_files}" _tree_lines REGEX "^(required|optional) ")
set(VMBIND_KERNEL_REQUIRED "")
set(VMBIND_KERNEL_OPTIONAL "")
foreach(l IN LISTS _tree_lines)
  string(REGEX MATCH "^(required|optional) +([^ ]+)$" _m "${l}")
  if(NOT _m)
    message(FATAL_ERROR "${_tree_files}: malformed line '${l}' (want 'required|optional PATH')")
  endif()
  string(TOUPPER "${CMAKE_MATCH_1}" _kind)
  list(APPEND VMBIND_KERNEL_${_kind} "${CMAKE_MATCH_2}")
endforeach()

if(KERNEL_SRC)
  get_filename_component(KERNEL_TREE "${KERNEL_SRC}" ABSOLUTE)
  if(NOT IS_DIRECTORY "${KERNEL_TREE}")
    message(FATAL_ERROR "KERNEL_SRC=${KERNEL_SRC} is not a directory. "
      "Pass the top of a Linux source tree (the directory holding MAINTAINERS and drivers/).")
  endif()
else()
  set(KERNEL_TREE "${CMAKE_BINARY_DIR}/kernel-src")
  set(_stamp "${KERNEL_TREE}/.vmbind-extracted")
  if(NOT EXISTS "${_stamp}")
    if(NOT EXISTS "${KERNEL_TARBALL}")
      message(FATAL_ERROR "No kernel tree: KERNEL_SRC is empty and ${KERNEL_TARBALL} "
        "does not exist. Install it with 'apt-get install linux-source-6.12', "
        "or pass -DKERNEL_SRC=/path/to/linux.")
    endif()
    # Top-level directory name inside the tarball (linux-source-6.12).
    get_filename_component(_tb_name "${KERNEL_TARBALL}" NAME)
    string(REGEX REPLACE "\\.tar\\..*$" "" _tb_top "${_tb_name}")
    set(_members "")
    foreach(f IN LISTS VMBIND_KERNEL_REQUIRED VMBIND_KERNEL_OPTIONAL)
      list(APPEND _members "${_tb_top}/${f}")
    endforeach()
    message(STATUS "vmbind: extracting kernel files from ${KERNEL_TARBALL} (once)")
    file(MAKE_DIRECTORY "${KERNEL_TREE}")
    execute_process(
      COMMAND tar -xJf "${KERNEL_TARBALL}" -C "${KERNEL_TREE}"
              --strip-components=1 --ignore-failed-read ${_members}
      RESULT_VARIABLE _rc ERROR_VARIABLE _err)
    foreach(f IN LISTS VMBIND_KERNEL_REQUIRED)
      if(NOT EXISTS "${KERNEL_TREE}/${f}")
        message(FATAL_ERROR "Extracting ${f} from ${KERNEL_TARBALL} failed (${_rc}): ${_err}")
      endif()
    endforeach()
    file(WRITE "${_stamp}" "${KERNEL_TARBALL}\n")
  endif()
endif()

foreach(f IN LISTS VMBIND_KERNEL_REQUIRED)
  if(NOT EXISTS "${KERNEL_TREE}/${f}")
    message(FATAL_ERROR "Kernel tree ${KERNEL_TREE} lacks ${f}. "
      "vmbind-fuzz needs a full Linux source tree (6.12 or later) with the ARM LPAE "
      "io-pgtable code; point KERNEL_SRC at one.")
  endif()
endforeach()

# VERSION.PATCHLEVEL.SUBLEVEL from the top-level Makefile.
file(STRINGS "${KERNEL_TREE}/Makefile" _mk LIMIT_COUNT 12)
foreach(k VERSION PATCHLEVEL SUBLEVEL)
  set(KERNEL_${k} "")
  foreach(line IN LISTS _mk)
    if(line MATCHES "^${k} = ([0-9]+)")
      set(KERNEL_${k} "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  if(KERNEL_${k} STREQUAL "")
    message(FATAL_ERROR "${KERNEL_TREE}/Makefile has no '${k} = N' line; is this a Linux tree?")
  endif()
endforeach()
set(KERNEL_EXTRAVERSION "")
foreach(line IN LISTS _mk)
  if(line MATCHES "^EXTRAVERSION = *([^ ]+)")
    set(KERNEL_EXTRAVERSION "${CMAKE_MATCH_1}")
  endif()
endforeach()
set(KERNEL_VERSION "${KERNEL_VERSION}.${KERNEL_PATCHLEVEL}.${KERNEL_SUBLEVEL}")
if(KERNEL_VERSION VERSION_LESS 6.12)
  message(FATAL_ERROR "Kernel ${KERNEL_VERSION} at ${KERNEL_TREE} is older than 6.12, "
    "the oldest tree vmbind-fuzz supports (io-pgtable custom allocators).")
endif()
message(STATUS "vmbind: kernel tree ${KERNEL_TREE} (Linux ${KERNEL_VERSION}${KERNEL_EXTRAVERSION})")

# ---- per-version feature switches, read from the tree itself ----
function(vmbind_tree_has out file regex)
  set(${out} OFF PARENT_SCOPE)
  if(EXISTS "${KERNEL_TREE}/${file}")
    file(STRINGS "${KERNEL_TREE}/${file}" _hits REGEX "${regex}")
    if(_hits)
      set(${out} ON PARENT_SCOPE)
    endif()
  endif()
endfunction()

# The io-pgtable-arm selftest comes in three flavours:
#   inline   in io-pgtable-arm.c under CONFIG_IOMMU_IO_PGTABLE_LPAE_SELFTEST,
#            an initcall (6.12 .. 6.17 at least)
#   initcall drivers/iommu/io-pgtable-arm-selftests.c, still an initcall
#   kunit    drivers/iommu/io-pgtable-arm-selftests.c as a KUnit suite
set(_selftest_file drivers/iommu/io-pgtable-arm-selftests.c)
vmbind_tree_has(KERNEL_SELFTEST_INLINE drivers/iommu/io-pgtable-arm.c "arm_lpae_do_selftests")
vmbind_tree_has(KERNEL_SELFTEST_KUNIT ${_selftest_file} "kunit_test_suites?[(]")
vmbind_tree_has(KERNEL_SELFTEST_FILE_INITCALL ${_selftest_file}
  "initcall[(]arm_lpae_do_selftests[)]")
if(KERNEL_SELFTEST_KUNIT)
  set(KERNEL_SELFTEST_FLAVOUR kunit)
  set(KERNEL_SELFTEST_INLINE OFF)
  set(_selftest_desc "KUnit suite in ${_selftest_file}, run by tests/lpae_selftest_kunit.c")
elseif(KERNEL_SELFTEST_FILE_INITCALL)
  set(KERNEL_SELFTEST_FLAVOUR initcall)
  set(KERNEL_SELFTEST_INLINE OFF)
  set(_selftest_desc "initcall arm_lpae_do_selftests() in ${_selftest_file}")
elseif(KERNEL_SELFTEST_INLINE)
  set(KERNEL_SELFTEST_FLAVOUR inline)
  string(CONCAT _selftest_desc "initcall arm_lpae_do_selftests() in "
    "drivers/iommu/io-pgtable-arm.c (CONFIG_IOMMU_IO_PGTABLE_LPAE_SELFTEST)")
else()
  set(KERNEL_SELFTEST_FLAVOUR none)
  if(EXISTS "${KERNEL_TREE}/${_selftest_file}")
    string(CONCAT _why "${_selftest_file} exists but is neither a KUnit suite "
      "(kunit_test_suite) nor an initcall of arm_lpae_do_selftests()")
  else()
    set(_why "drivers/iommu/io-pgtable-arm.c has no arm_lpae_do_selftests() and there is no ${_selftest_file}")
  endif()
  if(VMBIND_TESTS)
    message(FATAL_ERROR "Unsupported kernel tree ${KERNEL_TREE}: cannot find the "
      "io-pgtable-arm selftest (${_why}). Supported: the inline selftest "
      "in io-pgtable-arm.c or ${_selftest_file} as an initcall or KUnit suite. "
      "Configure with -DVMBIND_TESTS=OFF to build the fuzz target without tests.")
  endif()
  message(WARNING "vmbind: no io-pgtable-arm selftest recognised (${_why}); not built")
  set(_selftest_desc "none recognised")
endif()
message(STATUS "vmbind: LPAE selftest flavour: ${KERNEL_SELFTEST_FLAVOUR} (${_selftest_desc})")
vmbind_tree_has(KERNEL_IOMMU_PAGES_SZ drivers/iommu/iommu-pages.h "iommu_alloc_pages_node_sz")
vmbind_tree_has(KERNEL_IOMMU_PAGES_INCOHERENT drivers/iommu/iommu-pages.h
  "iommu_pages_start_incoherent")
# __arm_lpae_unmap() of an empty PTE: -ENOENT (6.17) or 0 (6.12, 7.x).
vmbind_tree_has(KERNEL_UNMAP_ENOENT drivers/iommu/io-pgtable-arm.c "return -ENOENT")
vmbind_tree_has(KERNEL_CUSTOM_ALLOC include/linux/io-pgtable.h "IO_PGTABLE_CAP_CUSTOM_ALLOCATOR")
vmbind_tree_has(KERNEL_QUIRK_NO_WARN include/linux/io-pgtable.h "IO_PGTABLE_QUIRK_NO_WARN")
vmbind_tree_has(KERNEL_MSM_PREALLOC drivers/gpu/drm/msm/msm_iommu.c "prealloc_count")

if(NOT KERNEL_CUSTOM_ALLOC)
  message(FATAL_ERROR "${KERNEL_TREE}/include/linux/io-pgtable.h has no custom allocator "
    "(IO_PGTABLE_CAP_CUSTOM_ALLOCATOR); the msm VM_BIND prealloc needs it. Use Linux 6.12 or later.")
endif()
message(STATUS "vmbind: selftest: inline=${KERNEL_SELFTEST_INLINE} kunit=${KERNEL_SELFTEST_KUNIT}; "
  "iommu_alloc_pages_node_sz=${KERNEL_IOMMU_PAGES_SZ}; "
  "iommu_pages_start_incoherent=${KERNEL_IOMMU_PAGES_INCOHERENT}; QUIRK_NO_WARN=${KERNEL_QUIRK_NO_WARN}; "
  "unmap -ENOENT=${KERNEL_UNMAP_ENOENT}; "
  "msm prealloc in tree=${KERNEL_MSM_PREALLOC}")

# ---- which prealloc logic the fuzz target runs ----
set(PREALLOC "auto" CACHE STRING
    "msm VM_BIND prealloc logic under test: auto (kernel if the tree has it, else seed), kernel (the tree's drivers/gpu/drm/msm/msm_iommu.c), seed (targets/seed/seed_msm.c)")
set_property(CACHE PREALLOC PROPERTY STRINGS auto kernel seed)
set(_msm_needed drivers/gpu/drm/msm/msm_iommu.c drivers/gpu/drm/msm/msm_mmu.h
    include/linux/adreno-smmu-priv.h)
set(_msm_missing "")
foreach(f IN LISTS _msm_needed)
  if(NOT EXISTS "${KERNEL_TREE}/${f}")
    list(APPEND _msm_missing "${f}")
  endif()
endforeach()
if(PREALLOC STREQUAL "auto")
  if(KERNEL_MSM_PREALLOC AND NOT _msm_missing)
    set(VMBIND_PREALLOC_MODE kernel)
  else()
    set(VMBIND_PREALLOC_MODE seed)
  endif()
elseif(PREALLOC STREQUAL "kernel")
  if(NOT KERNEL_MSM_PREALLOC)
    message(FATAL_ERROR "PREALLOC=kernel, but ${KERNEL_TREE} (Linux ${KERNEL_VERSION}) has no "
      "VM_BIND prealloc: drivers/gpu/drm/msm/msm_iommu.c lacks prealloc_count "
      "(merged in Linux 6.17). Use PREALLOC=seed (or auto) to fuzz the seed rendition, "
      "or point KERNEL_SRC at a Linux 6.17 or later tree.")
  endif()
  if(_msm_missing)
    message(FATAL_ERROR "PREALLOC=kernel, but ${KERNEL_TREE} lacks ${_msm_missing}.")
  endif()
  set(VMBIND_PREALLOC_MODE kernel)
elseif(PREALLOC STREQUAL "seed")
  set(VMBIND_PREALLOC_MODE seed)
else()
  message(FATAL_ERROR "PREALLOC must be auto, kernel or seed (got '${PREALLOC}')")
endif()
if(VMBIND_PREALLOC_MODE STREQUAL "kernel")
  set(VMBIND_PREALLOC_MESSAGE
    "kernel (drivers/gpu/drm/msm/msm_iommu.c from ${KERNEL_TREE})")
elseif(PREALLOC STREQUAL "seed")
  set(VMBIND_PREALLOC_MESSAGE "seed rendition (targets/seed/seed_msm.c): PREALLOC=seed")
elseif(_msm_missing AND KERNEL_MSM_PREALLOC)
  set(VMBIND_PREALLOC_MESSAGE
    "seed rendition (targets/seed/seed_msm.c): ${KERNEL_TREE} lacks ${_msm_missing}")
else()
  set(VMBIND_PREALLOC_MESSAGE
    "seed rendition (targets/seed/seed_msm.c): ${KERNEL_TREE} (Linux ${KERNEL_VERSION}) has no VM_BIND prealloc")
endif()
message(STATUS "vmbind: prealloc logic: ${VMBIND_PREALLOC_MESSAGE}")
# For tests/prealloc_mode.cmake and anyone asking the build directory.
file(WRITE "${CMAKE_BINARY_DIR}/vmbind-prealloc.txt"
  "mode=${VMBIND_PREALLOC_MODE}\nmessage=vmbind: prealloc logic: ${VMBIND_PREALLOC_MESSAGE}\n")
# The tree of this build, for the crash-note readers (tools/lib/findings.sh).
file(WRITE "${CMAKE_BINARY_DIR}/vmbind-tree.txt"
  "mode=${VMBIND_PREALLOC_MODE}\nversion=${KERNEL_VERSION}${KERNEL_EXTRAVERSION}\ntree=${KERNEL_TREE}\n")

# Build-directory copies of the few tree headers that are included with <>,
# so the shim's include directory can come first without the tree's
# include/ (and all of its real kernel headers) being on the path.
set(KERNEL_INCLUDE_COPY "${CMAKE_BINARY_DIR}/kernel-include")
foreach(h linux/io-pgtable.h linux/adreno-smmu-priv.h)
  if(EXISTS "${KERNEL_TREE}/include/${h}")
    configure_file("${KERNEL_TREE}/include/${h}" "${KERNEL_INCLUDE_COPY}/${h}" COPYONLY)
  endif()
endforeach()

# The kernel's language flags, for kernel files only.
set(KERNEL_C_FLAGS
    -std=gnu11 -fno-strict-aliasing -fno-strict-overflow
    -fno-delete-null-pointer-checks -fno-common
    -include "${CMAKE_SOURCE_DIR}/shim/include/linux/kconfig.h"
    "-fmacro-prefix-map=${KERNEL_TREE}/="
    -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
    -Wno-unused-function -Wno-gnu-variable-sized-type-not-at-end)
set(KERNEL_DEFINES __KERNEL__ CONFIG_IOMMU_IO_PGTABLE_LPAE CONFIG_64BIT)
