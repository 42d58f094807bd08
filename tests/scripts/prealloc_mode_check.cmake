# SPDX-License-Identifier: GPL-2.0-only
# cmake -DFILE=vmbind-prealloc.txt -DWANT_MODE=... -DWANT_MSG=... -P this
cmake_minimum_required(VERSION 3.25)
file(STRINGS "${FILE}" _lines)
if(NOT "mode=${WANT_MODE}" IN_LIST _lines)
  message(FATAL_ERROR "${FILE}: expected mode=${WANT_MODE}, got: ${_lines}")
endif()
if(NOT "message=${WANT_MSG}" IN_LIST _lines)
  message(FATAL_ERROR "${FILE}: expected message '${WANT_MSG}', got: ${_lines}")
endif()
message(STATUS "ok: mode=${WANT_MODE}")
