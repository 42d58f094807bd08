// SPDX-License-Identifier: GPL-2.0-only
/* Input decoder, format version 2 (input.h): see docs/input-format.md. */
#include <stdlib.h>
#include <string.h>

#include <linux/iommu.h>
#include <shim/alloc.h>

#include "input.h"
#include "no_feedback.h"

#define SZ_1G_ (1ull << 30)
#define SZ_512G_ (1ull << 39)
#define SG_MAX_CHUNK_PAGES ((1ull << 20) - 1)	/* sg length is 32-bit */


static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* v / 2^32 of n, without overflow (n is up to 2^36 pages). */
static uint64_t scale(uint32_t v, uint64_t n)
{
	return (uint64_t)(((unsigned __int128)v * n) >> 32);
}

static uint64_t clamp_u64(uint64_t v, uint64_t lo, uint64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* Pages of a BO: what byte 0-1 say, at most what its sg table can hold. */
static uint64_t decode_bo_pages(const uint8_t *b)
{
	uint64_t pages = (1ull << (b[0] % VMBIND_BO_SIZE_LOG2_NR)) + b[1];
	uint64_t max = (uint64_t)VMBIND_MAX_SG * SG_MAX_CHUNK_PAGES;

	return pages < max ? pages : max;
}

/* The size alone: ops need it to clamp their ranges. */
static uint64_t decode_bo_size(const uint8_t *b)
{
	return decode_bo_pages(b) * VMBIND_PAGE_SIZE;
}

/* The scatter-gather layout, built only for BOs that some MAP uses. */
static void decode_bo(const uint8_t *b, int index, struct vmbind_bo *bo)
{
	uint64_t pages = decode_bo_pages(b);
	uint64_t chunk = 1ull << (b[2] % VMBIND_BO_ENTRY_LOG2_NR);
	uint64_t min_chunk = (pages + VMBIND_MAX_SG - 1) / VMBIND_MAX_SG;
	bool alternate = b[3] & VMBIND_BO_ALTERNATE;
	unsigned int order = (b[3] >> VMBIND_BO_ORDER_SHIFT) & 3;
	uint64_t base = ((uint64_t)(index + 1) << 40) +
			(uint64_t)(b[3] >> VMBIND_BO_MISALIGN_SHIFT) * VMBIND_PAGE_SIZE;
	uint64_t off = 0;

	if (chunk < min_chunk)
		chunk = min_chunk;
	if (chunk > SG_MAX_CHUNK_PAGES)
		chunk = SG_MAX_CHUNK_PAGES;
	/* The table must cover the BO: half-size odd entries need room. */
	if (alternate && (chunk + chunk / 2) * (VMBIND_MAX_SG / 2) < pages)
		alternate = false;
	bo->size = pages * VMBIND_PAGE_SIZE;
	bo->nchunks = 0;
	bo->entry_pages = chunk;
	bo->alternate = alternate;
	while (off < bo->size) {
		unsigned int j = bo->nchunks;
		uint64_t len = chunk * VMBIND_PAGE_SIZE;
		struct vmbind_sg_chunk *c = &bo->chunk[j];

		if (alternate && (j & 1) && chunk > 1)
			len = (chunk / 2) * VMBIND_PAGE_SIZE;
		/* The last entry takes whatever is left. */
		if (j == VMBIND_MAX_SG - 1 || len > bo->size - off)
			len = bo->size - off;
		c->offset = off;
		c->len = len;
		switch (order) {
		case 0:		/* physically contiguous */
			c->phys = base + off;
			break;
		case 1:		/* ascending, a page of gap between chunks */
			c->phys = base + off + (uint64_t)j * VMBIND_PAGE_SIZE;
			break;
		case 2:		/* descending */
			c->phys = base + (bo->size - off - len);
			break;
		default:	/* odd chunks in a second region */
			c->phys = base + off + ((j & 1) ? bo->size : 0);
			break;
		}
		off += len;
		bo->nchunks++;
	}
}

/*
 * Callers go page by page: the chunk of the last lookup is tried first.
 * Forgotten by every decode, so that no branch depends on an earlier
 * input. No feedback: the oracles look up every page they check.
 */
static const struct vmbind_bo *last_bo;
static unsigned int last;

VMBIND_NO_FEEDBACK
uint64_t vmbind_bo_phys_span(const struct vmbind_bo *bo, uint64_t off,
			     uint64_t *span)
{
	unsigned int lo = 0, hi = bo->nchunks;
	uint64_t end;

	if (!(bo == last_bo && last < bo->nchunks &&
	      off - bo->chunk[last].offset < bo->chunk[last].len)) {
		while (hi - lo > 1) {
			unsigned int mid = (lo + hi) / 2;

			if (bo->chunk[mid].offset <= off)
				lo = mid;
			else
				hi = mid;
		}
		last_bo = bo;
		last = lo;
	}
	end = bo->chunk[last].offset + bo->chunk[last].len;
	*span = off < end ? end - off : VMBIND_PAGE_SIZE;
	return bo->chunk[last].phys + (off - bo->chunk[last].offset);
}

VMBIND_NO_FEEDBACK
uint64_t vmbind_bo_phys(const struct vmbind_bo *bo, uint64_t off)
{
	uint64_t span;

	return vmbind_bo_phys_span(bo, off, &span);
}

struct decode_state {
	const struct vmbind_input *in;
	uint64_t prev_iova, prev_end, prev_range;
};

static uint64_t decode_iova(struct decode_state *st, unsigned int kind,
			    uint32_t v, int8_t delta)
{
	const struct vmbind_input *in = st->in;
	uint64_t va_pages = (in->va_end - in->va_start) / VMBIND_PAGE_SIZE;
	uint64_t a;

	switch (kind) {
	case VMBIND_ANCHOR_START:
		a = in->va_start + (uint64_t)(v & 0xffff) * VMBIND_PAGE_SIZE;
		break;
	case VMBIND_ANCHOR_2M: {
		uint64_t first = align_up(in->va_start, VMBIND_BLOCK_SIZE);
		uint64_t n = (in->va_end - first) / VMBIND_BLOCK_SIZE;

		a = first + (v % n) * VMBIND_BLOCK_SIZE;
		break;
	}
	case VMBIND_ANCHOR_1G: {
		uint64_t first = align_up(in->va_start, SZ_1G_);
		uint64_t n = (in->va_end - first) / SZ_1G_;

		a = first + (v % n) * SZ_1G_;
		break;
	}
	case VMBIND_ANCHOR_512G:
		a = (v % (in->va_end / SZ_512G_ + 1)) * SZ_512G_;
		break;
	case VMBIND_ANCHOR_TOP:
		a = in->va_end - (uint64_t)(v & 0xff) * VMBIND_PAGE_SIZE;
		break;
	case VMBIND_ANCHOR_PREV:
		a = st->prev_iova;
		break;
	case VMBIND_ANCHOR_PREV_END:
		a = st->prev_end;
		break;
	default:
		a = in->va_start + scale(v, va_pages) * VMBIND_PAGE_SIZE;
		break;
	}
	a += (int64_t)delta * (int64_t)VMBIND_PAGE_SIZE;
	/* Wrapped below zero: treat as below the VA start. */
	if ((int64_t)a < 0)
		a = 0;
	return clamp_u64(a, in->va_start, in->va_end - VMBIND_PAGE_SIZE);
}

static uint64_t decode_range(struct decode_state *st, unsigned int kind,
			     uint32_t v, int8_t delta, uint64_t iova)
{
	const struct vmbind_input *in = st->in;
	uint64_t va_pages = (in->va_end - in->va_start) / VMBIND_PAGE_SIZE;
	uint64_t r;
	int64_t d = (int64_t)delta * (int64_t)VMBIND_PAGE_SIZE;

	switch (kind) {
	case VMBIND_RANGE_PAGES:
		r = (1 + v % 512) * VMBIND_PAGE_SIZE;
		break;
	case VMBIND_RANGE_PAGES_64K:
		r = (1 + v % 65536) * VMBIND_PAGE_SIZE;
		break;
	case VMBIND_RANGE_2M:
		r = (1 + v % 64) * VMBIND_BLOCK_SIZE;
		break;
	case VMBIND_RANGE_1G:
		r = (1 + v % 64) * SZ_1G_;
		break;
	case VMBIND_RANGE_512G:
		r = (1 + v % 4) * SZ_512G_;
		break;
	case VMBIND_RANGE_TO_END:
		r = in->va_end - iova;
		break;
	case VMBIND_RANGE_PREV:
		r = st->prev_range ? st->prev_range : VMBIND_PAGE_SIZE;
		break;
	default:
		r = (1 + scale(v, va_pages)) * VMBIND_PAGE_SIZE;
		break;
	}
	if (d < 0 && (uint64_t)-d >= r)
		r = VMBIND_PAGE_SIZE;
	else
		r += d;
	if (r < VMBIND_PAGE_SIZE)
		r = VMBIND_PAGE_SIZE;
	if (r > in->va_end - iova)
		r = in->va_end - iova;
	return r;
}

static void decode_op(struct decode_state *st, const uint8_t *rec,
		      struct vmbind_op *op)
{
	const struct vmbind_input *in = st->in;
	uint8_t b0 = rec[VMBIND_REC_OP];
	uint8_t kinds = rec[VMBIND_REC_KINDS];

	memset(op, 0, sizeof(*op));
	op->type = b0 & VMBIND_OPB_TYPE_MASK;
	if (op->type == VMBIND_OP_END_JOB)
		return;
	op->prot = IOMMU_READ;
	if (!(b0 & VMBIND_OPB_READ_ONLY))
		op->prot |= IOMMU_WRITE;
	if (b0 & VMBIND_OPB_CACHED)
		op->prot |= IOMMU_CACHE;
	if (b0 & VMBIND_OPB_PRIV)
		op->prot |= IOMMU_PRIV;
	op->bo = ((b0 & VMBIND_OPB_BO_MASK) >> VMBIND_OPB_BO_SHIFT) % VMBIND_NR_BOS;
	op->iova = decode_iova(st, kinds & 7, le32(rec + VMBIND_REC_ANCHOR),
			       (int8_t)rec[VMBIND_REC_ANCHOR_DELTA]);
	op->range = decode_range(st, (kinds >> 3) & 7, le32(rec + VMBIND_REC_RANGE),
				 (int8_t)rec[VMBIND_REC_RANGE_DELTA], op->iova);
	if (op->type == VMBIND_OP_MAP) {
		const struct vmbind_bo *bo = &in->bo[op->bo];
		uint64_t bo_pages = bo->size / VMBIND_PAGE_SIZE;

		op->bo_offset = (le32(rec + VMBIND_REC_BO_OFFSET) % bo_pages) * VMBIND_PAGE_SIZE;
		if (op->range > bo->size - op->bo_offset)
			op->range = bo->size - op->bo_offset;
	} else {
		op->bo = -1;
	}
	st->prev_iova = op->iova;
	st->prev_range = op->range;
	st->prev_end = op->iova + op->range;
}

void vmbind_input_decode(const uint8_t *data, size_t size,
			 struct vmbind_input *in)
{
	uint8_t hdr[VMBIND_HEADER_SIZE] = { 0 };
	struct decode_state st = { .in = in };
	size_t nrec;

	last_bo = NULL;
	memcpy(hdr, data, size < sizeof(hdr) ? size : sizeof(hdr));
	in->ias = VMBIND_IAS_MIN + hdr[VMBIND_HDR_IAS] % VMBIND_IAS_NR;
	in->coherent_walk = !(hdr[VMBIND_HDR_FLAGS] & VMBIND_FLAG_NONCOHERENT);
	in->fail_nth = hdr[VMBIND_HDR_FAIL_NTH] | hdr[VMBIND_HDR_FAIL_NTH + 1] << 8;
	in->fail_family = (hdr[VMBIND_HDR_FLAGS] >> VMBIND_FLAG_FAIL_FAMILY_SHIFT) %
			  VMBIND_FAIL_NR;
	in->va_start = VMBIND_VA_START;
	in->va_end = 1ull << in->ias;
	for (int i = 0; i < VMBIND_NR_BOS; i++) {
		in->bo[i].size = decode_bo_size(hdr + VMBIND_HDR_BO + 4 * i);
		in->bo[i].nchunks = 0;
	}

	st.prev_iova = in->va_start;
	st.prev_end = in->va_start;
	nrec = size > VMBIND_HEADER_SIZE ?
		       (size - VMBIND_HEADER_SIZE + VMBIND_RECORD_SIZE - 1) / VMBIND_RECORD_SIZE :
		       0;
	if (nrec > VMBIND_MAX_OPS)
		nrec = VMBIND_MAX_OPS;
	in->ops = calloc(nrec ? nrec : 1, sizeof(*in->ops));
	if (!in->ops)
		abort();
	in->nops = 0;
	for (size_t i = 0; i < nrec; i++) {
		uint8_t rec[VMBIND_RECORD_SIZE] = { 0 };
		size_t off = VMBIND_HEADER_SIZE + i * VMBIND_RECORD_SIZE;
		size_t n = size - off < VMBIND_RECORD_SIZE ? size - off : VMBIND_RECORD_SIZE;

		memcpy(rec, data + off, n);
		decode_op(&st, rec, &in->ops[in->nops++]);
	}
	for (size_t i = 0; i < in->nops; i++) {
		const struct vmbind_op *op = &in->ops[i];

		if (op->type == VMBIND_OP_MAP && !in->bo[op->bo].nchunks)
			decode_bo(hdr + VMBIND_HDR_BO + 4 * op->bo, op->bo, &in->bo[op->bo]);
	}
}

void vmbind_input_free(struct vmbind_input *in)
{
	free(in->ops);
	in->ops = NULL;
	in->nops = 0;
}

const char *vmbind_op_name(enum vmbind_op_type t)
{
	static const char *const names[] = { "MAP", "MAP_NULL", "UNMAP", "END_JOB" };

	return t <= VMBIND_OP_END_JOB ? names[t] : "?";
}

const char *vmbind_fail_family_name(enum vmbind_fail_family f)
{
	static const char *const names[] = { "any", "kmalloc", "kvmalloc",
					     "kmem_cache", "pages", "kmem_cache_create" };

	return f < VMBIND_FAIL_NR ? names[f] : "?";
}

unsigned int vmbind_fail_family_mask(enum vmbind_fail_family f)
{
	switch (f) {
	case VMBIND_FAIL_KMALLOC:
		return SHIM_FAM_MASK(SHIM_FAM_KMALLOC);
	case VMBIND_FAIL_KVMALLOC:
		return SHIM_FAM_MASK(SHIM_FAM_KVMALLOC);
	case VMBIND_FAIL_SLAB:
		return SHIM_FAM_MASK(SHIM_FAM_SLAB);
	case VMBIND_FAIL_PAGES:
		return SHIM_FAM_MASK(SHIM_FAM_PAGES) |
		       SHIM_FAM_MASK(SHIM_FAM_IOMMU_PAGES);
	case VMBIND_FAIL_CACHE:
		return SHIM_FAM_MASK(SHIM_FAM_CACHE);
	default:
		return 0;	/* all */
	}
}

void vmbind_op_print(FILE *out, const struct vmbind_op *op)
{
	if (op->type == VMBIND_OP_END_JOB) {
		fprintf(out, "END_JOB");
		return;
	}
	fprintf(out, "%-8s iova=%#014llx range=%#014llx", vmbind_op_name(op->type),
		(unsigned long long)op->iova, (unsigned long long)op->range);
	if (op->type == VMBIND_OP_MAP)
		fprintf(out, " bo=%d offset=%#llx", op->bo,
			(unsigned long long)op->bo_offset);
	if (op->type != VMBIND_OP_UNMAP)
		fprintf(out, " prot=%s%s%s%s", op->prot & IOMMU_READ ? "r" : "",
			op->prot & IOMMU_WRITE ? "w" : "",
			op->prot & IOMMU_CACHE ? "c" : "",
			op->prot & IOMMU_PRIV ? "p" : "");
}

void vmbind_input_print(FILE *out, const struct vmbind_input *in)
{
	fprintf(out, "config: ias=%u va=[%#llx, %#llx) coherent_walk=%d",
		in->ias, (unsigned long long)in->va_start,
		(unsigned long long)in->va_end, in->coherent_walk);
	if (in->fail_nth)
		fprintf(out, " fail_nth=%u fail_family=%s", in->fail_nth,
			vmbind_fail_family_name(in->fail_family));
	fprintf(out, "\n");
	for (int i = 0; i < VMBIND_NR_BOS; i++) {
		if (!in->bo[i].nchunks)
			continue;	/* no MAP uses it */
		fprintf(out, "bo%d: size=%#llx sg_entries=%u first_phys=%#llx\n", i,
			(unsigned long long)in->bo[i].size, in->bo[i].nchunks,
			(unsigned long long)in->bo[i].chunk[0].phys);
	}
}

void vmbind_input_describe(FILE *out, const uint8_t *data, size_t size)
{
	static struct vmbind_bo layout;
	uint8_t hdr[VMBIND_HEADER_SIZE] = { 0 };
	struct vmbind_input in;

	vmbind_input_decode(data, size, &in);
	memcpy(hdr, data, size < sizeof(hdr) ? size : sizeof(hdr));
	fprintf(out, "config ias=%u va_start=%#llx va_end=%#llx coherent_walk=%d fail_nth=%u fail_family=%s\n",
		in.ias, (unsigned long long)in.va_start,
		(unsigned long long)in.va_end, in.coherent_walk, in.fail_nth,
		vmbind_fail_family_name(in.fail_family));
	for (int i = 0; i < VMBIND_NR_BOS; i++) {
		decode_bo(hdr + VMBIND_HDR_BO + 4 * i, i, &layout);
		fprintf(out, "bo %d used=%d size=%#llx sg_entries=%u first_phys=%#llx entry_pages=%llu alternate=%d\n",
			i, in.bo[i].nchunks != 0, (unsigned long long)layout.size,
			layout.nchunks, (unsigned long long)layout.chunk[0].phys,
			(unsigned long long)layout.entry_pages, layout.alternate);
	}
	for (size_t i = 0; i < in.nops; i++) {
		fprintf(out, "op %zu ", i);
		vmbind_op_print(out, &in.ops[i]);
		fprintf(out, "\n");
	}
	vmbind_input_free(&in);
}
