#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Replays every crashes/NAME.bin whose note applies to this build (a Found:
# or Fixed: line for its mode, version and tree files; tools/lib/findings.sh)
# and asserts the verdict the line gives.
#   replay_crashes.sh REPRO CRASHES_DIR BUILD_DIR
# Prints "N passed, N failed, N skipped"; exit 1 on any failure, 77 (ctest:
# skipped) when no note applies to this tree.
set -u
repro=$1 dir=$2 build=$3
# shellcheck source=tools/lib/findings.sh
. "$(dirname "$0")/../tools/lib/findings.sh"
build_tree_info "$build" || {
	echo "FAIL: $build/vmbind-tree.txt is missing (configure the build first)"
	exit 1
}
pass=0 fail=0 skip=0

for note in "$dir"/*.md; do
	[[ $(basename "$note") == README.md ]] && continue
	bin=${note%.md}.bin
	if [[ -z $(note_field Mode "$note") || ! -f $bin ]] ||
		! grep -qE '^(Found|Fixed): .+ -> .+' "$note"; then
		echo "FAIL $note: needs Mode:, a Found: line and $(basename "$bin")"
		fail=$((fail + 1))
		continue
	fi
	if ! expect=$(note_expect "$note" "$BUILD_MODE" "$BUILD_VERSION" "$BUILD_TREE"); then
		echo "skip $(basename "$bin"): for mode $(note_field Mode "$note"), trees $(note_trees "$note")"
		skip=$((skip + 1))
		continue
	fi
	want=${expect#* }
	[[ $want == "no finding" ]] && want=""
	got=$("$repro" -q "$bin" 2>&1 | signature_of_log -)
	if [[ $got == "$want" ]]; then
		echo "ok   $(basename "$bin") (${expect%% *} on $BUILD_VERSION): ${got:-no finding}"
		pass=$((pass + 1))
	else
		echo "FAIL $(basename "$bin") (${expect%% *} on $BUILD_VERSION): expected '${want:-no finding}', got '${got:-no finding}'"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed, $skip skipped"
((fail == 0)) || exit 1
((pass > 0)) || exit 77
exit 0
