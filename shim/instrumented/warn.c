// SPDX-License-Identifier: GPL-2.0-only
/* WARN/BUG: findings by default (panic_on_warn), or counted on request. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <shim/finding.h>
#include <shim/warn.h>

unsigned long shim_input_generation;
static int warn_continue;
static unsigned long warn_count;

void shim_warn_set_continue(int on)
{
	warn_continue = on;
}

unsigned long shim_warn_count(void)
{
	return warn_count;
}

void shim_warn(const char *cond, const struct shim_site *site)
{
	warn_count++;
	if (warn_continue) {
		fprintf(shim_report_stream(),
			"==vmbind== WARNING (continuing): %s at %s %s:%d\n",
			cond, site->func, site->file, site->line);
		return;
	}
	shim_finding("warn", site, "kernel WARNING: %s", cond);
}

void shim_bug(const char *cond, const struct shim_site *site)
{
	enum shim_finding_mode mode = shim_finding_get_mode();

	/* BUG never returns: in record mode, report and then stop the input. */
	if (mode == SHIM_FINDING_RECORD)
		shim_finding_set_mode(SHIM_FINDING_JUMP);
	shim_finding("bug", site, "kernel BUG: %s", cond);
	abort();
}
