/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Coverage for the scale of a job. Edge coverage counts how often a loop
 * ran only in coarse buckets (1, 2, 3, 4-7, ... 128+), so an input whose
 * job reserves twice as many page-table pages as any other looks like
 * nothing new and is dropped; the u32 wrap of the reservation count
 * (crashes/msm617-prealloc-count-u32-wrap.md) needs 2^32 of them. These
 * functions give each bit length of a value an edge of its own, the same
 * for libFuzzer and AFL++ (compiled with the feedback objects).
 */
#ifndef _VMBIND_SCALE_FEEDBACK_H
#define _VMBIND_SCALE_FEEDBACK_H

#include <stdint.h>

/* The number of ops of a job. */
void vmbind_scale_ops(uint64_t n);
/* The page-table pages the code under test reserved for a job. */
void vmbind_scale_reserved(uint64_t pages);
/* The page-table pages the job needs (the table model). */
void vmbind_scale_needed(uint64_t pages);

/* The bit length of v: 0 for 0, 64 for values >= 2^63. */
unsigned int vmbind_bit_length(uint64_t v);

#endif
