// SPDX-License-Identifier: GPL-2.0-only
/* printk: printed when its level is within VMBIND_LOGLEVEL (quiet default). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <linux/printk.h>
#include <shim/finding.h>

static int threshold = -2;

void shim_printk_set_level(int level)
{
	threshold = level;
}

static int current_threshold(void)
{
	if (threshold == -2) {
		const char *env = getenv("VMBIND_LOGLEVEL");

		threshold = env ? atoi(env) : -1;
	}
	return threshold;
}

int printk(const char *fmt, ...)
{
	int level = 4;
	va_list ap;
	int n;

	if (fmt[0] == '\001' && fmt[1]) {
		level = fmt[1] == 'c' ? 4 : fmt[1] - '0';
		fmt += 2;
	}
	if (level > current_threshold())
		return 0;
	va_start(ap, fmt);
	n = vfprintf(shim_report_stream(), fmt, ap);
	va_end(ap);
	return n;
}
