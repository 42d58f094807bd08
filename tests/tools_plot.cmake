# SPDX-License-Identifier: GPL-2.0-only
# tools/lib/plot.sh, the progress plots of tools/fuzz and tools/fuzz-afl:
# series parsed from both engines' formats, a PNG drawn, no plot from no
# samples.
find_program(GNUPLOT gnuplot)
if(GNUPLOT)
  add_test(NAME tools_plot.progress
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/tools/plot_test.sh" "${CMAKE_SOURCE_DIR}"
            "${CMAKE_CURRENT_BINARY_DIR}/tools_plot")
else()
  # Listed and skipped, not missing: 'tools/setup-deps test' installs gnuplot-nox.
  add_test(NAME tools_plot.progress
    COMMAND bash -c "echo 'skipped: gnuplot not found (tools/setup-deps fuzz)'; exit 77")
  set_tests_properties(tools_plot.progress PROPERTIES SKIP_RETURN_CODE 77)
endif()
