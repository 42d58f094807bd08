// SPDX-License-Identifier: GPL-2.0-only
/*
 * How scale feedback is easily got wrong (tests/scale_feedback.c): one
 * store indexed by the bit length is a single block, so every value gives
 * the engines the same edge.
 */
#include <stdint.h>

#include "scale_feedback.h"

void vmbind_scale_naive(uint64_t v);

volatile unsigned char vmbind_scale_naive_seen[65];

__attribute__((noinline)) void vmbind_scale_naive(uint64_t v)
{
	vmbind_scale_naive_seen[vmbind_bit_length(v)] = 1;
}
