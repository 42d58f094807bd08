# SPDX-License-Identifier: GPL-2.0-only
# tools/get-kernel against a local signed mirror made by the test (gpg,
# dpkg-deb, dpkg-scanpackages, apt): every case of
# tools/test_get_kernel.sh, each its own test.
foreach(c list fetch new-files not-offered no-network corrupt truncated interrupted
          disk-full one-line-sources no-sources usage)
  add_test(NAME tools_get_kernel.${c}
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/tools/test_get_kernel.sh"
            "${CMAKE_SOURCE_DIR}" ${c})
  set_tests_properties(tools_get_kernel.${c} PROPERTIES TIMEOUT 120)
endforeach()
