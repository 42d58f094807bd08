/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN/BUG policy. By default a WARN in kernel code is a finding, as with
 * panic_on_warn; shim_warn_set_continue(1) turns WARNs into counted events
 * for exploratory runs. BUG is always a finding.
 */
#ifndef _SHIM_WARN_H
#define _SHIM_WARN_H

#include <shim/site.h>

void shim_warn(const char *cond, const struct shim_site *site);
__attribute__((noreturn)) void shim_bug(const char *cond,
					const struct shim_site *site);
void shim_warn_set_continue(int on);
unsigned long shim_warn_count(void);

/* Bumped by shim_reset(): WARN_ONCE state is per input, not per process. */
extern unsigned long shim_input_generation;

#endif
