#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Checks of the ClusterFuzzLite integration (.clusterfuzzlite/), which
# cannot run here (no docker). Run by tests/oss_fuzz.cmake.
#
#   clusterfuzzlite.sh static ROOT KERNEL_FILE...
#       the files agree with each other and with the project: project.yaml
#       (language c, sanitizers address and undefined), the Dockerfile
#       (base-builder, source and build.sh copied where build.sh looks, a
#       CMake at least cmake_minimum_required, kernel paths that cover every
#       KERNEL_FILE the build may read, KERNEL_SRC), build.sh (calls
#       tools/oss-fuzz/build.sh), SPDX lines.
#   clusterfuzzlite.sh simulate ROOT WORKDIR
#       the image's steps without docker: $SRC/linux holds only the
#       Dockerfile's LINUX_PATHS (taken from KERNEL_SRC, or from Debian's
#       linux-source-6.12 tarball), $SRC/vmbind-fuzz a copy of the checkout,
#       $SRC/build.sh the ClusterFuzzLite script; then "compile" (run
#       $SRC/build.sh in $SRC/vmbind-fuzz with the OSS-Fuzz address
#       environment) and run the target from $OUT.
set -euo pipefail

mode="${1:-}"
root="${2:-}"
[[ -n "$mode" && -d "$root" ]] || { echo "usage: $0 static|simulate ROOT ..." >&2; exit 2; }
shift 2
cfl="$root/.clusterfuzzlite"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

dockerfile="$cfl/Dockerfile"
# ARG NAME=value (quotes dropped) from the Dockerfile.
docker_arg() { sed -nE "s/^ARG $1=\"?([^\"]*)\"?\$/\1/p" "$dockerfile" | head -n 1; }

