/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: KUnit hooks for code under test; see kunit/test.h. */
#ifndef _SHIM_KUNIT_TEST_BUG_H
#define _SHIM_KUNIT_TEST_BUG_H

#include <kunit/test.h>

#define kunit_fail_current_test(fmt, ...)                                    \
	do {                                                                 \
		struct kunit *__cur = kunit_get_current_test();              \
		if (__cur)                                                   \
			__KUNIT_FAIL(__cur, KUNIT_EXPECTATION, "", "", fmt,  \
				     ##__VA_ARGS__);                         \
	} while (0)

#endif
