#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# dict/vmbind.dict is what the decoder's constants generate (vmbind_repro
# --dictionary), and libFuzzer parses it. With --tamper, a copy with one
# entry changed must be caught (the check can fail).
#   dictionary.sh REPRO FUZZ DICT [--tamper]
set -u
repro=$1 fuzz=$2 dict=$3 tamper=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -n $tamper ]]; then
	sed '0,/^op_map=/s/^op_map=.*/op_map="\\x01"/' "$dict" >"$tmp/dict"
	dict=$tmp/dict
fi
"$repro" --dictionary >"$tmp/generated" || { echo "FAIL: vmbind_repro --dictionary failed"; exit 1; }
if ! diff -u "$dict" "$tmp/generated"; then
	echo "FAIL: $dict is not what the format's constants generate;"
	echo "      rewrite it with: cmake --build BUILD --target update-dict"
	exit 1
fi
n=$(grep -c '^[a-z0-9_]*="' "$dict")
((n >= 40)) || { echo "FAIL: only $n entries"; exit 1; }
mkdir "$tmp/empty"
if ! "$fuzz" -dict="$dict" -runs=1 "$tmp/empty" >"$tmp/log" 2>&1 ||
	grep -q 'ParseDictionaryFile\|Failed to parse' "$tmp/log"; then
	echo "FAIL: libFuzzer rejects $dict:"; tail -n 5 "$tmp/log"
	exit 1
fi
echo "ok: $dict is generated ($n entries) and libFuzzer loads it"
