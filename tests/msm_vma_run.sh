#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs tests/msm_vma.c against what crashes/unit/msm-vma-*.md say this
# tree has (tools/lib/findings.sh reads the notes: "Mode: kernel",
# "Case: NAME", Found:/Fixed: lines with the tree files' SHA256):
#   msm_vma_run.sh TEST NOTES_DIR BUILD_DIR case NAME
#       the case's first finding must be the note's (kind and function; the
#       line is the tree's), or none when no note applies to this tree
#   msm_vma_run.sh TEST NOTES_DIR BUILD_DIR random|enomem|large|signals SEED JOBS [BREAK]
#       the random run, going past every finding the notes give this tree
#   msm_vma_run.sh REPRO NOTES_DIR BUILD_DIR corpus DIR
#       vmbind_repro_ioctl on DIR, going past them too: no finding
#   msm_vma_run.sh REPRO NOTES_DIR BUILD_DIR crashes
#       every NOTES_DIR/msm-vma-NAME.ioctl and NOTES_DIR/../NAME.ioctl (a
#       fuzz input of the ioctl path; crashes/NAME.ioctl beside the job
#       path's NAME.bin) gives its note's finding on the trees the note
#       names, else none,
#       with the note's Replay-known: findings gone past (VMBIND_KNOWN), as
#       when it was found and minimised
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

if [[ $what == corpus ]]; then
	known=$(msm_vma_known "$notes")
	echo "known on $BUILD_VERSION: ${known:-none}"
	VMBIND_KNOWN=${known:-none} exec "$test_bin" "$1"
fi

if [[ $what == crashes ]]; then
	pass=0 fail=0
	for input in "$notes"/msm-vma-*.ioctl "$notes"/../*.ioctl; do
		[[ -f $input ]] || continue
		note=${input%.ioctl}.md
		expect=$(note_expect "$note" "$BUILD_MODE" "$BUILD_VERSION" "$BUILD_TREE") || expect=""
		want=${expect#* }
		[[ -z $expect || $want == "no finding" ]] && want=""
		past=$(note_field Replay-known "$note")
		got=$(VMBIND_KNOWN=${past:-none} "$test_bin" -q "$input" 2>&1 | signature_of_log -)
		if [[ $(short "$got") == $(short "$want") ]]; then
			echo "ok   $(basename "$input") on $BUILD_VERSION: ${got:-no finding}"
			pass=$((pass + 1))
		else
			echo "FAIL $(basename "$input") on $BUILD_VERSION: expected '${want:-no finding}', got '${got:-no finding}'"
			fail=$((fail + 1))
		fi
	done
	echo "$pass passed, $fail failed"
	((fail == 0)) || exit 1
	((pass > 0)) || exit 77
	exit 0
fi

# random / enomem: every case the notes give this tree is known.
known=$(msm_vma_known "$notes")
echo "known on $BUILD_VERSION: ${known:-none}"
exec "$test_bin" "$what" "$1" "$2" "${3:-none}" "${known:-none}"
