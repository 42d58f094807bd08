# SPDX-License-Identifier: GPL-2.0-only
# tools/coverage on the seed corpus: builds preset coverage (build/coverage),
# replays corpus/, and checks the HTML report and the per-function summary
# (tests/ci/coverage_tool.sh). Same kernel tree as this build.
add_test(NAME coverage_tool
  COMMAND bash "${CMAKE_SOURCE_DIR}/tests/ci/coverage_tool.sh" "${CMAKE_SOURCE_DIR}"
          "${CMAKE_CURRENT_BINARY_DIR}/coverage_tool" "${KERNEL_VERSION}")
set_tests_properties(coverage_tool PROPERTIES
  LABELS slow
  TIMEOUT 900
  PROCESSORS 2
  RESOURCE_LOCK vmbind_build_coverage
  ENVIRONMENT "KERNEL_SRC=${KERNEL_SRC}")
