# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2034
#
# Sourced by the tools tests: known_finding ROOT MODE VERSION OUTDIR TREE
# picks an input with a known finding for this build and sets
#   KF_FILE       the input (a crashes/NAME.bin, or a generated one)
#   KF_SIG        its signature
#   KF_NOTE       its note (crashes/NAME.md), or empty
# Returns 1 when there is none (the caller skips).
#
# First choice: a crashes/ reproducer whose note has a Found: line for the
# build (tools/lib/findings.sh, as tests/replay_crashes.sh reads them). In seed mode
# without one: a generated input, fault injection failing the 7th
# allocation (the page array of the first job's reservation) of one MAP,
# which the seed rendition as posted turns into
# 'null-deref seed_prealloc_cleanup targets/seed/seed_msm.c:<line>'.

known_finding() {
	local root="$1" mode="$2" version="$3" outdir="$4" tree="${5:-}" note expect sig size
	# shellcheck source=tools/lib/findings.sh
	. "$root/tools/lib/findings.sh"
	KF_FILE="" KF_SIG="" KF_NOTE=""
	for note in "$root"/crashes/*.md; do
		[[ -f "$note" && $(basename "$note") != README.md ]] || continue
		[[ -f "${note%.md}.bin" ]] || continue
		expect="$(note_expect "$note" "$mode" "$version" "$tree")" || continue
		# A finding, not a tree that fixed it.
		[[ "$expect" == "found "* ]] || continue
		sig="${expect#found }"
		# The smallest reproducer that applies and has at least one op
		# (header 16 bytes + a record): quickest to minimise, and its
		# replay shows ops and jobs.
		size=$(stat -c %s "${note%.md}.bin")
		((size > 16)) || continue
		if [[ -n "$KF_FILE" ]] && ((size >= $(stat -c %s "$KF_FILE"))); then
			continue
		fi
		KF_SIG="$sig"
		KF_FILE="${note%.md}.bin"
		KF_NOTE="$note"
	done
	[[ -n "$KF_FILE" ]] && return 0
	[[ "$mode" == seed ]] || return 1
	mkdir -p "$outdir"
	cat >"$outdir/fail-page-array.txt" <<-'EOF'
		format 2
		# The 7th allocation of the input, the page array of the first job's
		# reservation, fails; the seed as posted then cleans up through a
		# NULL page array.
		ias 48
		walk coherent
		fail nth=7 family=any
		bo 0 size=2^20+0 entry=2^3 layout=contiguous misalign=0
		map iova=start:0 range=pages:15 bo=0 offset=0
	EOF
	"$root/tools/vmbind-text" to-bin "$outdir/fail-page-array.txt" -o "$outdir/fail-page-array.bin" ||
		return 1
	KF_FILE="$outdir/fail-page-array.bin"
	KF_SIG="null-deref seed_prealloc_cleanup targets/seed/seed_msm.c:"	# a prefix: the line may move
	return 0
}
