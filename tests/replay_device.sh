#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The device replay's tests (tests/replay_device.cmake):
#   replay_device.sh payloads BUILD_DIR INPUT...
#       each ioctl-path input's trace, replayed with --dry-run: every
#       VM_BIND payload printed is byte for byte what msm_ioctl_vm_bind()
#       got in-process (the trace's '# in-process' lines); then a trace
#       with one op field changed must give a mismatch (the check can fail)
#   replay_device.sh dry-run BUILD_DIR INPUT...
#       tools/replay-device --dry-run on each input: exit 0, at least one
#       ioctl printed
#   replay_device.sh no-device BUILD_DIR INPUT
#       with no render node: exit 3 and the reason
#   replay_device.sh no-replay BUILD_DIR INPUT
#       on a build without the VM_BIND UAPI: exit 3 and what to do
set -uo pipefail
mode="$1" build="$2"
shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
tool="$root/tools/replay-device"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail=0

# The payload lines of a trace and of a dry run, side by side.
compare() {
	diff <(sed -n 's/^# in-process //p' "$1") <(sed -n 's/^  payload //p' "$2") >"$tmp/diff"
}

case "$mode" in
payloads)
	total=0 n=0 tampered=""
	for f in "$@"; do
		"$tool" --build "$build" --ioctl --trace "$tmp/trace" --dry-run "$f" >"$tmp/dry" 2>"$tmp/err" ||
			{ echo "FAIL $f: dry run exit $?"; cat "$tmp/err"; fail=1; continue; }
		if ! compare "$tmp/trace" "$tmp/dry"; then
			echo "FAIL $f: a payload differs from the harness's"
			head -n 4 "$tmp/diff"
			fail=1
		fi
		k=$(grep -c '^  payload ' "$tmp/dry")
		total=$((total + k)) n=$((n + 1))
		# A trace with an op array, for the self-check below.
		if [[ -z "$tampered" ]] && grep -q '^vm_bind .* ops=0x' "$tmp/trace"; then
			tampered="$tmp/tampered"
			awk '!done && /^ op / { sub(/iova=0x/, "iova=0x1"); done = 1 } { print }' \
				"$tmp/trace" >"$tampered"
		fi
	done
	echo "payloads: $total VM_BIND payload(s) of $n input(s) compared"
	((total > 0)) || { echo "FAIL: no payload compared"; fail=1; }
	if [[ -n "$tampered" ]]; then
		"$build/device/vmbind_replay_device" --dry-run "$tampered" >"$tmp/dry2"
		if compare "$tampered" "$tmp/dry2"; then
			echo "FAIL: a changed op field gave the same payload: the comparison cannot fail"
			fail=1
		else
			echo "self-check: a changed op field is seen as a mismatch"
		fi
	else
		echo "FAIL: no input has an op array"
		fail=1
	fi
	;;
dry-run)
	n=0
	for f in "$@"; do
		if ! "$tool" --build "$build" --dry-run "$f" >"$tmp/dry" 2>"$tmp/err"; then
			echo "FAIL $f: exit $?"
			cat "$tmp/err"
			fail=1
		elif ! grep -Eq '^dry run: [1-9][0-9]* ioctl' "$tmp/dry"; then
			echo "FAIL $f: no ioctl printed"
			fail=1
		else
			echo "ok $f: $(tail -n 1 "$tmp/dry")"
			n=$((n + 1))
		fi
	done
	echo "dry runs: $n of $# passed"
	(($#)) || fail=1
	;;
no-device | no-replay)
	mkdir "$tmp/dri"
	"$tool" --build "$build" --dri "$tmp/dri" "$1" >"$tmp/out" 2>&1
	r=$?
	cat "$tmp/out"
	want='no msm render node'
	[[ "$mode" == no-replay ]] && want='has no device replay: .*KERNEL=7.3'
	if [[ "$r" != 3 ]] || ! grep -Eq "$want" "$tmp/out"; then
		echo "FAIL: exit $r (want 3 and '$want')"
		fail=1
	fi
	;;
*)
	echo "usage: $0 payloads|dry-run|no-device|no-replay BUILD_DIR INPUT..." >&2
	exit 2
	;;
esac
exit "$fail"
