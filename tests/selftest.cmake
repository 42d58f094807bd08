# SPDX-License-Identifier: GPL-2.0-only
# The kernel's own io-pgtable-arm selftest, compiled from the tree, in
# whichever flavour the tree has (KERNEL_SELFTEST_FLAVOUR).
if(KERNEL_SELFTEST_FLAVOUR STREQUAL "inline" OR KERNEL_SELFTEST_FLAVOUR STREQUAL "initcall")
  add_executable(test_lpae_selftest lpae_selftest_inline.c)
  target_compile_options(test_lpae_selftest PRIVATE ${VMBIND_OWN_C_FLAGS})
  target_link_libraries(test_lpae_selftest PRIVATE vmbind_kernel_iopgtable_selftest)
  add_test(NAME lpae_selftest COMMAND test_lpae_selftest)
elseif(KERNEL_SELFTEST_FLAVOUR STREQUAL "kunit")
  add_executable(test_lpae_selftest lpae_selftest_kunit.c)
  target_compile_options(test_lpae_selftest PRIVATE ${VMBIND_OWN_C_FLAGS})
  target_link_libraries(test_lpae_selftest PRIVATE vmbind_kernel_iopgtable_kunit vmbind_shim)
  add_test(NAME lpae_selftest COMMAND test_lpae_selftest)
endif()

# The KUnit shim itself, on a suite of its own (every tree).
add_executable(test_kunit_shim kunit_shim_selftest.c)
target_compile_options(test_kunit_shim PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_kunit_shim PRIVATE vmbind_shim)
add_test(NAME kunit_shim COMMAND test_kunit_shim)