case "$mode" in
static)
	for f in Dockerfile build.sh project.yaml; do
		[[ -f "$cfl/$f" ]] || { fail ".clusterfuzzlite/$f missing"; continue; }
		grep -q 'SPDX-License-Identifier: GPL-2.0-only' "$cfl/$f" || fail ".clusterfuzzlite/$f has no SPDX line"
	done
	((fails == 0)) || exit 1

	y="$cfl/project.yaml"
	grep -qE '^language: *c *$' "$y" && ok "project.yaml: language c" || fail "project.yaml: want 'language: c'"
	for s in address undefined; do
		awk '/^sanitizers:/ { on = 1; next } /^[^ #-]/ { on = 0 } on && /^ *- */' "$y" |
			grep -qE "^ *- *$s *\$" && ok "project.yaml: sanitizer $s" || fail "project.yaml: sanitizers lack $s"
	done

	grep -qE '^FROM gcr\.io/oss-fuzz-base/base-builder(:[^ ]+)?$' "$dockerfile" &&
		ok "Dockerfile: FROM base-builder" || fail "Dockerfile: want FROM gcr.io/oss-fuzz-base/base-builder"
	grep -qE '^COPY \. \$SRC/vmbind-fuzz$' "$dockerfile" || fail "Dockerfile: want 'COPY . \$SRC/vmbind-fuzz'"
	grep -qE '^WORKDIR \$SRC/vmbind-fuzz$' "$dockerfile" || fail "Dockerfile: want 'WORKDIR \$SRC/vmbind-fuzz'"
	grep -qE '^COPY \.clusterfuzzlite/build\.sh \$SRC/$' "$dockerfile" || fail "Dockerfile: want 'COPY .clusterfuzzlite/build.sh \$SRC/'"
	grep -qE '^ENV KERNEL_SRC=\$SRC/linux$' "$dockerfile" || fail "Dockerfile: want 'ENV KERNEL_SRC=\$SRC/linux'"
	grep -q '"$SRC/vmbind-fuzz"\|\$SRC/vmbind-fuzz' "$cfl/build.sh" || fail "build.sh does not fall back to \$SRC/vmbind-fuzz"
	grep -qE 'tools/oss-fuzz/build\.sh' "$cfl/build.sh" || fail "build.sh does not run tools/oss-fuzz/build.sh"
	[[ -x "$cfl/build.sh" ]] || fail ".clusterfuzzlite/build.sh is not executable"
	[[ -x "$root/tools/oss-fuzz/build.sh" ]] || fail "tools/oss-fuzz/build.sh is not executable"
	((fails)) || ok "Dockerfile and build.sh: layout (\$SRC/vmbind-fuzz, \$SRC/build.sh, \$SRC/linux)"

	want_cmake="$(sed -nE 's/^cmake_minimum_required\(VERSION ([0-9.]+)\).*/\1/p' "$root/CMakeLists.txt")"
	have_cmake="$(docker_arg CMAKE_VERSION)"
	if [[ -z "$have_cmake" ]]; then
		fail "Dockerfile: no ARG CMAKE_VERSION"
	elif [[ "$(printf '%s\n%s\n' "$want_cmake" "$have_cmake" | sort -V | head -n 1)" != "$want_cmake" ]]; then
		fail "Dockerfile: CMake $have_cmake is older than cmake_minimum_required $want_cmake"
	else
		ok "Dockerfile: CMake $have_cmake >= $want_cmake"
	fi

	paths="$(docker_arg LINUX_PATHS)"
	lv="$(docker_arg LINUX_VERSION)"
	[[ -n "$paths" ]] || fail "Dockerfile: no ARG LINUX_PATHS"
	[[ "$lv" =~ ^6\.[0-9]+ ]] && [[ "$(printf '6.12\n%s\n' "$lv" | sort -V | head -n 1)" == 6.12 ]] ||
		fail "Dockerfile: LINUX_VERSION '$lv' is not 6.12 or later"
	for f in "$@"; do
		covered=0
		for p in $paths; do
			[[ "$f" == "$p" || "$f" == "$p"/* ]] && covered=1
		done
		((covered)) || fail "Dockerfile: LINUX_PATHS ($paths) do not cover $f, which the build may read"
	done
	((fails)) || ok "Dockerfile: LINUX_PATHS cover the $# kernel files of cmake/KernelTree.cmake (Linux $lv)"
	;;

simulate)
	work="${1:?simulate ROOT WORKDIR}"
	mkdir -p "$work"
	work="$(cd "$work" && pwd)"
	src="$work/src"
	paths="$(docker_arg LINUX_PATHS)"
	[[ -n "$paths" ]] || { fail "Dockerfile: no ARG LINUX_PATHS"; exit 1; }

	# $SRC/linux: only the Dockerfile's paths.
	if [[ -n "${KERNEL_SRC:-}" ]]; then
		origin="$KERNEL_SRC"
	else
		origin=/usr/src/linux-source-6.12.tar.xz
	fi
	stamp="$origin $paths"
	if [[ "$(cat "$src/linux/.stamp" 2>/dev/null)" != "$stamp" ]]; then
		rm -rf "$src/linux"
		mkdir -p "$src/linux"
		if [[ -d "$origin" ]]; then
			# shellcheck disable=SC2086
			(cd "$origin" && tar -cf - $paths) | tar -xf - -C "$src/linux"
		else
			[[ -f "$origin" ]] || { fail "no kernel tree: KERNEL_SRC unset and $origin missing"; exit 1; }
			top="$(basename "$origin")"
			top="${top%%.tar*}"
			members=()
			for p in $paths; do members+=("$top/$p"); done
			tar -xJf "$origin" -C "$src/linux" --strip-components=1 "${members[@]}"
		fi
		printf '%s' "$stamp" >"$src/linux/.stamp"
	fi
	ok "\$SRC/linux from $origin: $paths"

	# $SRC/vmbind-fuzz: the checkout as 'COPY . $SRC/vmbind-fuzz' would copy
	# it (without build outputs); $SRC/build.sh.
	rm -rf "$src/vmbind-fuzz"
	mkdir -p "$src/vmbind-fuzz"
	tar -C "$root" --exclude=./build --exclude=./out --exclude=./.git -cf - . |
		tar -C "$src/vmbind-fuzz" -xf -
	cp "$cfl/build.sh" "$src/build.sh"

	# compile: $SRC/build.sh from WORKDIR, the OSS-Fuzz address environment,
	# ENV KERNEL_SRC=$SRC/linux.
	out="$work/out"
	rm -rf "$out"
	# shellcheck source=tools/oss-fuzz/env.sh
	. "$root/tools/oss-fuzz/env.sh"
	if ! (
		oss_fuzz_build_env address
		export SRC="$src" OUT="$out" WORK="$work/work" KERNEL_SRC="$src/linux"
		cd "$src/vmbind-fuzz"
		bash "$SRC/build.sh"
	) >"$work/compile.log" 2>&1; then
		tail -n 40 "$work/compile.log" >&2
		fail "compile (\$SRC/build.sh) failed; log $work/compile.log"
		exit 1
	fi
	ok "compile: $(grep 'installed into' "$work/compile.log" | sed 's/^\[[^]]*\] //')"
	for f in vmbind_fuzz vmbind_fuzz.options vmbind_fuzz_seed_corpus.zip; do
		[[ -f "$out/$f" ]] || fail "\$OUT lacks $f"
	done
	r=0
	(cd "$work" && "$out/vmbind_fuzz" -seed=1337 -runs=4) >"$work/run.log" 2>&1 || r=$?
	if ((r == 0)) && grep -q '^Done 4 runs' "$work/run.log"; then
		ok "\$OUT/vmbind_fuzz -runs=4: $(grep -oE 'INFO: Loaded [0-9]+ modules? +\([0-9]+ [a-z0-9 -]+\)' "$work/run.log" | head -n 1)"
	else
		tail -n 20 "$work/run.log" >&2
		fail "\$OUT/vmbind_fuzz -runs=4 failed (status $r)"
	fi
	;;
*)
	echo "usage: $0 static|simulate ROOT ..." >&2
	exit 2
	;;
esac

if ((fails)); then
	echo "$fails check(s) failed" >&2
	exit 1
fi
