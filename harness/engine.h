/* SPDX-License-Identifier: GPL-2.0-only */
/* Set-up shared by the three engines (libFuzzer, AFL++, standalone). */
#ifndef _VMBIND_ENGINE_H
#define _VMBIND_ENGINE_H

#include "driver.h"

/*
 * Default options plus the test/benchmark knobs from the environment:
 *   VMBIND_ORACLES=<names>  oracles by name: "all,-gpu-view" (oracles.h)
 *   VMBIND_WARN_CONTINUE=1  count kernel WARNs instead of stopping
 *   VMBIND_SUPPRESS=<p>;... findings whose signature starts with one of
 *                           these prefixes end the input quietly: fuzz
 *                           past known findings
 *   VMBIND_ONLY=<prefix>    only findings whose signature starts with it
 *                           count; all others end the input quietly (crash
 *                           minimisation that keeps the signature)
 * (README's table of environment options has them all.) Exits with a
 * message on a bad value, and on VMBIND_VARIANT, which only the test
 * build's variant binaries take.
 */
void vmbind_engine_setup(struct vmbind_options *o, const char *engine);

/*
 * Runs one input for a fuzzing engine: a finding prints its report and
 * aborts (the engine keeps the input); a suppressed one just ends the input.
 */
void vmbind_engine_run(const uint8_t *data, size_t size,
		       const struct vmbind_options *o);

/* One line naming the prealloc logic and the kernel tree, for start-up. */
void vmbind_print_banner(FILE *out, const char *engine);

/* ASan reports get a vmbind signature line too (no-op without ASan). */
void vmbind_install_asan_signature(void);

#endif
