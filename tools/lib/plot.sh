# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Progress plots of fuzzing sessions: coverage, corpus size and exec/s over
# time, one PNG drawn with gnuplot, for tools/fuzz (libFuzzer's fork-mode
# status lines) and tools/fuzz-afl (every instance's plot_data).
#
# A series file has one line per sample: seconds coverage corpus exec/s.

# libfuzzer_series LOG: the series of libFuzzer's fork-mode lines
# ('#N: cov: C ft: F corp: K exec/s E ... time: Ts ...'). exec/s is what
# the executions counter N says between two samples of different times
# (the fork-mode field itself is mostly 0).
libfuzzer_series() {
	awk '/^#[0-9]+: cov: / && / time: / {
		n = substr($1, 2); sub(/:$/, "", n)
		for (i = 1; i <= NF; i++) {
			if ($i == "cov:") c = $(i + 1)
			else if ($i == "corp:") k = $(i + 1)
			else if ($i == "time:") { t = $(i + 1); sub(/s$/, "", t) }
		}
		t += 0; n += 0
		if (!seen) { seen = 1; n0 = n; t0 = t; e = 0 }
		else if (t > t0) { e = (n - n0) / (t - t0); n0 = n; t0 = t }
		printf "%d %s %s %.0f\n", t, c, k, e
	}' "$1"
}

# afl_series PLOT_DATA: the series of one AFL++ instance, columns found by
# name in the file's header (edges_found, else map_size, for coverage).
afl_series() {
	awk -F', *' '
		NR == 1 {
			sub(/^# */, "")
			for (i = 1; i <= NF; i++) col[$i] = i
			tc = col["relative_time"] ? col["relative_time"] : col["unix_time"]
			cc = col["edges_found"] ? col["edges_found"] : col["map_size"]
			kc = col["corpus_count"] ? col["corpus_count"] : col["paths_total"]
			ec = col["execs_per_sec"]
			if (!tc || !cc || !kc || !ec) exit 1
			next
		}
		/^#/ { next }
		{ c = $cc; sub(/%$/, "", c); if (t0 == "") t0 = col["relative_time"] ? 0 : $tc
		  print $tc - t0, c, $kc, $ec }' "$1"
}

# plot_png PNG TITLE COVERAGE_LABEL NAME=SERIES...: draws the series (one
# line per name) into PNG. Returns 1 when gnuplot is missing or fails, with
# the reason on stderr.
plot_png() {
	local png=$1 title=$2 cov_label=$3 spec plots_cov="" plots_corp="" plots_exec="" sep=""
	shift 3
	command -v gnuplot >/dev/null || {
		echo "gnuplot not installed (tools/setup-deps fuzz installs it)" >&2
		return 1
	}
	for spec in "$@"; do
		local name=${spec%%=*} data=${spec#*=}
		[[ -s $data ]] || continue
		plots_cov+="$sep'$data' using (\$1/60):2 with lines title '$name'"
		plots_corp+="$sep'$data' using (\$1/60):3 with lines title '$name'"
		plots_exec+="$sep'$data' using (\$1/60):4 with lines title '$name'"
		sep=", "
	done
	[[ -n $plots_cov ]] || {
		echo "no progress samples to plot" >&2
		return 1
	}
	gnuplot 2>&1 >/dev/null <<-GP | head -n 3 >&2
		set terminal png size 900,900
		set output '$png'
		set multiplot layout 3,1 title '$title'
		set grid
		set key left top
		set xlabel 'minutes'
		set ylabel '$cov_label'
		plot $plots_cov
		set ylabel 'corpus (inputs)'
		plot $plots_corp
		set ylabel 'exec/s'
		plot $plots_exec
		unset multiplot
	GP
	[[ -s $png ]]
}
