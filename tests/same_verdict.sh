#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The same input gives the same verdict under every engine: the standalone
# reproducer, the libFuzzer binary (given the file as argument) and, when
# present, the AFL++ persistent binary (input on stdin, as afl-fuzz's
# non-forkserver fallback feeds it).
#   same_verdict.sh REPRO LIBFUZZER_BIN AFL_BIN|- FILE...
set -u
repro=$1 libfuzzer=$2 afl=$3
shift 3
pass=0 fail=0

# shellcheck source=tools/lib/findings.sh
. "$(dirname "$0")/../tools/lib/findings.sh"
sig() { signature_of_log -; }

for f in "$@"; do
	r=$("$repro" -q "$f" 2>&1 | sig)
	l=$("$libfuzzer" "$f" 2>&1 | sig)
	a=$r
	[[ $afl != - ]] && a=$("$afl" <"$f" 2>&1 | sig)
	if [[ $r == "$l" && $r == "$a" ]]; then
		pass=$((pass + 1))
	else
		echo "FAIL $f: repro '${r:-none}', libFuzzer '${l:-none}', AFL++ '${a:-none}'"
		fail=$((fail + 1))
	fi
done
echo "same verdict: $pass passed, $fail failed"
((fail == 0))
