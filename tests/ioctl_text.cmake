# SPDX-License-Identifier: GPL-2.0-only
# tools/ioctl-text (client scripts of the ioctl path, corpus-text/ioctl/):
#   ioctl_text.seeds-generated  corpus-ioctl/client-NAME is what
#                               corpus-text/ioctl/NAME.txt encodes to
#   ioctl_text.errors           a script error is reported with its line
#   ioctl_text.check            (ioctl-path builds) each script, run by the
#                               harness past the tree's known findings, makes
#                               exactly the calls it names
#   ioctl_text.check-fails      and a script whose calls the harness cannot
#                               make as written fails the check
if(NOT Python3_Interpreter_FOUND)
  message(STATUS "vmbind: python3 not found: no ioctl_text tests")
  return()
endif()
set(_it "${CMAKE_SOURCE_DIR}/tools/ioctl-text")
add_test(NAME ioctl_text.seeds-generated COMMAND "${Python3_EXECUTABLE}" "${_it}" build --check)
add_test(NAME ioctl_text.errors COMMAND bash -c
  "out=$('${Python3_EXECUTABLE}' '${_it}' to-bin '${CMAKE_CURRENT_SOURCE_DIR}/data/ioctl-text-closed-bo.txt' -o /dev/null 2>&1); rc=$?; echo \"$out (exit $rc)\"; [[ $rc == 1 && $out == *'closed-bo.txt:14: bo=1 is not an open BO'* ]]")
if(NOT TARGET vmbind_repro_ioctl)
  return()
endif()
file(GLOB _it_scripts CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/corpus-text/ioctl/*.txt")
# With the known findings of the tree (tests/msm_vma_run.sh's list).
add_test(NAME ioctl_text.check
  COMMAND bash -c ". '${CMAKE_SOURCE_DIR}/tools/lib/findings.sh' && build_tree_info '${CMAKE_BINARY_DIR}' && VMBIND_KNOWN=$(k=$(msm_vma_known '${CMAKE_SOURCE_DIR}/crashes/unit'); echo \${k:-none}) exec '${Python3_EXECUTABLE}' '${_it}' check \"$@\"" _ ${_it_scripts})
set_tests_properties(ioctl_text.check PROPERTIES TIMEOUT 120
  ENVIRONMENT "VMBIND_REPRO_IOCTL=$<TARGET_FILE:vmbind_repro_ioctl>"
  FAIL_REGULAR_EXPRESSION "FAIL")
# The teardown script with killed-job not known: the kernel's finding ends
# the run at the close, so the calls after it are not made.
add_test(NAME ioctl_text.check-fails COMMAND "${Python3_EXECUTABLE}" "${_it}" check
  "${CMAKE_SOURCE_DIR}/corpus-text/ioctl/turnip-two-queues-teardown.txt")
set_tests_properties(ioctl_text.check-fails PROPERTIES WILL_FAIL TRUE
  ENVIRONMENT "VMBIND_REPRO_IOCTL=$<TARGET_FILE:vmbind_repro_ioctl>;VMBIND_KNOWN=none")
