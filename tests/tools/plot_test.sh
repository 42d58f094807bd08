#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tools/lib/plot.sh: the series parsed from libFuzzer's fork-mode lines and
# AFL++'s plot_data are the numbers in them, and a PNG is drawn; with no
# samples, no plot and a reason.
#   plot_test.sh ROOT WORKDIR
set -u
root=$1 work=$2 fail=0
rm -rf "$work" && mkdir -p "$work"
. "$root/tools/lib/plot.sh"

cat >"$work/fuzz.log" <<'LOG'
INFO: -fork=1: fuzzing in separate process(s)
#2451: cov: 812 ft: 1290 corp: 61 exec/s: 0 oom/timeout/crash: 0/0/0 time: 2s job: 1 dft_time: 0
#9120: cov: 840 ft: 1402 corp: 75 exec/s: 3334 oom/timeout/crash: 0/0/1 time: 4s job: 2 dft_time: 0
==vmbind== SIGNATURE: warn foo
#30011: cov: 851 ft: 1470 corp: 80 exec/s: 4178 oom/timeout/crash: 0/0/1 time: 9s job: 3 dft_time: 0
LOG
libfuzzer_series "$work/fuzz.log" >"$work/lf.dat"
want=$'2 812 61 0\n4 840 75 3334\n9 851 80 4178'
if [[ $(cat "$work/lf.dat") != "$want" ]]; then
	echo "FAIL libFuzzer series:"; cat "$work/lf.dat"; fail=1
fi

# AFL++ 4.x plot_data (the header names the columns).
cat >"$work/plot_data" <<'PD'
# relative_time, cycles_done, cur_item, corpus_count, pending_total, pending_favs, map_size, saved_crashes, saved_hangs, max_depth, execs_per_sec, total_execs, edges_found
5, 0, 0, 40, 40, 10, 3.10%, 0, 0, 1, 812.50, 4000, 1021
10, 0, 3, 44, 38, 9, 3.25%, 0, 0, 2, 905.00, 8600, 1077
PD
afl_series "$work/plot_data" >"$work/afl.dat"
want=$'5 1021 40 812.50\n10 1077 44 905.00'
if [[ $(cat "$work/afl.dat") != "$want" ]]; then
	echo "FAIL AFL++ series:"; cat "$work/afl.dat"; fail=1
fi

if plot_png "$work/p.png" "test" "coverage" "lf=$work/lf.dat" "afl=$work/afl.dat" 2>"$work/err"; then
	if [[ $(head -c 4 "$work/p.png" | od -An -tx1 | tr -d ' ') != 89504e47 ]]; then
		echo "FAIL $work/p.png is not a PNG"; fail=1
	fi
else
	echo "FAIL no plot: $(cat "$work/err")"; fail=1
fi
: >"$work/empty.dat"
if plot_png "$work/none.png" "test" "coverage" "x=$work/empty.dat" 2>"$work/err"; then
	echo "FAIL a plot without samples"; fail=1
elif ! grep -q 'no progress samples' "$work/err"; then
	echo "FAIL no reason given: $(cat "$work/err")"; fail=1
fi
((fail)) || echo "ok: series parsed, PNG drawn, empty series refused"
exit $fail
