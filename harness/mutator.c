// SPDX-License-Identifier: GPL-2.0-only
/* Structure-aware mutation (mutator.h). */
#include <string.h>

#include "input.h"
#include "mutator.h"

#define HDR VMBIND_HEADER_SIZE
#define REC VMBIND_RECORD_SIZE


struct rng {
	uint64_t s;
};

static uint32_t next(struct rng *r)
{
	/* splitmix64: one multiply per draw, no state beyond 64 bits */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

static size_t below(struct rng *r, size_t n)
{
	return n ? next(r) % n : 0;
}

static size_t nrecords(size_t size)
{
	return size > HDR ? (size - HDR) / REC : 0;
}

static uint8_t *record(uint8_t *data, size_t i)
{
	return data + HDR + i * REC;
}

/* Room for n more whole records; the size is kept a whole number of them. */
static size_t room(size_t size, size_t max_size)
{
	return max_size > size ? (max_size - size) / REC : 0;
}

static size_t insert_records(uint8_t *data, size_t size, size_t at,
			     const uint8_t *rec, size_t copies, size_t max_size)
{
	size_t n = nrecords(size);
	uint8_t one[REC];

	if (copies > room(size, max_size))
		copies = room(size, max_size);
	if (!copies)
		return size;
	memcpy(one, rec, REC);
	memmove(record(data, at + copies), record(data, at), (n - at) * REC);
	for (size_t k = 0; k < copies; k++)
		memcpy(record(data, at + k), one, REC);
	return HDR + (n + copies) * REC;
}

static size_t random_byte_flips(uint8_t *data, size_t size, struct rng *r)
{
	size_t flips = 1 + below(r, 4);

	for (size_t k = 0; k < flips && size; k++)
		data[below(r, size)] ^= (uint8_t)(1u << below(r, 8));
	return size;
}

/* One structural step; returns the new size. */
static size_t step(uint8_t *data, size_t size, size_t max_size, struct rng *r)
{
	size_t n = nrecords(size), i = below(r, n), j = below(r, n);
	uint8_t *a = n ? record(data, i) : NULL;
	uint8_t tmp[REC];

	switch (below(r, 11)) {
	case 0:	/* duplicate a record: a few times, or a whole job's worth */
		if (!n)
			break;
		return insert_records(data, size, i, a,
				      below(r, 4) ? 1 + below(r, 8) : 16 + below(r, 240),
				      max_size);
	case 1:	/* delete a run of records */
		if (!n)
			break;
		j = 1 + below(r, n - i < 8 ? n - i : 8);
		memmove(a, a + j * REC, (n - i - j) * REC);
		return HDR + (n - j) * REC;
	case 2:	/* swap two records */
		if (n < 2)
			break;
		memcpy(tmp, a, REC);
		memcpy(a, record(data, j), REC);
		memcpy(record(data, j), tmp, REC);
		break;
	case 3:	/* copy one record over another */
		if (n)
			memcpy(a, record(data, j), REC);
		break;
	case 4:	/* retarget: start where the previous op starts or ends */
		if (n)
			a[1] = (a[1] & ~7) | (below(r, 2) ? VMBIND_ANCHOR_PREV : VMBIND_ANCHOR_PREV_END);
		break;
	case 5:	/* the whole VA, or the previous op's range */
		if (n)
			a[1] = below(r, 2) ? (uint8_t)VMBIND_KINDS(VMBIND_ANCHOR_START, VMBIND_RANGE_TO_END) :
					     (uint8_t)VMBIND_KINDS(a[1] & 7, VMBIND_RANGE_PREV);
		break;
	case 6:	/* prot bits */
		if (n)
			a[0] ^= (uint8_t)(VMBIND_OPB_PROT_MASK & (1u << (2 + below(r, 5))));
		break;
	case 7:	/* op type (MAP, MAP_NULL, UNMAP, END_JOB) */
		if (n)
			a[0] = (a[0] & ~VMBIND_OPB_TYPE_MASK) | (uint8_t)below(r, 4);
		break;
	case 8:	/* a job boundary in, or one out */
		memset(tmp, 0, REC);
		tmp[0] = VMBIND_OP_END_JOB;
		if (n && (a[0] & VMBIND_OPB_TYPE_MASK) == VMBIND_OP_END_JOB) {
			memmove(a, a + REC, (n - i - 1) * REC);
			return HDR + (n - 1) * REC;
		}
		return insert_records(data, size, below(r, n + 1), tmp, 1, max_size);
	case 9:	/* the fault-injection point: none, early, or one further */
		switch (below(r, 3)) {
		case 0:
			data[2] = data[3] = 0;
			break;
		case 1:
			data[2] = (uint8_t)(1 + below(r, 32));
			data[3] = 0;
			data[1] = (data[1] & 1) | (uint8_t)(below(r, VMBIND_FAIL_NR) << 1);
			break;
		default:
			data[2]++;
			break;
		}
		break;
	default: /* a value: small numbers and edges matter most */
		if (n)
			a[2 + below(r, 14)] = (uint8_t)(below(r, 2) ? below(r, 4) : 0xff);
		break;
	}
	return size;
}

size_t vmbind_mutate(uint8_t *data, size_t size, size_t max_size,
		     unsigned int seed, vmbind_byte_mutator fallback)
{
	struct rng r = { .s = seed };
	size_t steps;

	if (max_size < HDR + REC)
		return fallback ? fallback(data, size, max_size) :
				  random_byte_flips(data, size, &r);
	if (size < HDR) {
		memset(data + size, 0, HDR - size);
		size = HDR;
	}
	/* A partial last record counts as whole: the decoder zero-pads it. */
	if ((size - HDR) % REC && size + REC - (size - HDR) % REC <= max_size) {
		size_t pad = REC - (size - HDR) % REC;

		memset(data + size, 0, pad);
		size += pad;
	}
	if (below(&r, 4) == 0)
		return fallback ? fallback(data, size, max_size) :
				  random_byte_flips(data, size, &r);
	steps = 1 + below(&r, 3);
	for (size_t k = 0; k < steps; k++)
		size = step(data, size, max_size, &r);
	/* Every step leaves at least one record to work on next time. */
	if (size == HDR && room(size, max_size)) {
		memset(data + HDR, 0, REC);
		size += REC;
	}
	return size;
}

size_t vmbind_cross_over(const uint8_t *a, size_t size_a, const uint8_t *b,
			 size_t size_b, uint8_t *out, size_t max_out,
			 unsigned int seed)
{
	struct rng r = { .s = seed };
	size_t na = nrecords(size_a), nb = nrecords(size_b);
	size_t keep = below(&r, na + 1), from = below(&r, nb + 1);
	size_t size = 0, take;

	if (max_out < HDR)
		return 0;
	memset(out, 0, HDR);
	memcpy(out, a, size_a < HDR ? size_a : HDR);
	size = HDR;
	if (keep > room(size, max_out))
		keep = room(size, max_out);
	memcpy(out + size, a + HDR, keep * REC);
	size += keep * REC;
	take = nb - from;
	if (take > room(size, max_out))
		take = room(size, max_out);
	memcpy(out + size, b + HDR + from * REC, take * REC);
	return size + take * REC;
}
