/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Structure-aware mutation of fuzz inputs (docs/input-format.md): op
 * records and jobs are the units. Shared by libFuzzer's custom mutator
 * (fuzz_libfuzzer.c) and the AFL++ custom mutator library
 * (mutator_afl.c). Deterministic: the same input, seed and fallback give
 * the same output.
 */
#ifndef _VMBIND_MUTATOR_H
#define _VMBIND_MUTATOR_H

#include <stddef.h>
#include <stdint.h>

/* Byte-level mutation to fall back on (libFuzzer's LLVMFuzzerMutate). */
typedef size_t (*vmbind_byte_mutator)(uint8_t *data, size_t size,
				      size_t max_size);

/*
 * Mutates data (size bytes, room for max_size) in place and returns the
 * new size. One to three structural steps — duplicate a record up to
 * hundreds of times, delete, swap or reverse records, copy one over
 * another, retarget an anchor to the previous op, make a record cover
 * the whole VA, flip prot bits, change an op's type, insert or drop a
 * job boundary, move the fault-injection point — or, one time in four,
 * the byte fallback (NULL: random byte flips of our own).
 */
size_t vmbind_mutate(uint8_t *data, size_t size, size_t max_size,
		     unsigned int seed, vmbind_byte_mutator fallback);

/*
 * Cross-over into out (room for max_out): a's header, a's first records
 * and b's records from a random point. Returns the size written.
 */
size_t vmbind_cross_over(const uint8_t *a, size_t size_a, const uint8_t *b,
			 size_t size_b, uint8_t *out, size_t max_out,
			 unsigned int seed);

#endif
