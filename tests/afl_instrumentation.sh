#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# In an AFL++ build (DIR): the code under test (kernel files, the seed
# rendition) references AFL's coverage map, as libFuzzer instruments it;
# the shim, the model and the harness do not (compiled with AFL_NOOPT=1),
# and the custom mutator library needs nothing from AFL or the sanitizers.
#   afl_instrumentation.sh DIR
set -u
dir=$1 fail=0
afl_refs() { nm -A "$@" 2>/dev/null | grep -c '__afl_area_ptr\|__sanitizer_cov_trace_pc_guard'; }
check() {	# WANT(0|some) LIB...
	local want=$1 n
	shift
	n=$(afl_refs "$@")
	if [[ $want == 0 && $n != 0 ]] || [[ $want == some && $n == 0 ]]; then
		echo "FAIL $*: $n references to AFL's instrumentation, want $want"
		fail=1
	else
		echo "ok   $(basename "$1"): $n references (want $want)"
	fi
}
check some "$dir"/targets/io-pgtable/libvmbind_kernel_iopgtable.a
check some "$dir"/targets/seed/libvmbind_seed.a
check 0 "$dir"/shim/libvmbind_shim.a
check 0 "$dir"/harness/libvmbind_harness.a
check 0 "$dir"/model/libvmbind_model.a
so="$dir/harness/libvmbind_mutator_afl.so"
if [[ ! -f $so ]]; then
	echo "FAIL no $so"
	fail=1
elif nm -u "$so" | grep -q '__asan\|__ubsan\|__afl'; then
	echo "FAIL $so needs: $(nm -u "$so" | grep -o '__\(asan\|ubsan\|afl\)[a-z_0-9]*' | sort -u | tr '\n' ' ')"
	fail=1
else
	echo "ok   $(basename "$so"): needs only libc"
fi
exit $fail
