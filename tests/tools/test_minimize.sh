#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Tests of tools/minimize-corpus and tools/minimize-crash, with the build's
# binaries (VMBIND_REPRO, VMBIND_FUZZ, VMBIND_FUZZ_AFL: nothing is built).
#   test_minimize.sh TEST ROOT REPRO FUZZ|- AFL_FUZZ|- MODE KERNEL_VERSION WORKDIR [KERNEL_TREE]
#   TEST: corpus | corpus-afl | refuse-seeds | crash | crash-afl | crash-none
# Exit 0 pass, 1 fail, 77 skipped.
set -u
test=$1 root=$2 repro=$3 fuzz=$4 afl=$5 mode=$6 version=$7 work=$8 tree=${9:-}
export VMBIND_REPRO="$repro"
[[ "$fuzz" != - ]] && export VMBIND_FUZZ="$fuzz"
[[ "$afl" != - ]] && export VMBIND_FUZZ_AFL="$afl"
unset VMBIND_VARIANT
rm -rf "$work"
mkdir -p "$work"
fails=0
fail() {
	echo "FAIL $*"
	fails=$((fails + 1))
}
# shellcheck source=tests/tools/known_finding.sh
. "$root/tests/tools/known_finding.sh"

hashes() { (cd "$1" && find . -maxdepth 1 -type f ! -name '.*' -exec sha1sum {} + | cut -d' ' -f1 | sort -u); }
nfiles() { find "$1" -mindepth 1 -maxdepth 1 -type f ! -name '.*' | wc -l; }
cov() {	# libFuzzer edge coverage of a directory
	setarch "$(uname -m)" -R "$fuzz" -runs=0 -seed=1 -max_len=65552 -artifact_prefix="$work/" "$1" 2>&1 |
		sed -n -E 's/^#[0-9]+[[:space:]]+INITED[[:space:]]+cov: ([0-9]+) .*/\1/p' | tail -n 1
}

# A corpus with redundancy: the seeds (without empty.bin, which libFuzzer
# skips), each twice more under other names, and random inputs without a
# finding.
make_corpus() {
	local d="$1" f b
	mkdir -p "$d"
	for f in "$root"/corpus/*.bin; do
		[[ -s "$f" ]] || continue
		b="$(basename "$f" .bin)"
		cp "$f" "$d/$b"
		cp "$f" "$d/$b.copy1"
		cp "$f" "$d/$b.copy2"
	done
	python3 - "$d" <<-'EOF'
		import random, sys
		r = random.Random(7)
		for i in range(40):
		    # a header near the seeds' and random records
		    data = bytes([12, 0, 0, 0, 20, 0, 3, 0] * 2) + r.randbytes(16 * r.randrange(1, 4))
		    open('%s/random-%02d' % (sys.argv[1], i), 'wb').write(data)
	EOF
	"$repro" -q "$d" 2>/dev/null | sed -n 's/: FINDING .*//p' | xargs -r rm -f
}

minimize_corpus_test() {	# EXTRA_ARGS...
	local d="$work/c" rc=0 before after cb ca n
	make_corpus "$d"
	before="$(nfiles "$d")"
	hashes "$d" >"$work/before.sha"
	cb="$(cov "$d")"
	# and one input with a finding, which is left out and listed
	if known_finding "$root" "$mode" "$version" "$work/kf" "$tree" &&
		"$repro" -q "$KF_FILE" 2>&1 | grep -qF "SIGNATURE: $KF_SIG"; then
		cp "$KF_FILE" "$d/has-a-finding"
	else
		KF_FILE=""
	fi
	"$root/tools/minimize-corpus" "$@" "$d" >"$work/out" 2>&1 || rc=$?
	cat "$work/out"
	((rc == 0)) || fail "minimize-corpus: exit status $rc"
	after="$(nfiles "$d")"
	ca="$(cov "$d")"
	echo "files $before -> $after, cov $cb -> $ca"
	((after < before)) || fail "no file dropped ($before -> $after)"
	((after > 0)) || fail "everything dropped"
	hashes "$d" | comm -13 "$work/before.sha" - | grep -q . && fail "files not in the original corpus"
	[[ -n "$cb" && -n "$ca" ]] || fail "coverage not measured"
	((ca >= cb)) || fail "coverage dropped: cov $cb -> $ca"
	grep -qE "^$d: $((before + 1)) files \(.*\) -> $after files \(.*\)$" "$work/out" ||
		grep -qE "^$d: $before files \(.*\) -> $after files \(.*\)$" "$work/out" ||
		fail "no 'DIR: N files (coverage) -> M files (coverage)' line"
	if [[ -n "${KF_FILE:-}" ]]; then
		grep -qF "  has-a-finding: $KF_SIG" "$work/out" || fail "the input with a finding is not listed"
	fi
	for t in "$work"/.*.minimize.*; do
		[[ -e "$t" ]] && fail "a temporary directory was left behind: $t"
	done
	# a second run works too (it may still drop a file or two: the
	# target's features vary slightly from run to run)
	rc=0
	"$root/tools/minimize-corpus" "$@" "$d" >"$work/out2" 2>&1 || rc=$?
	((rc == 0)) || fail "second run: exit status $rc: $(cat "$work/out2")"
	# --dry-run changes nothing
	cp "$root"/corpus/cross-2m.bin "$d/dup"
	hashes "$d" >"$work/dry.sha"
	n="$(nfiles "$d")"
	"$root/tools/minimize-corpus" "$@" --dry-run "$d" >/dev/null 2>&1 || fail "--dry-run failed"
	if [[ "$(nfiles "$d")" != "$n" ]] || ! hashes "$d" | cmp -s - "$work/dry.sha"; then
		fail "--dry-run changed the corpus"
	fi
}

