# SPDX-License-Identifier: GPL-2.0-only
# Shim detectors: one ctest test per case of tests/shim_detectors.c, each
# triggering one detector on purpose and checking the exact finding.
add_executable(test_shim_detectors shim_detectors.c)
target_compile_options(test_shim_detectors PRIVATE ${VMBIND_OWN_C_FLAGS})
target_link_libraries(test_shim_detectors PRIVATE vmbind_shim)

# The case table in the source is the list of tests (*-child entries are
# subprocesses of the uaf-asan-* cases, not tests of their own).
vmbind_test_cases(_all "${CMAKE_CURRENT_SOURCE_DIR}/shim_detectors.c" t_ 30)
set(_detector_cases "")
foreach(c IN LISTS _all)
  if(NOT c MATCHES "-child$")
    list(APPEND _detector_cases "${c}")
  endif()
endforeach()

foreach(c IN LISTS _detector_cases)
  add_test(NAME detector.${c} COMMAND test_shim_detectors ${c})
  # 77: the case needs AddressSanitizer and the build has none.
  set_tests_properties(detector.${c} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 30)
endforeach()
