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

# libFuzzer's fork mode, as it prints (exec/s without a colon, mostly 0).
cat >"$work/fuzz.log" <<'LOG'
INFO: -fork=1: fuzzing in separate process(s)
#114: cov: 1507 ft: 1507 corp: 34 exec/s 0 oom/timeout/crash: 0/0/0 time: 0s job: 1 dft_time: 0
#423: cov: 1937 ft: 2177 corp: 80 exec/s 0 oom/timeout/crash: 0/0/1 time: 0s job: 2 dft_time: 0
==vmbind== SIGNATURE: warn foo
#537: cov: 1964 ft: 2539 corp: 148 exec/s 0 oom/timeout/crash: 0/0/2 time: 2s job: 3 dft_time: 0
#28032: cov: 1976 ft: 3132 corp: 409 exec/s 902 oom/timeout/crash: 0/0/142 time: 61s job: 143 dft_time: 0
LOG
libfuzzer_series "$work/fuzz.log" >"$work/lf.dat"
want=$'0 1507 34 0\n0 1937 80 0\n2 1964 148 212\n61 1976 409 466'
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
