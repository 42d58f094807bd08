// SPDX-License-Identifier: GPL-2.0-only
/*
 * The structure-aware mutator (harness/mutator.c): deterministic, within
 * bounds, whole records, and able to grow a job of whole-VA ops to the
 * length the u32 reservation-count wrap needs (32 and more).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/input.h"
#include "../harness/mutator.h"
#include "check.h"

#define MAX 4096

/* One MAP_NULL over the whole VA (anchor start, range to_end), ias 48. */
static size_t whole_va_seed(uint8_t *buf)
{
	memset(buf, 0, VMBIND_HEADER_SIZE + VMBIND_RECORD_SIZE);
	buf[0] = 12;				/* ias 48 */
	buf[VMBIND_HEADER_SIZE] = VMBIND_OP_MAP_NULL;
	buf[VMBIND_HEADER_SIZE + 1] = 5 << 3;	/* range kind to_end */
	return VMBIND_HEADER_SIZE + VMBIND_RECORD_SIZE;
}

/* Longest run of MAP/MAP_NULL records in one job. */
static size_t longest_job(const uint8_t *buf, size_t size)
{
	size_t best = 0, cur = 0;

	for (size_t off = VMBIND_HEADER_SIZE; off + VMBIND_RECORD_SIZE <= size;
	     off += VMBIND_RECORD_SIZE) {
		unsigned int t = buf[off] & 3;

		if (t == VMBIND_OP_MAP || t == VMBIND_OP_MAP_NULL)
			cur++;
		else if (t == VMBIND_OP_END_JOB)
			cur = 0;
		if (cur > best)
			best = cur;
	}
	return best;
}

static void case_deterministic(void)
{
	uint8_t a[MAX], b[MAX];
	size_t na = whole_va_seed(a), nb = whole_va_seed(b);

	for (unsigned int seed = 1; seed < 2000; seed++) {
		na = vmbind_mutate(a, na, MAX, seed, NULL);
		nb = vmbind_mutate(b, nb, MAX, seed, NULL);
		CHECK(na == nb && !memcmp(a, b, na), "seed %u: outputs differ", seed);
		if (na != nb)
			return;
	}
}

static void case_bounds(void)
{
	uint8_t buf[MAX];
	size_t n = 5, max;

	memset(buf, 0xa5, sizeof(buf));
	for (unsigned int seed = 1; seed < 20000; seed++) {
		max = seed % 7 ? MAX : 64 + seed % 200;
		if (n > max)
			n = max;
		n = vmbind_mutate(buf, n, max, seed, NULL);
		CHECK(n <= max, "seed %u: %zu bytes, room for %zu", seed, n, max);
		CHECK(n >= VMBIND_HEADER_SIZE, "seed %u: %zu bytes, no header", seed, n);
		if (n > max || n < VMBIND_HEADER_SIZE)
			return;
	}
}

/* Chains of mutations from one whole-VA op reach a 32-op job quickly. */
static void case_grows_jobs(void)
{
	uint8_t buf[MAX];
	unsigned int found = 0, chains = 20;

	for (unsigned int c = 0; c < chains; c++) {
		size_t n = whole_va_seed(buf);

		for (unsigned int k = 0; k < 200; k++) {
			n = vmbind_mutate(buf, n, MAX, c * 1000 + k + 1, NULL);
			if (longest_job(buf, n) >= 32) {
				found++;
				break;
			}
		}
	}
	printf("chains reaching a 32-op job within 200 mutations: %u/%u\n", found, chains);
	CHECK(found >= chains / 2, "only %u of %u chains", found, chains);
}

static void case_cross_over(void)
{
	uint8_t a[MAX], b[MAX], out[MAX];
	size_t na = whole_va_seed(a), nb = whole_va_seed(b), n;

	a[2] = 7;	/* a's header: fault injection at 7 */
	for (int k = 0; k < 20; k++)
		nb = vmbind_mutate(b, nb, MAX, 100 + k, NULL);
	for (unsigned int seed = 1; seed < 500; seed++) {
		n = vmbind_cross_over(a, na, b, nb, out, 64, seed);
		CHECK(n <= 64 && n >= VMBIND_HEADER_SIZE, "seed %u: %zu bytes", seed, n);
		CHECK(out[2] == 7, "seed %u: header not a's", seed);
		CHECK((n - VMBIND_HEADER_SIZE) % VMBIND_RECORD_SIZE == 0,
		      "seed %u: partial record", seed);
	}
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "deterministic", case_deterministic },
	{ "bounds", case_bounds },
	{ "grows-jobs", case_grows_jobs },
	{ "cross-over", case_cross_over },
};

int main(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (argc > 1 && !strcmp(argv[1], cases[i].name)) {
			cases[i].fn();
			printf("%s\n", failures ? "FAILED" : "ok");
			return failures ? 1 : 0;
		}
	}
	fprintf(stderr, "unknown case '%s'\n", argc > 1 ? argv[1] : "");
	return 2;
}
