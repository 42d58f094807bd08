#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0-only
#
# OSS-Fuzz / ClusterFuzzLite build script: builds the fuzz target with the
# toolchain and flags of the environment and installs it into $OUT.
#
#   CC=clang CFLAGS="..." LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/out \
#   SANITIZER=address tools/oss-fuzz/build.sh
#
# Environment (the OSS-Fuzz build contract):
#   CC, CFLAGS          compiler and flags for every object; they carry the
#                       sanitizer (-fsanitize=address, the UBSan list, ...)
#                       and the coverage flags (-fsanitize=fuzzer-no-link,
#                       or -fprofile-instr-generate for coverage builds)
#   CXX, CXXFLAGS       accepted, unused (the project is C only)
#   LIB_FUZZING_ENGINE  what vmbind_fuzz is linked with (-fsanitize=fuzzer,
#                       or the path of an engine library); required
#   OUT                 where the targets and their files go; required
#   SANITIZER           address, undefined, memory, coverage, none, ...
#                       (names the build directory; flags come from CFLAGS)
#   WORK                build directories go to $WORK/vmbind-<SANITIZER>
#                       (default: build/oss-fuzz-<SANITIZER> in the checkout)
#   KERNEL_SRC          Linux tree to compile (6.12 or later); default:
#                       Debian's /usr/src/linux-source-6.12.tar.xz
#   PREALLOC            auto (default), kernel or seed (see README)
#   VMBIND_OSS_FUZZ_INSTRUMENT
#                       targets (default): -fsanitize=fuzzer-no-link is
#                       taken out of CFLAGS and applied to the code under
#                       test only, as in preset default; all: leave CFLAGS
#                       as they are (the shim is instrumented too)
#   VMBIND_JOBS         build parallelism (default: number of CPUs)
#
# Installs into $OUT: vmbind_fuzz, vmbind_fuzz_seed_corpus.zip (corpus/),
# vmbind_fuzz.dict (dict/vmbind.dict, when present and not empty) and
# vmbind_fuzz.options ([libfuzzer] max_len = 4096, dict = ...).
# Nothing in the checkout is written except the default build directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
me="tools/oss-fuzz/build.sh"
say() { printf '[%s] %s\n' "$me" "$*" >&2; }
die() {
	printf '[%s] error: %s\n' "$me" "$*" >&2
	exit 1
}

case "${1:-}" in
-h | --help)
	awk 'NR >= 4 { if (!/^#/) exit; sub(/^# ?/, ""); print }' "$0"
	exit 0
	;;
esac

: "${CC:=clang}"
: "${CFLAGS:=}"
: "${SANITIZER:=address}"
[[ -n "${OUT:-}" ]] || die "OUT is not set (the directory the targets go to); tools/check-build runs this script with the OSS-Fuzz environment"
[[ -n "${LIB_FUZZING_ENGINE:-}" ]] || die "LIB_FUZZING_ENGINE is not set (e.g. -fsanitize=fuzzer)"
instrument="${VMBIND_OSS_FUZZ_INSTRUMENT:-targets}"
case "$instrument" in
targets | all) ;;
*) die "VMBIND_OSS_FUZZ_INSTRUMENT must be 'targets' or 'all' (got '$instrument')" ;;
esac
prealloc="${PREALLOC:-auto}"
jobs="${VMBIND_JOBS:-$(nproc 2>/dev/null || echo 2)}"
command -v cmake >/dev/null || die "cmake not found (3.25 or later is needed)"
command -v make >/dev/null || die "make not found"
# Absolute paths: CMake wipes a cache whose compiler path changed and then
# configures with defaults, losing every -D below.
cc="$(command -v "$CC")" || die "CC=$CC not found"
make_prog="$(command -v make)"

# ---- kernel tree ------------------------------------------------------------
if [[ -n "${KERNEL_SRC:-}" ]]; then
	[[ -d "$KERNEL_SRC" ]] || die "KERNEL_SRC=$KERNEL_SRC is not a directory"
	KERNEL_SRC="$(cd "$KERNEL_SRC" && pwd)"
	say "kernel tree: $KERNEL_SRC"
elif [[ -f /usr/src/linux-source-6.12.tar.xz ]]; then
	KERNEL_SRC=""
	say "kernel tree: /usr/src/linux-source-6.12.tar.xz (extracted into the build directory)"
else
	die "no kernel tree: set KERNEL_SRC to a Linux 6.12+ source tree (the ClusterFuzzLite Dockerfile unpacks one into \$SRC/linux), or install Debian's linux-source-6.12"
fi

