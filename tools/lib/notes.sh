# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The crash notes of crashes/NAME.md, read in one place (tools/repro, the
# replay test and the tools tests source this). A note's lines:
#
#   Mode: seed|kernel
#   Variant: NAME                      (seed mode, optional)
#   Found: TREE [PATH sha256:HEX]... -> SIGNATURE
#   Fixed: TREE [PATH sha256:HEX]... -> SIGNATURE | no finding
#
# TREE is a kernel version as the tree's Makefile gives it (7.3.4,
# 6.17-rc3; a trailing .0 may be left out), several joined by commas
# (7.2.12,7.2.13: the same files), or "any". A Found or Fixed line
# applies to a build of that mode and version whose tree holds every PATH
# with that SHA256: the same reproducer, replayed there, must give that
# verdict (Found: the finding still there; Fixed: what the tree gives now).

# note_field FIELD NOTE: the first value of FIELD.
note_field() { sed -n "s/^$1: *//p" "$2" | head -n 1; }

# note_tree_matches WANT VERSION: does a note's TREE (comma-separated
# versions, or "any") name this version?
note_tree_matches() {
	local version="$2" short want
	short="$(sed -E 's/^([0-9]+\.[0-9]+)\.0($|-)/\1\2/' <<<"$version")"
	for want in ${1//,/ }; do
		[[ "$want" == any || "$want" == "$version" || "$want" == "$short" ]] && return 0
	done
	return 1
}

# note_expect NOTE MODE VERSION TREE_DIR: prints "found VERDICT" or
# "fixed VERDICT" for the first line of the note that applies to the
# build; returns 1 when none does (or the note is for another mode).
note_expect() {
	local note="$1" mode="$2" version="$3" tree="$4"
	local kind line left verdict want path hash ok
	[[ "$(note_field Mode "$note")" == "$mode" ]] || return 1
	while IFS= read -r line; do
		kind="${line%%:*}"
		line="${line#*: }"
		[[ "$line" == *" -> "* ]] || continue
		left="${line%% -> *}"
		verdict="${line#* -> }"
		# shellcheck disable=SC2086
		set -- $left
		want="$1"
		shift
		note_tree_matches "$want" "$version" || continue
		ok=1
		while (($# >= 2)); do
			path="$1" hash="$2"
			shift 2
			if [[ -z "$tree" || ! -f "$tree/$path" ]] ||
				[[ "$(sha256sum <"$tree/$path")" != "${hash#sha256:} "* ]]; then
				ok=0
				break
			fi
		done
		((ok)) || continue
		if [[ "$kind" == Found ]]; then
			printf 'found %s\n' "$verdict"
		else
			printf 'fixed %s\n' "$verdict"
		fi
		return 0
	done < <(grep -E '^(Found|Fixed): ' "$note")
	return 1
}

# note_trees NOTE: the TREE of every Found/Fixed line, for messages.
note_trees() {
	sed -n -E 's/^(Found|Fixed): *([^ ]+).*/\2/p' "$1" | sort -u | paste -sd' ' -
}

# build_tree_info BUILD_DIR: sets BUILD_MODE, BUILD_VERSION, BUILD_TREE
# from the build directory's vmbind-tree.txt (written at configure).
build_tree_info() {
	local f="$1/vmbind-tree.txt"
	BUILD_MODE="" BUILD_VERSION="" BUILD_TREE=""
	[[ -f "$f" ]] || return 1
	BUILD_MODE="$(sed -n 's/^mode=//p' "$f")"
	BUILD_VERSION="$(sed -n 's/^version=//p' "$f")"
	BUILD_TREE="$(sed -n 's/^tree=//p' "$f")"
}
