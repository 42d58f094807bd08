# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Findings, read in one place (tools/lib/common.sh, hence every tool, the
# replay and same-verdict tests and the tools tests source this): the
# signature of a run's output (signature_of_log) and the crash notes of
# crashes/NAME.md. A note's lines:
#
#   Mode: seed|kernel
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

# msm_vma_known NOTES_DIR: the comma-separated names (Case:) of the
# msm-vma notes with a Found: line for the build (build_tree_info first),
# open-enomem when crashes/msm617-prr-page-unchecked.md or
# -pt-cache-create-unchecked.md has one (both found at the file's open),
# and prealloc-count-u32-wrap, prealloc-kvmalloc-warn when those notes do:
# what the ioctl path's runs go past (VMBIND_KNOWN); "" when none.
msm_vma_known() {
	local note expect known=""
	for note in "$1"/msm-vma-*.md; do
		[[ -f $note ]] || continue
		expect=$(note_expect "$note" "$BUILD_MODE" "$BUILD_VERSION" "$BUILD_TREE") || continue
		[[ $expect == found* ]] && known+="${known:+,}$(note_field Case "$note")"
	done
	# Found at the file's open (allocation failures there): open-enomem.
	for note in "$1"/../msm617-prr-page-unchecked.md "$1"/../msm617-pt-cache-create-unchecked.md; do
		[[ -f $note ]] || continue
		expect=$(note_expect "$note" "$BUILD_MODE" "$BUILD_VERSION" "$BUILD_TREE") || continue
		if [[ $expect == found* ]]; then
			known+="${known:+,}open-enomem"
			break
		fi
	done
	# Found by large-range requests: the note's name.
	for note in "$1"/../msm617-prealloc-count-u32-wrap.md "$1"/../msm617-prealloc-kvmalloc-warn.md; do
		[[ -f $note ]] || continue
		expect=$(note_expect "$note" "$BUILD_MODE" "$BUILD_VERSION" "$BUILD_TREE") || continue
		[[ $expect == found* ]] && known+="${known:+,}$(basename "$note" .md | sed 's/^msm617-//')"
	done
	printf '%s\n' "$known"
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

# Paths in signatures are made relative to the checkout.
: "${VMBIND_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

# signature_of_log FILE|-: print the deduplication signature of one run's
# output (stdout+stderr), or nothing if it shows no finding. All signatures
# have the shape '<kind> <function> <file>:<line>':
#   1. the first '==vmbind== SIGNATURE: ' line, as printed;
#   2. else a sanitizer report: kind 'asan:<bug>', 'lsan:leak' or
#      'ubsan:runtime-error', with the first stack frame that has a source
#      location outside the sanitizer/libFuzzer runtime (PIDs, addresses and
#      values dropped, so one bug always gives one signature; paths made
#      relative to the checkout or the kernel tree, as the shim prints them);
#   3. else a libFuzzer report: 'libfuzzer:<what> ? ?'.
signature_of_log() {
	awk '
	# "    #3 0x5555 in func /path/file.c:12:3" -> "func file.c:12", or ""
	# for runtime frames and frames without a source location.
	# Paths as the shim prints them: relative to the checkout or the
	# kernel tree (KERNEL_SRC, or the extract in a build directory).
	function relpath(p) {
		if (root != "" && index(p, root "/") == 1)
			p = substr(p, length(root) + 2)
		if (ksrc != "" && index(p, ksrc "/") == 1)
			p = substr(p, length(ksrc) + 2)
		sub(/^build\/[^\/]+\/kernel-src\//, "", p)
		return p
	}
	function frame(line,    n, parts, f, loc) {
		sub(/^ *#[0-9]+ 0x[0-9a-f]+ in /, "", line)
		n = split(line, parts, " ")
		f = parts[1]
		loc = (n >= 2) ? parts[2] : ""
		if (loc !~ /:[0-9]+(:[0-9]+)?$/)
			return ""
		if (loc ~ /:[0-9]+:[0-9]+$/)
			sub(/:[0-9]+$/, "", loc)		# drop the column
		loc = relpath(loc)
		if (f ~ /^_*(interceptor_|asan|ubsan|lsan|sanitizer|sancov)/ ||
		    f ~ /^fuzzer::/ ||
		    parts[2] ~ /(compiler-rt|sanitizer_common|\/asan\/|\/ubsan\/|\/lsan\/|\/fuzzer\/Fuzzer)/)
			return ""
		return f " " loc
	}
	/==vmbind== SIGNATURE: / && vm == "" {
		vm = $0
		sub(/.*==vmbind== SIGNATURE: /, "", vm)
		sub(/[ \t\r]+$/, "", vm)
	}
	kind == "" && /ERROR: AddressSanitizer: / {
		k = $0; sub(/.*ERROR: AddressSanitizer: /, "", k)
		split(k, w, " "); kind = "asan:" w[1]; want = 1; next
	}
	kind == "" && /ERROR: LeakSanitizer: / { kind = "lsan:leak"; want = 1; next }
	kind == "" && /: runtime error: / {
		ubloc = $0; sub(/: runtime error: .*/, "", ubloc)
		sub(/^.* /, "", ubloc)
		if (ubloc ~ /:[0-9]+:[0-9]+$/) sub(/:[0-9]+$/, "", ubloc)
		ubloc = relpath(ubloc)
		kind = "ubsan:runtime-error"; want = 1; next
	}
	want && /^ *#[0-9]+ 0x[0-9a-f]+ in / {
		f = frame($0)
		if (f != "") { where = f; want = 0 }
		next
	}
	lf == "" && /ERROR: libFuzzer: / {
		k = $0; sub(/.*ERROR: libFuzzer: /, "", k)
		sub(/ *\(.*$/, "", k); gsub(/[0-9]+/, "N", k); gsub(/ +/, "-", k)
		lf = "libfuzzer:" k " ? ?"
	}
	lf == "" && /ALARM: working on the last Unit for/ { lf = "libfuzzer:timeout ? ?" }
	END {
		if (vm != "") { print vm; exit }
		if (kind != "") {
			split(where, p, " ")
			fn = (p[1] != "") ? p[1] : "?"
			loc = (p[2] != "") ? p[2] : "?"
			if (kind ~ /^ubsan:/ && ubloc != "") loc = ubloc
			print kind " " fn " " loc
			exit
		}
		if (lf != "") print lf
	}' root="$VMBIND_ROOT" ksrc="${KERNEL_SRC:-}" "$1"
}
