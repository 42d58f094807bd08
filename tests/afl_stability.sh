#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# AFL++ stability: every input, run three times in a row in one persistent
# process (afl-showmap over a directory), leaves the same coverage map each
# time; a difference is a variable byte of afl-fuzz's stability figure
# (state kept from an earlier input, or an edge of the loop itself).
#   afl_stability.sh AFL_BINARY INPUT...
set -u
bin=$1
shift
command -v afl-showmap >/dev/null || { echo "skipped: no afl-showmap"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
i=0
for f in "$@"; do
	i=$((i + 1))
	for run in a b c; do cp "$f" "$work/in/$(printf %04d $i)$run"; done
done
((i)) || { echo "FAIL: no inputs"; exit 1; }
AFL_SKIP_CPUFREQ=1 AFL_QUIET=1 afl-showmap -q -i "$work/in" -o "$work/out" -m none \
	-t 10000 -- "$bin" >"$work/log" 2>&1
fail=0 compared=0
for a in "$work"/out/*a; do
	k=${a%a}
	# An input with a finding leaves no map (AFL++ keeps it as a crash).
	[[ -f ${k}b && -f ${k}c ]] || continue
	compared=$((compared + 1))
	for run in b c; do
		if ! cmp -s "$a" "$k$run"; then
			echo "FAIL input $(basename "$k"): run $run differs from run a:"
			diff "$a" "$k$run" | head -4
			fail=1
		fi
	done
done
((compared)) || { echo "FAIL: no input ran without a finding"; tail -5 "$work/log"; exit 1; }
((fail)) || echo "ok: $compared of $i inputs ran three times each (the rest have findings), the same map every time"
exit $fail
