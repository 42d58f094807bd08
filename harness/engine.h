/* SPDX-License-Identifier: GPL-2.0-only */
/* Set-up shared by the three engines (libFuzzer, AFL++, standalone). */
#ifndef _VMBIND_ENGINE_H
#define _VMBIND_ENGINE_H

#include "driver.h"

/*
 * Default options plus the test/benchmark knobs from the environment:
 *   VMBIND_VARIANT=<name>   seed-rendition variant (tests, tools/bench)
 *   VMBIND_ORACLES=<mask>   enum vmbind_oracle mask (default: all)
 *   VMBIND_WARN_CONTINUE=1  count kernel WARNs instead of stopping
 * Exits with a message on a bad value.
 */
void vmbind_engine_setup(struct vmbind_options *o, const char *engine);

/* One line naming the prealloc logic and the kernel tree, for start-up. */
void vmbind_print_banner(FILE *out, const char *engine);

/* ASan reports get a vmbind signature line too (no-op without ASan). */
void vmbind_install_asan_signature(void);

#endif
