/* SPDX-License-Identifier: GPL-2.0-only */
/* Builds fuzz inputs (docs/input-format.md) field by field for tests. */
#ifndef _VMBIND_TEST_INPUT_BUILDER_H
#define _VMBIND_TEST_INPUT_BUILDER_H

#include <stdint.h>
#include <string.h>

struct ib {
	uint8_t buf[16 + 16 * 256];
	size_t n;
};

/* iova anchor kinds and range kinds (docs/input-format.md) */
enum { A_START, A_2M, A_1G, A_512G, A_TOP, A_PREV, A_PREV_END, A_UNIFORM };
enum { R_PAGES, R_PAGES64K, R_2M, R_1G, R_512G, R_TO_END, R_PREV, R_UNIFORM };
enum { OP_MAP, OP_MAP_NULL, OP_UNMAP, OP_END_JOB };

static inline void ib_header(struct ib *b, unsigned int ias, int noncoherent,
			     unsigned int fail_nth, unsigned int fail_family)
{
	memset(b, 0, sizeof(*b));
	b->buf[0] = (uint8_t)(ias - 36);
	b->buf[1] = (uint8_t)((noncoherent ? 1 : 0) | (fail_family << 1));
	b->buf[2] = fail_nth & 0xff;
	b->buf[3] = (fail_nth >> 8) & 0xff;
	/* default BOs: 2^20 pages (4 GiB), 8-page sg entries, contiguous */
	for (int i = 0; i < 3; i++) {
		b->buf[4 + 4 * i] = 20;
		b->buf[6 + 4 * i] = 3;
	}
	b->n = 16;
}

static inline void ib_bo(struct ib *b, int bo, uint8_t size_log2,
			 uint8_t extra, uint8_t chunk_log2, uint8_t layout)
{
	b->buf[4 + 4 * bo] = size_log2;
	b->buf[5 + 4 * bo] = extra;
	b->buf[6 + 4 * bo] = chunk_log2;
	b->buf[7 + 4 * bo] = layout;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static inline void ib_op(struct ib *b, int op, int bo, int akind, uint32_t aval,
			 int8_t adelta, int rkind, uint32_t rval, int8_t rdelta,
			 uint32_t bo_off_pages)
{
	uint8_t *r = b->buf + b->n;

	r[0] = (uint8_t)(op | (bo << 4));
	r[1] = (uint8_t)(akind | (rkind << 3));
	put32(r + 2, aval);
	r[6] = (uint8_t)adelta;
	put32(r + 7, rval);
	r[11] = (uint8_t)rdelta;
	put32(r + 12, bo_off_pages);
	b->n += 16;
}

static inline void ib_end_job(struct ib *b)
{
	ib_op(b, OP_END_JOB, 0, 0, 0, 0, 0, 0, 0, 0);
}

#endif
