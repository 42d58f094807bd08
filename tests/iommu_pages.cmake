# SPDX-License-Identifier: GPL-2.0-only
# The shim's iommu-pages API, on trees whose io-pgtable-arm.c uses it.
if(KERNEL_IOMMU_PAGES_SZ)
  add_executable(test_iommu_pages_shim iommu_pages_shim.c)
  target_compile_options(test_iommu_pages_shim PRIVATE ${VMBIND_OWN_C_FLAGS})
  target_link_libraries(test_iommu_pages_shim PRIVATE vmbind_shim)
  add_test(NAME iommu_pages_shim COMMAND test_iommu_pages_shim)
endif()

# The incoherent-walker API (7.x trees: 7.2, 7.3): one test per case of
# iommu_pages_incoherent.c; on trees without the API a single test that
# shows as skipped.
add_executable(test_iommu_pages_incoherent iommu_pages_incoherent.c)
target_compile_options(test_iommu_pages_incoherent PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_iommu_pages_incoherent PRIVATE vmbind_kernel_iopgtable)
if(KERNEL_IOMMU_PAGES_INCOHERENT)
  vmbind_test_cases(_cases "${CMAKE_CURRENT_SOURCE_DIR}/iommu_pages_incoherent.c" case_ 8)
  foreach(c IN LISTS _cases)
    add_test(NAME iommu_pages_incoherent.${c} COMMAND test_iommu_pages_incoherent ${c})
  endforeach()
else()
  add_test(NAME iommu_pages_incoherent COMMAND test_iommu_pages_incoherent)
  set_tests_properties(iommu_pages_incoherent PROPERTIES SKIP_RETURN_CODE 77)
endif()
