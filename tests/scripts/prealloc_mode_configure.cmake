# SPDX-License-Identifier: GPL-2.0-only
# cmake -DWORK=<dir> -DARGS=<configure args> -DEXPECT_FAIL=ON|OFF -DWANT=<text> -P this
# Configures the project in a scratch build directory and checks that the
# output contains WANT and that configure succeeded or failed as expected.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${WORK}")
execute_process(COMMAND "${CMAKE_COMMAND}" ${ARGS} -B "${WORK}"
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
set(_all "${_out}${_err}")
# CMake wraps long error messages; compare with whitespace collapsed.
string(REGEX REPLACE "[ \t\r\n]+" " " _flat "${_all}")
string(REGEX REPLACE "[ \t\r\n]+" " " _want "${WANT}")
file(REMOVE_RECURSE "${WORK}")
if(EXPECT_FAIL AND _rc EQUAL 0)
  message(FATAL_ERROR "configure succeeded, expected it to fail:\n${_all}")
endif()
if(NOT EXPECT_FAIL AND NOT _rc EQUAL 0)
  message(FATAL_ERROR "configure failed (${_rc}):\n${_all}")
endif()
string(FIND "${_flat}" "${_want}" _at)
if(_at LESS 0)
  message(FATAL_ERROR "configure output lacks '${WANT}':\n${_all}")
endif()
message(STATUS "ok: '${WANT}'")
