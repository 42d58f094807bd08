#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs tests/msm_vma.c against what crashes/unit/msm-vma-*.md say this
# tree has (tools/lib/findings.sh reads the notes: "Mode: kernel",
# "Case: NAME", Found:/Fixed: lines with the tree files' SHA256):
#   msm_vma_run.sh TEST NOTES_DIR BUILD_DIR case NAME
#       the case's first finding must be the note's (kind and function; the
#       line is the tree's), or none when no note applies to this tree
#   msm_vma_run.sh TEST NOTES_DIR BUILD_DIR random|enomem SEED JOBS [BREAK]
#       the random run, going past every finding the notes give this tree
set -u
test_bin=$1 notes=$2 build=$3 what=$4
shift 4
# shellcheck source=tools/lib/findings.sh
. "$(dirname "$0")/../tools/lib/findings.sh"
build_tree_info "$build" || {
	echo "FAIL: $build/vmbind-tree.txt is missing (configure the build first)"
	exit 1
}

# case_expect NAME: "found SIG", "fixed SIG", or nothing (no note applies).
case_expect() {
	local note
	for note in "$notes"/msm-vma-*.md; do
		[[ -f $note && $(note_field Case "$note") == "$1" ]] || continue
		note_expect "$note" "$BUILD_MODE" "$BUILD_VERSION" "$BUILD_TREE" && return
	done
	return 0
}

# kind and function of a signature
short() { awk '{ print $1, $2 }' <<<"$1"; }

if [[ $what == case ]]; then
	name=$1
	expect=$(case_expect "$name")
	want=${expect#* }
	[[ -z $expect || $want == "no finding" ]] && want=""
	out=$("$test_bin" case "$name" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	got=$(sed -n "s/^case $name: first finding: //p" <<<"$out")
	if grep -q "CHECK failed" <<<"$out" || ! grep -q "^case $name: " <<<"$out" ||
		((rc > 1)); then
		echo "FAIL case $name: the scenario did not run as written (rc $rc)"
		exit 1
	fi
	if [[ $(short "$got") == $(short "$want") ]]; then
		echo "ok   case $name on $BUILD_VERSION: ${got:-no finding}${expect:+ (${expect%% *}: crashes/unit note)}"
		exit 0
	fi
	echo "FAIL case $name on $BUILD_VERSION: expected '${want:-no finding}', got '${got:-no finding}'"
	[[ -z $want ]] && echo "     (no crashes/unit/msm-vma-*.md note names this tree: a new finding, or a tree of your own that still has one)"
	exit 1
fi

# random / enomem: every case the notes give this tree is known.
known=""
for note in "$notes"/msm-vma-*.md; do
	[[ -f $note ]] || continue
	name=$(note_field Case "$note")
	expect=$(note_expect "$note" "$BUILD_MODE" "$BUILD_VERSION" "$BUILD_TREE") || continue
	[[ $expect == found* ]] && known+="${known:+,}$name"
done
echo "known on $BUILD_VERSION: ${known:-none}"
exec "$test_bin" "$what" "$1" "$2" "${3:-none}" "${known:-none}"
