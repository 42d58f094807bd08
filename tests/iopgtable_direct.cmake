# SPDX-License-Identifier: GPL-2.0-only
# io-pgtable-arm from the tree, driven directly with msm-style custom table
# allocators: table counts, translations, DMA bookkeeping, leaks, WARNs.
add_executable(test_iopgtable_direct iopgtable_direct.c)
target_compile_options(test_iopgtable_direct PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_iopgtable_direct PRIVATE vmbind_kernel_iopgtable)
# What unmapping an unmapped page returns differs between trees.
if(KERNEL_UNMAP_ENOENT)
  target_compile_definitions(test_iopgtable_direct PRIVATE VMBIND_TREE_UNMAP_ENOENT)
endif()

# Range cases come from the ranges[] table in the source.
set(_iopgtable_direct_src "${CMAKE_CURRENT_SOURCE_DIR}/iopgtable_direct.c")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_iopgtable_direct_src}")
file(STRINGS "${_iopgtable_direct_src}" _range_lines REGEX "^\t{ \"[a-z0-9-]+\", [0-9]+, ")
set(_iopgtable_direct_cases unmap-unmapped-warns map-enomem)
foreach(l IN LISTS _range_lines)
  string(REGEX REPLACE "^\t{ \"([a-z0-9-]+)\".*$" "\\1" _case "${l}")
  list(APPEND _iopgtable_direct_cases "${_case}")
endforeach()
list(LENGTH _iopgtable_direct_cases _n)
if(_n LESS 8)
  message(FATAL_ERROR "iopgtable_direct.cmake found only ${_n} cases in ${_iopgtable_direct_src}")
endif()

foreach(c IN LISTS _iopgtable_direct_cases)
  foreach(walk coherent noncoherent)
    add_test(NAME iopgtable_direct.${c}.${walk}
             COMMAND test_iopgtable_direct ${c} ${walk})
    set_tests_properties(iopgtable_direct.${c}.${walk} PROPERTIES TIMEOUT 30)
  endforeach()
endforeach()
