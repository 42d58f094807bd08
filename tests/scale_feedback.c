// SPDX-License-Identifier: GPL-2.0-only
/*
 * harness/scale_feedback.c gives every bit length of a value an edge of its
 * own. Compiled here with the coverage instrumentation libFuzzer and AFL++
 * build on (trace-pc-guard), this program records which guards each call
 * hits and counts the distinct sets over the 65 bit lengths.
 *
 *   test_scale_feedback check   the harness's functions: 65 sets each
 *   test_scale_feedback naive   a one-block rendition: the count sees it
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "scale_feedback.h"

void vmbind_scale_naive(uint64_t v);

#define MAX_GUARDS 4096
#define LENGTHS 65

static uint32_t nguards;
static unsigned char hit[MAX_GUARDS];

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop)
{
	for (uint32_t *g = start; g < stop; g++)
		if (!*g && nguards < MAX_GUARDS)
			*g = ++nguards;
}

void __sanitizer_cov_trace_pc_guard(uint32_t *guard)
{
	if (*guard && *guard <= MAX_GUARDS)
		hit[*guard - 1] = 1;
}

/* Distinct hit sets of fn over values of every bit length 0..64. */
static int distinct_sets(void (*fn)(uint64_t))
{
	static unsigned char sets[LENGTHS][MAX_GUARDS];
	int distinct = 0;

	for (int k = 0; k < LENGTHS; k++) {
		uint64_t v = k ? 1ull << (k - 1) : 0;

		memset(hit, 0, sizeof(hit));
		fn(v);
		memcpy(sets[k], hit, sizeof(hit));
		if (vmbind_bit_length(v) != (unsigned int)k)
			return -1;
		distinct++;
		for (int j = 0; j < k; j++) {
			if (!memcmp(sets[j], sets[k], sizeof(hit))) {
				distinct--;
				break;
			}
		}
	}
	return distinct;
}

static int report(const char *name, void (*fn)(uint64_t))
{
	int n = distinct_sets(fn);

	printf("scale_feedback: %s: %d distinct edge sets for %d bit lengths\n",
	       name, n, LENGTHS);
	return n == LENGTHS ? 0 : 1;
}

int main(int argc, char **argv)
{
	int bad = 0;

	if (!nguards) {
		printf("scale_feedback: no coverage guards: not built with -fsanitize-coverage=trace-pc-guard\n");
		return 2;
	}
	if (argc == 2 && !strcmp(argv[1], "check")) {
		bad += report("vmbind_scale_ops", vmbind_scale_ops);
		bad += report("vmbind_scale_reserved", vmbind_scale_reserved);
		bad += report("vmbind_scale_needed", vmbind_scale_needed);
	} else if (argc == 2 && !strcmp(argv[1], "naive")) {
		bad += report("vmbind_scale_naive", vmbind_scale_naive);
	} else {
		fprintf(stderr, "usage: test_scale_feedback check|naive\n");
		return 2;
	}
	printf("scale_feedback: %d function(s) collapse bit lengths\n", bad);
	return bad ? 1 : 0;
}
