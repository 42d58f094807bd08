# SPDX-License-Identifier: GPL-2.0-only
# libFuzzer, AFL++ and the standalone reproducer agree on every corpus and
# crashes/ input that applies to this build.
if(NOT TARGET vmbind_fuzz)
  return()
endif()
file(GLOB _verdict_inputs CONFIGURE_DEPENDS
  "${CMAKE_SOURCE_DIR}/corpus/*.bin")
if(NOT TARGET vmbind_kernel_msm)
  # crashes/ reproducers of the seed rendition (kernel ones need their tree)
  file(GLOB _seed_crashes "${CMAKE_SOURCE_DIR}/crashes/seed-*.bin")
  list(APPEND _verdict_inputs ${_seed_crashes})
endif()
add_test(NAME engines.libfuzzer_vs_repro
  COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/same_verdict.sh"
          $<TARGET_FILE:vmbind_repro> $<TARGET_FILE:vmbind_fuzz> -
          ${_verdict_inputs})

# AFL++ too, from a separate afl-clang-fast build of the same tree.
if(VMBIND_TEST_AFL_DIR)
  set(_afl_dir "${VMBIND_TEST_AFL_DIR}")
  set(_afl_targets vmbind_fuzz_afl vmbind_mutator_afl)
  if(TARGET vmbind_kernel_msm_vma)
    list(APPEND _afl_targets vmbind_fuzz_afl_ioctl)	# tests/ioctl_path.cmake
  endif()
  list(JOIN _afl_targets " " _afl_targets)
  add_test(NAME engines.afl_build
    COMMAND bash -c "cmake -S '${CMAKE_SOURCE_DIR}' -B '${_afl_dir}' -DCMAKE_C_COMPILER='${AFL_CLANG_FAST}' -DVMBIND_ENGINE=afl -DVMBIND_TESTS=OFF -DKERNEL_SRC='${KERNEL_TREE}' -DPREALLOC='${PREALLOC}' >'${_afl_dir}.log' 2>&1 && cmake --build '${_afl_dir}' --target ${_afl_targets} -j2 >>'${_afl_dir}.log' 2>&1 || { tail -20 '${_afl_dir}.log'; exit 1; }")
  set_tests_properties(engines.afl_build PROPERTIES FIXTURES_SETUP afl_binary
    TIMEOUT 900 LABELS slow)
  add_test(NAME engines.all_three
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/same_verdict.sh"
            $<TARGET_FILE:vmbind_repro> $<TARGET_FILE:vmbind_fuzz>
            "${_afl_dir}/harness/vmbind_fuzz_afl" ${_verdict_inputs})
  set_tests_properties(engines.all_three PROPERTIES FIXTURES_REQUIRED afl_binary)
  # Only the code under test carries AFL's instrumentation (stability), and
  # the mutator library afl-fuzz loads has neither AFL's nor ASan's.
  add_test(NAME engines.afl_instrumentation
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/engine_instrumentation.sh" "${_afl_dir}" afl)
  set_tests_properties(engines.afl_instrumentation PROPERTIES FIXTURES_REQUIRED afl_binary)
  # Stability 100 %: the same map for the same input, run after run.
  file(GLOB _stability_inputs "${CMAKE_SOURCE_DIR}/corpus/*.bin")
  add_test(NAME engines.afl_stability
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/afl_stability.sh"
            "${_afl_dir}/harness/vmbind_fuzz_afl" ${_stability_inputs})
  set_tests_properties(engines.afl_stability PROPERTIES FIXTURES_REQUIRED afl_binary
    SKIP_RETURN_CODE 77)
  if(TARGET vmbind_kernel_msm_vma)
    file(GLOB _stability_ioctl_inputs "${CMAKE_SOURCE_DIR}/corpus-ioctl/*")
    list(SUBLIST _stability_ioctl_inputs 0 40 _stability_ioctl_inputs)
    add_test(NAME engines.afl_stability_ioctl
      COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/afl_stability.sh"
              "${_afl_dir}/harness/vmbind_fuzz_afl_ioctl" ${_stability_ioctl_inputs})
    set_tests_properties(engines.afl_stability_ioctl PROPERTIES
      FIXTURES_REQUIRED afl_binary SKIP_RETURN_CODE 77)
  endif()
else()
  # Listed and skipped, not missing: 'tools/setup-deps test' installs afl++.
  add_test(NAME engines.all_three
    COMMAND bash -c "echo 'skipped: afl-clang-fast not found (tools/setup-deps afl)'; exit 77")
  set_tests_properties(engines.all_three PROPERTIES SKIP_RETURN_CODE 77)
endif()

# libFuzzer's feedback, likewise, only from the code under test.
if(VMBIND_ENGINE STREQUAL "libfuzzer")
  add_test(NAME engines.libfuzzer_instrumentation
    COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/engine_instrumentation.sh" "${CMAKE_BINARY_DIR}" libfuzzer)
endif()
