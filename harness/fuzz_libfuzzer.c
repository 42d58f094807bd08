// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer entry point: findings abort, libFuzzer keeps the input. The
 * structure-aware mutator (mutator.h) mutates op records and jobs, with
 * libFuzzer's own byte mutations as its fallback; VMBIND_MUTATOR=bytes
 * leaves libFuzzer's alone (for comparisons).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "mutator.h"

static struct vmbind_options opts;
static int bytes_only;

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *m = getenv("VMBIND_MUTATOR");

	if (m && *m && strcmp(m, "bytes") && strcmp(m, "structure")) {
		fprintf(stderr, "vmbind: VMBIND_MUTATOR must be 'structure' (default) or 'bytes', not '%s'\n", m);
		exit(2);
	}
	bytes_only = m && !strcmp(m, "bytes");
	vmbind_engine_setup(&opts, "libFuzzer");
	vmbind_print_banner(stderr, "libFuzzer");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vmbind_engine_run(data, size, &opts);
	return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	if (bytes_only)
		return LLVMFuzzerMutate(data, size, max_size);
	return vmbind_mutate(data, size, max_size, seed, LLVMFuzzerMutate);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *a, size_t size_a,
				 const uint8_t *b, size_t size_b, uint8_t *out,
				 size_t max_out, unsigned int seed)
{
	size_t cut_a, cut_b, n;

	if (!bytes_only)
		return vmbind_cross_over(a, size_a, b, size_b, out, max_out, seed);
	/* Bytes only: a's head and b's tail, cut anywhere. */
	cut_a = size_a ? seed % (size_a + 1) : 0;
	cut_b = size_b ? (seed / 7) % (size_b + 1) : 0;
	n = cut_a < max_out ? cut_a : max_out;
	memcpy(out, a, n);
	if (size_b - cut_b > max_out - n)
		cut_b = size_b - (max_out - n);
	memcpy(out + n, b + cut_b, size_b - cut_b);
	return n + size_b - cut_b;
}
