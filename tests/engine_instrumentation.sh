#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# In an AFL++ or libFuzzer build (DIR): what gives feedback (kernel files,
# the seed rendition, the model, the harness's decoder, driver and job
# life, engine set-up and job scale: input.c, driver.c, job.c, engine.c,
# scale_feedback.c) references the engine's coverage map;
# the shim and the rest of the harness (oracles, mutator) do not (AFL++: compiled with AFL_NOOPT=1; libFuzzer: no
# -fsanitize=fuzzer-no-link), and AFL++'s custom mutator library needs
# nothing from AFL or the sanitizers. Under libFuzzer, only the code under
# test and the decoder trace comparisons (the model and the harness's
# rendition of the path give edges alone).
#   engine_instrumentation.sh DIR afl|libfuzzer
set -u
dir=$1 engine=$2 fail=0
case $engine in
afl) map='__afl_area_ptr\|__sanitizer_cov_trace_pc_guard' ;;
libfuzzer) map='__sanitizer_cov_8bit_counters_init\|__sanitizer_cov_trace_cmp' ;;
*) echo "usage: $0 DIR afl|libfuzzer"; exit 2 ;;
esac
# References per object; the harness's feedback objects are counted apart.
refs() { nm -A "$@" 2>/dev/null | grep "$map" |
	if [[ ${JOB:-} == only ]]; then grep -Ec "$fb"; else grep -Evc "$fb"; fi; }
fb=':(input|driver|job|engine|scale_feedback)\.c\.o:'
check() {	# WANT(0|some) LIB...
	local want=$1 n
	shift
	n=$(refs "$@")
	if [[ $want == 0 && $n != 0 ]] || [[ $want == some && $n == 0 ]]; then
		echo "FAIL $*: $n references to the $engine map, want $want"
		fail=1
	else
		echo "ok   $(basename "$1"): $n references (want $want)"
	fi
}
check some "$dir"/targets/io-pgtable/libvmbind_kernel_iopgtable.a
check some "$dir"/targets/seed/libvmbind_seed.a
msm="$dir"/targets/msm-iommu/libvmbind_kernel_msm.a
[[ ! -f $msm ]] || check some "$msm"
check 0 "$dir"/shim/libvmbind_shim.a
check 0 "$dir"/harness/libvmbind_harness.a
JOB=only check some "$dir"/harness/libvmbind_harness.a
check some "$dir"/model/libvmbind_model.a
check 0 "$dir"/model/libvmbind_model_grow.a
check 0 "$dir"/model/libvmbind_model_walk.a
if [[ $engine == libfuzzer ]]; then
	# Comparison tracing in the code under test and the decoder; the
	# harness's rendition of the path and the model give edges alone.
	map='__sanitizer_cov_trace_const_cmp\|__sanitizer_cov_trace_cmp'
	engine="libfuzzer comparison"
	check some "$dir"/targets/io-pgtable/libvmbind_kernel_iopgtable.a
	check some "$dir"/targets/seed/libvmbind_seed.a
	fb=':(input|scale_feedback)\.c\.o:' JOB=only check some "$dir"/harness/libvmbind_harness.a
	fb=':(driver|job|engine)\.c\.o:' JOB=only check 0 "$dir"/harness/libvmbind_harness.a
	check 0 "$dir"/model/libvmbind_model.a
	exit $fail
fi
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
