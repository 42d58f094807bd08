# SPDX-License-Identifier: GPL-2.0-only
# vmbind_repro_variants and the fuzz binary with the seed's variants
# (targets/seed/seed_variant.h; VMBIND_VARIANT=<name>): for tests and
# tools/bench only. The fuzz and repro binaries users run carry none.
vmbind_harness_binaries("_variants" vmbind_target_variants)

add_test(NAME variants.production-binary-refuses
  COMMAND "${CMAKE_COMMAND}" -E env VMBIND_VARIANT=fixed
          $<TARGET_FILE:vmbind_repro> -q "${CMAKE_SOURCE_DIR}/corpus")
set_tests_properties(variants.production-binary-refuses PROPERTIES
  PASS_REGULAR_EXPRESSION "VMBIND_VARIANT is for the test build")
add_test(NAME variants.unknown-name
  COMMAND "${CMAKE_COMMAND}" -E env VMBIND_VARIANT=no-such
          $<TARGET_FILE:vmbind_repro_variants> -q "${CMAKE_SOURCE_DIR}/corpus")
set_tests_properties(variants.unknown-name PROPERTIES
  PASS_REGULAR_EXPRESSION "unknown VMBIND_VARIANT 'no-such'; one of: as-posted fixed broken-")

# vmbind_repro --blind stops at a finding, as an engine does (blind.cmake).
if(VMBIND_TEST_MODE STREQUAL "seed")
  add_test(NAME blind.finds
    COMMAND "${CMAKE_COMMAND}" -E env VMBIND_VARIANT=broken-alloc-no-zero
            $<TARGET_FILE:vmbind_repro_variants> --blind 50 --seed 1 "${CMAKE_SOURCE_DIR}/corpus")
  set_tests_properties(blind.finds PROPERTIES TIMEOUT 90
    PASS_REGULAR_EXPRESSION "==vmbind== SIGNATURE: ")
endif()
