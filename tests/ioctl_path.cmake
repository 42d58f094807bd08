# SPDX-License-Identifier: GPL-2.0-only
# The ioctl path's fuzz target (harness/ioctl_fuzz.c): the tree's VM_BIND
# ioctl driven by fuzz input bytes. Registered when it is built (a tree
# with msm VM_BIND and a libFuzzer build).
#
#   ioctl_path.corpus        corpus-ioctl/ replays with no finding, past the
#                            findings crashes/unit/msm-vma-*.md give the tree
#   ioctl_path.crashes       each crashes/unit/msm-vma-NAME.ioctl and
#                            crashes/NAME.ioctl reproducer gives its note's
#                            finding (or none, on trees the note does not name)
#   ioctl_path.same-verdict  the reproducer and the libFuzzer binary agree on
#                            every corpus-ioctl/ and crash input, and the
#                            AFL++ binary of engines.afl_build when there is one
if(NOT TARGET vmbind_fuzz_ioctl OR NOT TARGET vmbind_repro_ioctl)
  message(STATUS "vmbind: ioctl_path tests not registered (no ioctl-path fuzz target in this build: msm_gem_vma ${VMBIND_MSM_VMA_MESSAGE})")
  return()
endif()

set(_ip_run bash "${CMAKE_CURRENT_SOURCE_DIR}/msm_vma_run.sh" $<TARGET_FILE:vmbind_repro_ioctl>
  "${CMAKE_SOURCE_DIR}/crashes/unit" "${CMAKE_BINARY_DIR}")
add_test(NAME ioctl_path.corpus COMMAND ${_ip_run} corpus "${CMAKE_SOURCE_DIR}/corpus-ioctl")
set_tests_properties(ioctl_path.corpus PROPERTIES TIMEOUT 300
  FAIL_REGULAR_EXPRESSION "SIGNATURE: ;ERROR: AddressSanitizer;runtime error")
add_test(NAME ioctl_path.crashes COMMAND ${_ip_run} crashes)
set_tests_properties(ioctl_path.crashes PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)

file(GLOB _ip_inputs CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/corpus-ioctl/*"
  "${CMAKE_SOURCE_DIR}/crashes/*.ioctl" "${CMAKE_SOURCE_DIR}/crashes/unit/*.ioctl")
add_test(NAME ioctl_path.same-verdict
  COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/same_verdict.sh"
          $<TARGET_FILE:vmbind_repro_ioctl> $<TARGET_FILE:vmbind_fuzz_ioctl> - ${_ip_inputs})
set_tests_properties(ioctl_path.same-verdict PROPERTIES TIMEOUT 600
  ENVIRONMENT "VMBIND_KNOWN=none"
  PASS_REGULAR_EXPRESSION "same verdict: [1-9][0-9]* passed, 0 failed")
if(VMBIND_TEST_AFL_DIR)
  add_test(NAME ioctl_path.all_three
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/same_verdict.sh"
            $<TARGET_FILE:vmbind_repro_ioctl> $<TARGET_FILE:vmbind_fuzz_ioctl>
            "${VMBIND_TEST_AFL_DIR}/harness/vmbind_fuzz_afl_ioctl" ${_ip_inputs})
  set_tests_properties(ioctl_path.all_three PROPERTIES FIXTURES_REQUIRED afl_binary
    TIMEOUT 600 ENVIRONMENT "VMBIND_KNOWN=none"
    PASS_REGULAR_EXPRESSION "same verdict: [1-9][0-9]* passed, 0 failed")
endif()