# ---- flags ------------------------------------------------------------------
# The project's CMake adds no sanitizer and no engine of its own here
# (VMBIND_SANITIZE empty, VMBIND_ENGINE=none): everything comes from CFLAGS,
# and vmbind_fuzz is linked with $LIB_FUZZING_ENGINE.
cflags="$CFLAGS"
fuzz_instr=""
if [[ "$instrument" == targets ]]; then
	read -r -a words <<<"$CFLAGS"
	kept=()
	for w in "${words[@]}"; do
		if [[ "$w" == -fsanitize=fuzzer-no-link ]]; then
			fuzz_instr="$w"
		else
			kept+=("$w")
		fi
	done
	cflags="${kept[*]}"
fi

build="${WORK:+$WORK/vmbind-$SANITIZER}"
build="${build:-$root/build/oss-fuzz-$SANITIZER}"
# A build directory belongs to one configuration: start afresh when the
# compiler, flags, engine or kernel tree change (CMake caches them).
config="CC=$cc
MAKE=$make_prog
CFLAGS=$cflags
VMBIND_FUZZ_INSTR=$fuzz_instr
LIB_FUZZING_ENGINE=$LIB_FUZZING_ENGINE
KERNEL_SRC=$KERNEL_SRC
PREALLOC=$prealloc"
if [[ -d "$build" && "$(cat "$build/.vmbind-oss-fuzz-config" 2>/dev/null)" != "$config" ]]; then
	say "configuration changed; removing $build"
	rm -rf "$build"
fi
mkdir -p "$build"

say "CC=$CC ($cc)"
say "CFLAGS=$cflags"
[[ -z "$fuzz_instr" ]] || say "code under test only: $fuzz_instr"
say "LIB_FUZZING_ENGINE=$LIB_FUZZING_ENGINE  SANITIZER=$SANITIZER"
say "build directory: $build"

configure() {
	cmake -S "$root" -B "$build" -G "Unix Makefiles" \
		-DCMAKE_C_COMPILER="$cc" \
		-DCMAKE_MAKE_PROGRAM="$make_prog" \
		-DCMAKE_C_FLAGS="$cflags" \
		-DCMAKE_BUILD_TYPE= \
		-DVMBIND_SANITIZE= \
		-DVMBIND_ENGINE=none \
		-DVMBIND_COVERAGE=OFF \
		-DVMBIND_TESTS=OFF \
		-DVMBIND_FUZZ_INSTR="$fuzz_instr" \
		-DVMBIND_LIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" \
		-DKERNEL_SRC="$KERNEL_SRC" \
		-DPREALLOC="$prealloc"
}
# The cache must hold this script's settings (see above).
cache_ok() {
	local c="$build/CMakeCache.txt"
	grep -qx 'VMBIND_ENGINE:STRING=none' "$c" &&
		grep -qx 'VMBIND_SANITIZE:STRING=' "$c" &&
		grep -qx 'VMBIND_TESTS:BOOL=OFF' "$c" &&
		grep -qxF "VMBIND_LIB_FUZZING_ENGINE:STRING=$LIB_FUZZING_ENGINE" "$c"
}
if ! configure || ! cache_ok; then
	# A cache from another environment can fail or be reset: once more,
	# from scratch.
	[[ -f "$build/CMakeCache.txt" ]] || die "configure failed"
	say "configure failed or lost its settings; again in an empty $build"
	rm -rf "$build"
	mkdir -p "$build"
	configure || die "configure failed"
	cache_ok || die "configure did not keep VMBIND_ENGINE=none, VMBIND_SANITIZE=, VMBIND_TESTS=OFF, VMBIND_LIB_FUZZING_ENGINE"
fi
printf '%s' "$config" >"$build/.vmbind-oss-fuzz-config"
cmake --build "$build" --target vmbind_fuzz -j "$jobs" || die "build failed"

# ---- install into $OUT ------------------------------------------------------
target=vmbind_fuzz
mkdir -p "$OUT"
install -m 0755 "$build/harness/$target" "$OUT/$target"

zip_out="$OUT/${target}_seed_corpus.zip"
rm -f "$zip_out"
# The seed inputs are the regular files at the top of corpus/.
mapfile -t seeds < <(find "$root/corpus" -maxdepth 1 -type f | sort)
if ((${#seeds[@]})); then
	if command -v zip >/dev/null; then
		zip -q -j -X "$zip_out" "${seeds[@]}"
	else
		python3 - "$zip_out" "${seeds[@]}" <<-'EOF'
			import os, sys, zipfile
			with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
			    for f in sys.argv[2:]:
			        z.write(f, os.path.basename(f))
		EOF
	fi
fi

dict_line=""
rm -f "$OUT/$target.dict"
if [[ -s "$root/dict/vmbind.dict" ]]; then
	cp "$root/dict/vmbind.dict" "$OUT/$target.dict"
	dict_line="dict = $target.dict"
fi
{
	echo "[libfuzzer]"
	echo "max_len = 4096"
	[[ -z "$dict_line" ]] || echo "$dict_line"
} >"$OUT/$target.options"

say "installed into $OUT: $target, ${target}_seed_corpus.zip (${#seeds[@]} inputs), $target.options${dict_line:+, $target.dict}"
