# SPDX-License-Identifier: GPL-2.0-only
# vmbind_repro --blind, tools/bench's baseline without feedback: it runs
# random inputs and reports how many when nothing is found, refuses to run
# without lengths to draw from, and stops at a finding as an engine does
# (blind.finds in variants.cmake: a deliberately broken seed variant).
add_test(NAME blind.runs
  COMMAND "${CMAKE_COMMAND}" -E env VMBIND_ONLY=no-such-finding
          $<TARGET_FILE:vmbind_repro> --blind 2 --seed 1 "${CMAKE_SOURCE_DIR}/corpus")
set_tests_properties(blind.runs PROPERTIES TIMEOUT 30
  PASS_REGULAR_EXPRESSION "blind: [1-9][0-9]* inputs in [0-9.]+ s \\([0-9]+ exec/s\\), no finding")
add_test(NAME blind.no-lengths
  COMMAND $<TARGET_FILE:vmbind_repro> --blind 2 "${CMAKE_CURRENT_BINARY_DIR}/blind-empty")
set_tests_properties(blind.no-lengths PROPERTIES TIMEOUT 30
  PASS_REGULAR_EXPRESSION "--blind needs files whose lengths to draw from")
file(MAKE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/blind-empty")
# blind.finds, which needs the variant binary, is in variants.cmake.
