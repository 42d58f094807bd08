#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Replays every crashes/NAME.bin whose note crashes/NAME.md applies to this
# build (Mode, Tree) and asserts the signature vmbind_repro reports.
#   replay_crashes.sh REPRO CRASHES_DIR MODE KERNEL_VERSION [KERNEL_TREE]
# KERNEL_VERSION is e.g. 6.17.0-rc3; a note's Tree: line applies when it
# names that version or its short form (6.17-rc3). A note may also pin the
# exact files ("Tree-file: <path> sha256:<hex>", any number): it then
# applies only when KERNEL_TREE holds every one of them unchanged (a tree
# with or without a fix has the same version).
# Prints "N passed, N failed, N skipped"; exit 1 on any failure.
set -u
repro=$1 dir=$2 mode=$3 version=$4 tree=${5:-}
pass=0 fail=0 skip=0
short=$(sed -E 's/^([0-9]+\.[0-9]+)\.0/\1/' <<<"$version")

tree_matches() {
	[[ -z $1 ]] && return 0
	[[ " $1 " =~ [^0-9.]($version|$short)[^0-9] ]]
}

tree_files_match() {
	local path hash
	while read -r path hash; do
		[[ -n $tree && -f $tree/$path ]] || return 1
		[[ $(sha256sum <"$tree/$path") == "${hash#sha256:} "* ]] || return 1
	done < <(sed -n 's/^Tree-file: *//p' "$1")
}

field() { sed -n "s/^$1: *//p" "$2" | head -n 1; }

for note in "$dir"/*.md; do
	[[ $(basename "$note") == README.md ]] && continue
	bin=${note%.md}.bin
	want=$(field Signature "$note")
	want_mode=$(field Mode "$note")
	want_tree=$(field Tree "$note")
	variant=$(field Variant "$note")
	if [[ -z $want || -z $want_mode || ! -f $bin ]]; then
		echo "FAIL $note: needs Signature:, Mode: and $(basename "$bin")"
		fail=$((fail + 1))
		continue
	fi
	if [[ $want_mode != "$mode" ]] || ! tree_matches "$want_tree" ||
		! tree_files_match "$note"; then
		echo "skip $(basename "$bin"): for mode $want_mode${want_tree:+, tree $want_tree}"
		skip=$((skip + 1))
		continue
	fi
	got=$(VMBIND_VARIANT=${variant:-} "$repro" -q "$bin" 2>&1 |
		sed -n 's/^==vmbind== SIGNATURE: //p' | head -n 1)
	if [[ $got == "$want" ]]; then
		echo "ok   $(basename "$bin"): $got"
		pass=$((pass + 1))
	else
		echo "FAIL $(basename "$bin"): expected '$want', got '${got:-no finding}'"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed, $skip skipped"
((fail == 0))
