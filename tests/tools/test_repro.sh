#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Tests of tools/repro, run with the build's vmbind_repro (VMBIND_REPRO, so
# nothing is built).
#   test_repro.sh TEST ROOT REPRO MODE KERNEL_VERSION WORKDIR [KERNEL_TREE]
#   TEST: crash | text | deterministic | exit-codes
# Exit 0 pass, 1 fail, 77 skipped (no known finding for this build).
set -u
test=$1 root=$2 repro=$3 mode=$4 version=$5 work=$6 tree=${7:-}
export VMBIND_REPRO="$repro"
unset VMBIND_VARIANT
tool="$root/tools/repro"
vtext="$root/tools/vmbind-text"
rm -rf "$work"
mkdir -p "$work"
fails=0
fail() {
	echo "FAIL $*"
	fails=$((fails + 1))
}
# shellcheck source=tests/tools/known_finding.sh
. "$root/tests/tools/known_finding.sh"

run() {	# run OUTFILE ARGS...: tools/repro; sets rc
	local o="$1"
	shift
	rc=0
	"$tool" "$@" >"$o" 2>"$o.err" || rc=$?
}

case "$test" in
crash)
	known_finding "$root" "$mode" "$version" "$work/kf" "$tree" || { echo "skip: no known finding for mode $mode"; exit 77; }
	echo "known finding: $KF_FILE: $KF_SIG"
	run "$work/out" "$KF_FILE"
	((rc == 1)) || fail "exit status $rc, want 1"
	for want in "result: FINDING $KF_SIG" "==vmbind== SIGNATURE: $KF_SIG" \
		'config: ias=' '  op   0: ' '  job 0: ' '==vmbind== context: ' \
		"repro: 1 input(s) replayed, 1 with findings"; do
		grep -qF -- "$want" "$work/out" || fail "no '$want' in the output"
	done
	if [[ -n "$KF_NOTE" ]]; then
		grep -qF "note: $KF_NOTE:" "$work/out" || fail "the note $KF_NOTE is not shown"
	fi
	# libFuzzer and AFL++ crash file names; text form of the same input
	sha="$(sha1sum <"$KF_FILE" | cut -d' ' -f1)"
	mkdir -p "$work/artifacts"
	cp "$KF_FILE" "$work/artifacts/crash-$sha"
	cp "$KF_FILE" "$work/artifacts/id:000000,sig:06,src:000000,time:123,execs:456,op:havoc,rep:2"
	"$vtext" to-text "$KF_FILE" -o "$work/artifacts/as-text.txt"
	printf 'not an input\n' >"$work/artifacts/README.txt"	# as AFL++ leaves one
	printf '# notes\n' >"$work/artifacts/notes.md"
	run "$work/q" -q "$work/artifacts"
	((rc == 1)) || fail "-q on a directory: exit status $rc, want 1"
	n=0
	for name in "as-text.txt" "crash-$sha" "id:000000,sig:06,src:000000,time:123,execs:456,op:havoc,rep:2"; do
		n=$((n + 1))
		line="$(sed -n "${n}p" "$work/q")"
		[[ "$line" == "$work/artifacts/$name: FINDING $KF_SIG"* ]] ||
			fail "-q line $n: '$line', want '$work/artifacts/$name: FINDING $KF_SIG'"
	done
	[[ "$(wc -l <"$work/q")" == 3 ]] || fail "-q: want 3 lines (README.txt and notes.md skipped), got: $(cat "$work/q")"
	;;
text)
	f="$root/corpus-text/overlap-two.txt"
	run "$work/out" --text "$f"
	((rc == 0)) || fail "exit status $rc, want 0"
	grep -qF "== $f (text form; 80 bytes as binary)" "$work/out" || fail "no '== FILE (text form...)' line"
	grep -q '^  | map ' "$work/out" || fail "--text: no text form in the output"
	"$vtext" decode "$f" >"$work/decoded"
	grep -E '^(config:|bo[0-9]:|  op )' "$work/out" | diff "$work/decoded" - >/dev/null ||
		fail "the decoded lines differ from tools/vmbind-text decode"
	for want in '  job 0: 2 ops -> 2 page-table ops; reserved ' '  job 0: used ' \
		'summary: no finding (2 jobs, 2 run;' 'result: no finding'; do
		grep -qF -- "$want" "$work/out" || fail "no '$want' in the output"
	done
	;;
deterministic)
	known_finding "$root" "$mode" "$version" "$work/kf" "$tree" || true
	args=("$root/corpus-text/multi-op-mixed.txt" "$root/corpus/fail-nth-10.bin")
	[[ -n "${KF_FILE:-}" ]] && args+=("$KF_FILE")
	[[ -d "$root/crashes" ]] && args+=("$root/crashes")
	run "$work/one" "${args[@]}"
	rc1=$rc
	run "$work/two" "${args[@]}"
	((rc1 == rc)) || fail "exit status $rc1, then $rc"
	[[ -s "$work/one" ]] || fail "no output"
	cmp -s "$work/one" "$work/two" || {
		fail "two runs print different output:"
		diff "$work/one" "$work/two" | head -n 20
	}
	;;
exit-codes)
	run "$work/o" "$root/corpus/map-small-ias48.bin"
	((rc == 0)) || fail "no finding: exit status $rc, want 0"
	run "$work/o" "$work/no-such-file"
	((rc == 2)) || fail "missing file: exit status $rc, want 2"
	run "$work/o"
	((rc == 2)) || fail "no arguments: exit status $rc, want 2"
	run "$work/o" --frobnicate x
	((rc == 2)) || fail "unknown option: exit status $rc, want 2"
	printf 'format 2\nias 48\nmap range=pages:512\n' >"$work/bad.txt"
	run "$work/o" "$work/bad.txt"
	((rc == 2)) || fail "text with errors: exit status $rc, want 2"
	grep -qF "$work/bad.txt:3: error: " "$work/o.err" || fail "text with errors: no FILE:LINE: error: line ($(cat "$work/o.err"))"
	VMBIND_REPRO="$work/no-such-binary" run "$work/o" "$root/corpus/map-small-ias48.bin"
	((rc == 3)) || fail "missing vmbind_repro: exit status $rc, want 3"
	run "$work/o" -q "$root/corpus/map-small-ias48.bin" "$root/corpus/empty.bin"
	((rc == 0)) || fail "-q: exit status $rc, want 0"
	[[ "$(cat "$work/o")" == "$root/corpus/map-small-ias48.bin: no finding
$root/corpus/empty.bin: no finding" ]] || fail "-q output: $(cat "$work/o")"
	;;
*)
	echo "unknown test $test"
	exit 2
	;;
esac
if ((fails)); then
	echo "$fails failure(s)"
	exit 1
fi
echo ok
