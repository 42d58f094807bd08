#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0-only
#
# ClusterFuzzLite / OSS-Fuzz entry point (copied to $SRC/build.sh by the
# Dockerfile, run by 'compile' in $SRC/vmbind-fuzz). Everything happens in
# tools/oss-fuzz/build.sh, from the environment: CC, CFLAGS,
# LIB_FUZZING_ENGINE, OUT, SANITIZER, WORK, KERNEL_SRC.
set -euo pipefail
if [[ -x "$PWD/tools/oss-fuzz/build.sh" ]]; then
	repo="$PWD"
else
	repo="$SRC/vmbind-fuzz"
fi
export KERNEL_SRC="${KERNEL_SRC:-$SRC/linux}"
exec "$repo/tools/oss-fuzz/build.sh"
