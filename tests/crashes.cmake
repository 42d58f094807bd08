# SPDX-License-Identifier: GPL-2.0-only
# Every reproducer in crashes/ that applies to this build still reports its
# expected verdict (tools/lib/findings.sh reads the notes).
add_test(NAME crashes.replay
  COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/replay_crashes.sh"
          $<TARGET_FILE:vmbind_repro> "${CMAKE_SOURCE_DIR}/crashes" "${CMAKE_BINARY_DIR}")
# No note for this tree (a tree of the user's own): skipped, not passed.
set_tests_properties(crashes.replay PROPERTIES SKIP_RETURN_CODE 77)
