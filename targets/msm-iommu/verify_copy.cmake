# SPDX-License-Identifier: GPL-2.0-only
# cmake -DTREE_FILE=... -DCOPY_FILE=... -P verify_copy.cmake
# Fails the build if the build-directory copy of a kernel file is not the
# tree's file byte for byte: kernel files are compiled unmodified.
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${TREE_FILE}" "${COPY_FILE}"
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "vmbind: ${COPY_FILE} differs from ${TREE_FILE}. Kernel "
    "files are compiled unmodified; delete the copy (the build makes it again) "
    "or fix the tree.")
endif()
