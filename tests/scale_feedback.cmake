# SPDX-License-Identifier: GPL-2.0-only
# The engines see each bit length of a job's scale as an edge of its own
# (harness/scale_feedback.h), checked under trace-pc-guard instrumentation:
#   feedback.scale          the harness's functions: 65 distinct edge sets
#   feedback.scale-naive    an index-a-table rendition: seen to collapse
add_executable(test_scale_feedback scale_feedback.c scale_feedback_naive.c
  "${CMAKE_SOURCE_DIR}/harness/scale_feedback.c")
target_compile_options(test_scale_feedback PRIVATE ${VMBIND_OWN_C_FLAGS})
target_include_directories(test_scale_feedback PRIVATE "${CMAKE_SOURCE_DIR}/harness")
# Only the code measured carries the guards; the recorder itself does not.
set_source_files_properties(scale_feedback_naive.c
  "${CMAKE_SOURCE_DIR}/harness/scale_feedback.c"
  PROPERTIES COMPILE_OPTIONS "-fsanitize-coverage=trace-pc-guard")
add_test(NAME feedback.scale COMMAND test_scale_feedback check)
set_tests_properties(feedback.scale PROPERTIES
  PASS_REGULAR_EXPRESSION "scale_feedback: 0 function\\(s\\) collapse")
add_test(NAME feedback.scale-naive COMMAND test_scale_feedback naive)
set_tests_properties(feedback.scale-naive PROPERTIES
  PASS_REGULAR_EXPRESSION "scale_feedback: 1 function\\(s\\) collapse")
