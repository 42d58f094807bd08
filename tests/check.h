/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Assertions shared by the C tests: a failed CHECK prints where and what,
 * counts, and lets the test go on; main() returns failures != 0.
 *   CHECK(cond)                 CHECK(cond, "format", args...)
 *   CHECK_EQ(got, want)         integers, printed in hex
 */
#ifndef _VMBIND_TEST_CHECK_H
#define _VMBIND_TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int failures;

static inline __attribute__((format(printf, 4, 5))) void
check_failed(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;

	failures++;
	fprintf(stderr, "%s:%d: CHECK failed: %s", file, line, cond);
	if (*fmt) {
		fprintf(stderr, ": ");
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, "\n");
}

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond))                                                   \
			check_failed(__FILE__, __LINE__, #cond, "" __VA_ARGS__); \
	} while (0)

#define CHECK_EQ(got, want)                                                    \
	do {                                                                   \
		unsigned long long __g = (unsigned long long)(got);            \
		unsigned long long __w = (unsigned long long)(want);           \
		if (__g != __w)                                                \
			check_failed(__FILE__, __LINE__, #got " == " #want,    \
				     "%#llx, expected %#llx", __g, __w);       \
	} while (0)

#endif
