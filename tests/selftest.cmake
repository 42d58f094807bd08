# SPDX-License-Identifier: GPL-2.0-only
# The kernel's own io-pgtable-arm selftest, compiled from the tree.
if(KERNEL_SELFTEST_INLINE)
  add_executable(test_lpae_selftest lpae_selftest_inline.c)
  target_compile_options(test_lpae_selftest PRIVATE ${VMBIND_OWN_C_FLAGS})
  target_link_libraries(test_lpae_selftest PRIVATE vmbind_kernel_iopgtable_selftest)
  add_test(NAME lpae_selftest COMMAND test_lpae_selftest)
endif()
