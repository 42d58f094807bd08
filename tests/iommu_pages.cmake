# SPDX-License-Identifier: GPL-2.0-only
# The shim's iommu-pages API, on trees whose io-pgtable-arm.c uses it.
if(KERNEL_IOMMU_PAGES_SZ)
  add_executable(test_iommu_pages_shim iommu_pages_shim.c)
  target_compile_options(test_iommu_pages_shim PRIVATE ${VMBIND_OWN_C_FLAGS})
  target_link_libraries(test_iommu_pages_shim PRIVATE vmbind_shim)
  add_test(NAME iommu_pages_shim COMMAND test_iommu_pages_shim)
endif()