minimize_crash_test() {	# EXTRA_ARGS...
	local rc=0 got
	known_finding "$root" "$mode" "$version" "$work/kf" "$tree" || { echo "skip: no known finding for mode $mode"; exit 77; }
	echo "known finding: $KF_FILE: $KF_SIG"
	# Give it room to shrink: zero-fill the last record (missing bytes read
	# as zero) and add a second job, which never runs (the finding comes
	# first). Unless that changes the finding.
	python3 - "$KF_FILE" "$work/crash" <<-'EOF'
		import sys
		data = open(sys.argv[1], 'rb').read()
		n = max(16, 16 + -(-(len(data) - 16) // 16) * 16)
		data = data.ljust(n, b'\0')
		data += bytes([3]) + bytes(15)                    # end_job
		for v in (3, 9):                                  # two maps
		    data += bytes([0, 1]) + v.to_bytes(4, 'little') + bytes([0, 7, 0, 0, 0, 0]) + bytes(4)
		open(sys.argv[2], 'wb').write(data)
	EOF
	got="$("$repro" -q "$work/crash" 2>&1 | signature_of_log -)"
	if [[ "$got" != "$KF_SIG"* ]]; then
		echo "padding changes the finding ($got): minimising the file as it is"
		cp "$KF_FILE" "$work/crash"
	fi
	"$root/tools/minimize-crash" "$@" --time 40 --runs 4000 -o "$work/crash.min" "$work/crash" \
		>"$work/out" 2>&1 || rc=$?
	cat "$work/out"
	((rc == 0)) || fail "minimize-crash: exit status $rc"
	[[ -f "$work/crash.min" ]] || { fail "no output file"; return; }
	got="$("$repro" -q "$work/crash.min" 2>&1 | signature_of_log -)"
	[[ "$got" == "$KF_SIG"* ]] || fail "the result's signature is '$got', want '$KF_SIG'"
	(($(stat -c %s "$work/crash.min") <= $(stat -c %s "$KF_FILE"))) ||
		fail "the result ($(stat -c %s "$work/crash.min") bytes) is larger than $KF_FILE"
	grep -qF "signature kept: $got" "$work/out" || fail "no 'signature kept' line"
}

case "$test" in
corpus) minimize_corpus_test --no-build ;;
corpus-afl)
	[[ "$afl" != - && -x "$afl" ]] || { echo "skip: no AFL++ target"; exit 77; }
	minimize_corpus_test --no-build --afl
	;;
refuse-seeds)
	hashes "$root/corpus" >"$work/seeds.sha"
	rc=0
	"$root/tools/minimize-corpus" --no-build "$root/corpus" >"$work/out" 2>&1 || rc=$?
	((rc == 2)) || fail "minimize-corpus corpus/: exit status $rc, want 2"
	grep -q 'generated from corpus-text' "$work/out" || fail "no explanation: $(cat "$work/out")"
	hashes "$root/corpus" | cmp -s - "$work/seeds.sha" || fail "corpus/ changed"
	# --seeds --dry-run reports and changes nothing
	rc=0
	"$root/tools/minimize-corpus" --no-build --seeds --dry-run >"$work/out" 2>&1 || rc=$?
	((rc == 0)) || fail "--seeds --dry-run: exit status $rc: $(cat "$work/out")"
	grep -q 'dry run: nothing changed' "$work/out" || fail "--seeds --dry-run: $(cat "$work/out")"
	hashes "$root/corpus" | cmp -s - "$work/seeds.sha" || fail "corpus/ changed"
	git -C "$root" status --porcelain -- corpus corpus-text 2>/dev/null | grep -q '^ D' &&
		fail "seed files deleted"
	;;
crash) minimize_crash_test --no-build ;;
crash-afl)
	[[ "$afl" != - && -x "$afl" ]] || { echo "skip: no AFL++ target"; exit 77; }
	minimize_crash_test --no-build --afl
	;;
crash-none)
	rc=0
	cp "$root/corpus/map-small-ias48.bin" "$work/clean.bin"
	"$root/tools/minimize-crash" --no-build "$work/clean.bin" >"$work/out" 2>&1 || rc=$?
	((rc == 1)) || fail "an input without a finding: exit status $rc, want 1"
	grep -q 'has no finding' "$work/out" || fail "no explanation: $(cat "$work/out")"
	[[ -e "$work/clean.bin.min" ]] && fail "an output file was written"
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
