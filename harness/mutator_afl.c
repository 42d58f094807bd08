// SPDX-License-Identifier: GPL-2.0-only
/*
 * The structure-aware mutator (mutator.h) as an AFL++ custom mutator
 * library (AFL_CUSTOM_MUTATOR_LIBRARY; tools/fuzz-afl sets it). AFL++'s own
 * havoc still runs beside it; here the byte fallback is ours.
 */
#include <stdlib.h>
#include <string.h>

#include "mutator.h"

struct afl_mutator {
	unsigned int seed;
	uint8_t *buf;
	size_t cap;
};

void *afl_custom_init(void *afl, unsigned int seed)
{
	struct afl_mutator *m = calloc(1, sizeof(*m));

	if (m)
		m->seed = seed;
	return m;
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size,
		       uint8_t **out_buf, uint8_t *add_buf,
		       size_t add_buf_size, size_t max_size)
{
	struct afl_mutator *m = data;
	size_t n;

	if (m->cap < max_size) {
		uint8_t *p = realloc(m->buf, max_size);

		if (!p) {
			*out_buf = buf;
			return buf_size;
		}
		m->buf = p;
		m->cap = max_size;
	}
	m->seed = m->seed * 1103515245u + 12345u;
	/* Every eighth time a cross-over with the other input AFL++ offers. */
	if (add_buf && add_buf_size && !(m->seed >> 29))
		n = vmbind_cross_over(buf, buf_size, add_buf, add_buf_size,
				      m->buf, max_size, m->seed);
	else {
		n = buf_size < max_size ? buf_size : max_size;
		memcpy(m->buf, buf, n);
		n = vmbind_mutate(m->buf, n, max_size, m->seed, NULL);
	}
	*out_buf = m->buf;
	return n;
}

void afl_custom_deinit(void *data)
{
	struct afl_mutator *m = data;

	free(m->buf);
	free(m);
}
