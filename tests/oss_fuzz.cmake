# SPDX-License-Identifier: GPL-2.0-only
# OSS-Fuzz / ClusterFuzzLite integration (tools/oss-fuzz/build.sh,
# .clusterfuzzlite/, tools/check-build). Same kernel tree and prealloc
# setting as this build.

# The ClusterFuzzLite files agree with each other and with the project,
# e.g. the Dockerfile unpacks every kernel file the build may read.
add_test(NAME oss_fuzz.clusterfuzzlite_files
  COMMAND bash "${CMAKE_SOURCE_DIR}/tests/ci/clusterfuzzlite.sh" static "${CMAKE_SOURCE_DIR}"
          ${VMBIND_KERNEL_REQUIRED} ${VMBIND_KERNEL_OPTIONAL})

# OSS-Fuzz's check_build, locally: ASan and UBSan builds into a temporary
# $OUT, moved away, each target run on its seed corpus (separate build
# trees under this directory, kept for incremental rebuilds).
add_test(NAME oss_fuzz.check_build
  COMMAND bash "${CMAKE_SOURCE_DIR}/tools/check-build"
          --work "${CMAKE_CURRENT_BINARY_DIR}/oss_fuzz/check-build")

# The image's steps without docker: $SRC/linux with the Dockerfile's paths
# only, a copy of the checkout, $SRC/build.sh, then compile and run.
add_test(NAME oss_fuzz.clusterfuzzlite_compile
  COMMAND bash "${CMAKE_SOURCE_DIR}/tests/ci/clusterfuzzlite.sh" simulate "${CMAKE_SOURCE_DIR}"
          "${CMAKE_CURRENT_BINARY_DIR}/oss_fuzz/clusterfuzzlite")

set_tests_properties(oss_fuzz.check_build oss_fuzz.clusterfuzzlite_compile PROPERTIES
  LABELS slow
  TIMEOUT 1800
  PROCESSORS 2
  ENVIRONMENT "KERNEL_SRC=${KERNEL_SRC};PREALLOC=${PREALLOC}")
