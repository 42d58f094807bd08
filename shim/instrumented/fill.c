// SPDX-License-Identifier: GPL-2.0-only
/*
 * Filling freshly allocated or freed memory with a pattern. This runs for
 * every page-table page the shim hands out or takes back, so it bypasses
 * the ASan memset interceptor (the caller has just set the shadow itself)
 * and is built without ASan and without builtins (see shim/CMakeLists.txt),
 * so the loop stays a loop.
 */
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

__attribute__((no_sanitize("address"))) void shim_fill(void *p, int c, size_t n)
{
	uint64_t v = 0x0101010101010101ull * (uint8_t)c;
	uint64_t *q = p;
	uint8_t *b;
	size_t words = n / 8;

	for (size_t i = 0; i < words; i++)
		q[i] = v;
	b = (uint8_t *)(q + words);
	for (size_t i = 0; i < n % 8; i++)
		b[i] = (uint8_t)c;
}
