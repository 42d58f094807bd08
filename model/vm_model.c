// SPDX-License-Identifier: GPL-2.0-only
/* Shadow address space: see vm_model.h. */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "no_feedback.h"
#include "vm_model.h"

static void reserve(struct vm_model *m, size_t n)
{
	m->maps = vmbind_grow(m->maps, &m->cap, n, sizeof(*m->maps));
}

void vm_model_copy(struct vm_model *dst, const struct vm_model *src)
{
	dst->n = 0;
	reserve(dst, src->n);
	if (src->n)
		memcpy(dst->maps, src->maps, src->n * sizeof(*src->maps));
	dst->n = src->n;
}

static void push_op(struct pt_op_list *l, enum pt_op_kind kind,
		    const struct vm_mapping *m)
{
	l->ops = vmbind_grow(l->ops, &l->cap, l->n + 1, sizeof(*l->ops));
	l->ops[l->n].kind = kind;
	l->ops[l->n].m = *m;
	l->n++;
}

void pt_op_list_reset(struct pt_op_list *l)
{
	l->n = 0;
}

void pt_op_list_free(struct pt_op_list *l)
{
	free(l->ops);
	memset(l, 0, sizeof(*l));
}

/* First mapping whose end is above iova. */
VMBIND_NO_FEEDBACK static size_t first_ending_after(const struct vm_model *m, uint64_t iova)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->maps[mid].iova + m->maps[mid].range <= iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

VMBIND_NO_FEEDBACK
const struct vm_mapping *vm_model_next(const struct vm_model *m, uint64_t iova)
{
	size_t i = first_ending_after(m, iova);

	return i < m->n ? &m->maps[i] : NULL;
}

VMBIND_NO_FEEDBACK
const struct vm_mapping *vm_model_find(const struct vm_model *m, uint64_t iova)
{
	const struct vm_mapping *v = vm_model_next(m, iova);

	return v && v->iova <= iova ? v : NULL;
}

/*
 * Removes [iova, iova+range) from the model. Every overlapped mapping is
 * unmapped in the page table for the overlapped part only; what is left of
 * it on either side stays (drm_gpuva_op_remap prev/next).
 */
static size_t carve(struct vm_model *m, uint64_t iova, uint64_t range,
		    struct pt_op_list *out)
{
	uint64_t end = iova + range;
	size_t i = first_ending_after(m, iova);
	size_t first = i;
	struct vm_mapping prev = { 0 }, next = { 0 };
	bool have_prev = false, have_next = false;

	while (i < m->n && m->maps[i].iova < end) {
		struct vm_mapping *v = &m->maps[i];
		uint64_t v_end = v->iova + v->range;
		uint64_t u_start = v->iova > iova ? v->iova : iova;
		uint64_t u_end = v_end < end ? v_end : end;
		struct vm_mapping u = { .iova = u_start, .range = u_end - u_start };

		if (out)
			push_op(out, PT_OP_UNMAP, &u);
		if (v->iova < iova) {
			prev = *v;
			prev.range = iova - v->iova;
			have_prev = true;
		}
		if (v_end > end) {
			next = *v;
			next.iova = end;
			next.range = v_end - end;
			if (next.bo != VM_MODEL_NULL_BO)
				next.bo_offset = v->bo_offset + (end - v->iova);
			have_next = true;
		}
		i++;
	}
	/* Replace maps[first, i) by prev/next. */
	size_t removed = i - first;
	size_t added = have_prev + have_next;

	reserve(m, m->n - removed + added);
	memmove(&m->maps[first + added], &m->maps[i],
		(m->n - i) * sizeof(*m->maps));
	m->n = m->n - removed + added;
	if (have_prev)
		m->maps[first++] = prev;
	if (have_next)
		m->maps[first++] = next;
	return first;
}

void vm_model_map(struct vm_model *m, const struct vm_mapping *map,
		  struct pt_op_list *out)
{
	size_t at;

	carve(m, map->iova, map->range, out);
	if (out)
		push_op(out, PT_OP_MAP, map);
	at = first_ending_after(m, map->iova);
	reserve(m, m->n + 1);
	memmove(&m->maps[at + 1], &m->maps[at], (m->n - at) * sizeof(*m->maps));
	m->maps[at] = *map;
	m->n++;
}

void vm_model_unmap(struct vm_model *m, uint64_t iova, uint64_t range,
		    struct pt_op_list *out)
{
	carve(m, iova, range, out);
}

bool vm_model_is_inplace_remap(const struct vm_model *m,
			       const struct vm_mapping *map)
{
	const struct vm_mapping *v = vm_model_find(m, map->iova);

	return v && v->iova == map->iova && v->range == map->range &&
	       v->bo == map->bo && map->bo != VM_MODEL_NULL_BO &&
	       v->bo_offset == map->bo_offset;
}

static uint64_t regions(uint64_t iova, uint64_t len, unsigned int shift)
{
	uint64_t a = 1ull << shift;
	uint64_t end = (iova + len + a - 1) & ~(a - 1);

	return (end - (iova & ~(a - 1))) >> shift;
}

uint64_t seed_formula_count(uint64_t iova, uint64_t len)
{
	return regions(iova, len, 39) + regions(iova, len, 30) +
	       regions(iova, len, 21);
}
