# SPDX-License-Identifier: GPL-2.0-only
#
# One sanitizer setting for every object in a build directory (kernel code,
# shim, model and harness are all sanitized); coverage feedback for the
# engine only on the code under test (vmbind_fuzz_instrument).

set(VMBIND_COMMON_FLAGS -g -O1 -fno-omit-frame-pointer)
set(VMBIND_LINK_FLAGS "")

if(VMBIND_SANITIZE)
  # Findings must stop the run, so no sanitizer recovers.
  list(APPEND VMBIND_COMMON_FLAGS "-fsanitize=${VMBIND_SANITIZE}"
       -fno-sanitize-recover=all)
  list(APPEND VMBIND_LINK_FLAGS "-fsanitize=${VMBIND_SANITIZE}")
endif()

if(VMBIND_ENGINE STREQUAL "libfuzzer")
  # Added per target by vmbind_fuzz_instrument(): coverage comes from the
  # code under test, the decoder and the model, not from the shim's or the
  # oracles' loops (the top-level CMakeLists.txt says which targets).
  set(VMBIND_FUZZ_INSTR_FLAGS -fsanitize=fuzzer-no-link)
  # Links the coverage callbacks' runtime into every executable (the
  # reproducer and tests link instrumented objects too), also without a
  # sanitizer runtime that would provide weak defaults.
  list(APPEND VMBIND_LINK_FLAGS -fsanitize=fuzzer-no-link)
elseif(VMBIND_ENGINE STREQUAL "afl")
  if(NOT CMAKE_C_COMPILER MATCHES "afl-clang")
    message(FATAL_ERROR "VMBIND_ENGINE=afl needs CMAKE_C_COMPILER=afl-clang-fast (see the afl presets)")
  endif()
elseif(NOT VMBIND_ENGINE STREQUAL "none")
  message(FATAL_ERROR "VMBIND_ENGINE must be libfuzzer, afl or none (got ${VMBIND_ENGINE})")
endif()

# OSS-Fuzz style builds (tools/oss-fuzz/build.sh): sanitizers and coverage
# come from CFLAGS (VMBIND_SANITIZE empty, VMBIND_ENGINE=none), the engine
# from $LIB_FUZZING_ENGINE at link time. VMBIND_FUZZ_INSTR optionally gives
# the per-target feedback flags back (e.g. -fsanitize=fuzzer-no-link taken
# out of CFLAGS), so that only the code under test is instrumented.
set(VMBIND_LIB_FUZZING_ENGINE "" CACHE STRING
    "Link vmbind_fuzz with these flags/libraries ($LIB_FUZZING_ENGINE); needs VMBIND_ENGINE=none")
set(VMBIND_FUZZ_INSTR "" CACHE STRING
    "Feedback flags for the code under test when VMBIND_ENGINE=none (e.g. -fsanitize=fuzzer-no-link)")
if(VMBIND_LIB_FUZZING_ENGINE OR VMBIND_FUZZ_INSTR)
  if(NOT VMBIND_ENGINE STREQUAL "none")
    message(FATAL_ERROR "VMBIND_LIB_FUZZING_ENGINE / VMBIND_FUZZ_INSTR need VMBIND_ENGINE=none "
      "(the engine and instrumentation come from outside; got VMBIND_ENGINE=${VMBIND_ENGINE})")
  endif()
  separate_arguments(VMBIND_FUZZ_INSTR_FLAGS UNIX_COMMAND "${VMBIND_FUZZ_INSTR}")
endif()
if(VMBIND_COVERAGE)
  list(APPEND VMBIND_COMMON_FLAGS -fprofile-instr-generate -fcoverage-mapping)
  list(APPEND VMBIND_LINK_FLAGS -fprofile-instr-generate)
endif()

add_compile_options(${VMBIND_COMMON_FLAGS})
add_link_options(${VMBIND_LINK_FLAGS})

# Flags for the project's own C (not kernel files).
set(VMBIND_OWN_C_FLAGS -std=gnu11 -Wall -Wextra -Wno-unused-parameter
    -Wno-sign-compare -Wno-missing-field-initializers
    "-fmacro-prefix-map=${CMAKE_SOURCE_DIR}/=")

# AFL++ builds: afl-clang-fast compiles everything (ASan, UBSan, the
# persistent-mode macros), but AFL's coverage instrumentation goes where
# libFuzzer's does (vmbind_fuzz_instrument), so both engines' corpora
# measure the same code; these targets are compiled as by plain clang
# (AFL_NOOPT=1): the shim's and the oracles' bookkeeping neither dilutes
# the map nor lowers stability.
function(vmbind_afl_uninstrumented)
  if(NOT VMBIND_ENGINE STREQUAL "afl")
    return()
  endif()
  foreach(t IN LISTS ARGN)
    if(TARGET ${t})
      set_target_properties(${t} PROPERTIES
        C_COMPILER_LAUNCHER "${CMAKE_COMMAND};-E;env;AFL_NOOPT=1")
      # A flag too, so objects built before with instrumentation rebuild.
      target_compile_definitions(${t} PRIVATE VMBIND_AFL_UNINSTRUMENTED)
    endif()
  endforeach()
endfunction()

# Coverage and comparison feedback for the engine, on the targets given.
# The shim's allocator bookkeeping and the oracles' table walks stay
# uninstrumented: their loops are hot and their branches say nothing about
# the kernel code.
# vmbind_fuzz_instrument(EDGES_ONLY TARGET...): edges only, no comparison
# tracing. For the harness's rendition of the path and the model, which run
# for every op and page of a job: their comparisons are of addresses and
# counts the input already steers through the decoder (which keeps them),
# and their callbacks were a fifth of libFuzzer's time. Measured on 6.12:
# 7,000 -> 7,500-9,100 exec/s under ASan+UBSan, same coverage; the u32
# wrap on 7.3.4, 12 seeds: median 2.5 s before, 2.7 s after (without the
# decoder's comparisons too: 5.7 s).
function(vmbind_fuzz_instrument)
  if(NOT VMBIND_FUZZ_INSTR_FLAGS)
    return()
  endif()
  cmake_parse_arguments(PARSE_ARGV 0 _fi "EDGES_ONLY" "" "")
  set(_flags ${VMBIND_FUZZ_INSTR_FLAGS})
  if(_fi_EDGES_ONLY)
    list(APPEND _flags -fno-sanitize-coverage=trace-cmp)
  endif()
  foreach(t IN LISTS _fi_UNPARSED_ARGUMENTS)
    if(TARGET ${t})
      target_compile_options(${t} PRIVATE ${_flags})
    endif()
  endforeach()
endfunction()

# vmbind_fuzz_edges_only_sources(DIR SOURCE...): EDGES_ONLY for some sources
# (in source directory DIR) of a target vmbind_fuzz_instrument() instruments.
function(vmbind_fuzz_edges_only_sources dir)
  if(NOT VMBIND_FUZZ_INSTR_FLAGS)
    return()
  endif()
  set(_abs "")
  foreach(s IN LISTS ARGN)
    list(APPEND _abs "${CMAKE_SOURCE_DIR}/${dir}/${s}")
  endforeach()
  set_source_files_properties(${_abs} DIRECTORY "${CMAKE_SOURCE_DIR}/${dir}"
    PROPERTIES COMPILE_OPTIONS -fno-sanitize-coverage=trace-cmp)
endfunction()
