# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The OSS-Fuzz base-builder / base-runner environment for one sanitizer,
# libFuzzer engine, x86_64, as far as tools/oss-fuzz/build.sh and
# tools/check-build need it. Source it, then:
#
#   oss_fuzz_build_env SANITIZER   exports CC CXX CFLAGS CXXFLAGS
#                                  LIB_FUZZING_ENGINE SANITIZER
#                                  FUZZING_ENGINE FUZZING_LANGUAGE ARCHITECTURE
#   oss_fuzz_run_env SANITIZER     exports ASAN_OPTIONS / UBSAN_OPTIONS /
#                                  MSAN_OPTIONS as the runner sets them
#
# SANITIZER: address, undefined, memory or coverage. The flag sets are
# OSS-Fuzz's (infra/base-images/base-builder: SANITIZER_FLAGS_*,
# COVERAGE_FLAGS*), with clang from PATH (override with OSS_FUZZ_CC).

OSS_FUZZ_SANITIZERS="address undefined memory coverage"

oss_fuzz_build_env() {
	local san="$1" san_flags cov_flags
	local ubsan_checks="array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr"
	local ubsan_fatal="array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr"

	cov_flags="-fsanitize=fuzzer-no-link"
	case "$san" in
	address) san_flags="-fsanitize=address -fsanitize-address-use-after-scope" ;;
	undefined) san_flags="-fsanitize=$ubsan_checks -fno-sanitize-recover=$ubsan_fatal" ;;
	memory) san_flags="-fsanitize=memory -fsanitize-memory-track-origins" ;;
	coverage)
		san_flags=""
		cov_flags="-fprofile-instr-generate -fcoverage-mapping -pthread -Wl,--no-as-needed -Wl,-ldl -Wl,-lm -Wno-unused-command-line-argument"
		;;
	*)
		echo "oss_fuzz_build_env: unknown sanitizer '$san' (want one of: $OSS_FUZZ_SANITIZERS)" >&2
		return 2
		;;
	esac
	export SANITIZER="$san"
	export FUZZING_ENGINE=libfuzzer
	export FUZZING_LANGUAGE=c
	export ARCHITECTURE=x86_64
	export CC="${OSS_FUZZ_CC:-clang}"
	export CXX="${OSS_FUZZ_CXX:-clang++}"
	export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION${san_flags:+ $san_flags} $cov_flags"
	export CXXFLAGS="$CFLAGS"
	export LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
}

oss_fuzz_run_env() {
	local common="symbolize=1:dedup_token_length=3"
	export ASAN_OPTIONS="alloc_dealloc_mismatch=0:allocator_may_return_null=1:allocator_release_to_os_interval_ms=500:check_malloc_usable_size=0:detect_container_overflow=1:detect_odr_violation=0:detect_leaks=1:detect_stack_use_after_return=1:fast_unwind_on_fatal=0:handle_abort=1:handle_segv=1:handle_sigill=1:max_uar_stack_size_log=16:print_scariness=1:quarantine_size_mb=10:strict_memcmp=1:use_sigaltstack=1:$common"
	export UBSAN_OPTIONS="print_stacktrace=1:print_summary=1:silence_unsigned_overflow=1:$common"
	export MSAN_OPTIONS="print_stats=1:$common"
}
