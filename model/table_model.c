// SPDX-License-Identifier: GPL-2.0-only
/* Expected table counts: see table_model.h. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "no_feedback.h"
#include "table_model.h"

static const int region_shift[TABLE_LEVELS] = { 48, 39, 30, 21 };

uint64_t table_model_region_size(int level)
{
	return 1ull << region_shift[level];
}

void table_model_reset(struct table_model *t, unsigned int ias)
{
	unsigned int va_bits = ias - 12;
	unsigned int levels = (va_bits + 8) / 9;

	for (int l = 0; l < TABLE_LEVELS; l++)
		t->level[l].n = 0;
	t->ias = ias;
	t->start_level = TABLE_LEVELS - (int)levels;
}

void range_list_add(struct range_list *l, uint64_t start, uint64_t len)
{
	l->r = vmbind_grow(l->r, &l->cap, l->n + 1, sizeof(*l->r));
	l->r[l->n].start = start;
	l->r[l->n].end = start + len;
	l->n++;
}

void range_list_reset(struct range_list *l)
{
	l->n = 0;
}

void range_list_free(struct range_list *l)
{
	free(l->r);
	memset(l, 0, sizeof(*l));
}

struct ival {
	uint64_t lo, hi;	/* inclusive region indices */
};

VMBIND_NO_FEEDBACK static int ival_cmp(const void *a, const void *b)
{
	const struct ival *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/*
 * Scratch arrays kept from call to call, grown where growing gives no
 * feedback (grow.h): the model runs for every job, and malloc() under ASan
 * costs more than what it computes.
 */
static struct ival *ival_buf;
static size_t ival_cap;
static uint64_t *spare_keys;
static size_t spare_cap;

/*
 * Region-index intervals of ranges at one level, sorted and merged, in
 * the scratch array (valid until the next call).
 */
static size_t merged_intervals(const struct range_list *ranges, int level,
			       struct ival **out)
{
	struct ival *iv = ival_buf = vmbind_grow(ival_buf, &ival_cap, ranges->n + 1,
						 sizeof(*iv));
	size_t n = 0;

	for (size_t i = 0; i < ranges->n; i++) {
		if (ranges->r[i].end <= ranges->r[i].start)
			continue;
		iv[n].lo = ranges->r[i].start >> region_shift[level];
		iv[n].hi = (ranges->r[i].end - 1) >> region_shift[level];
		n++;
	}
	qsort(iv, n, sizeof(*iv), ival_cmp);
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		if (m && iv[i].lo <= iv[m - 1].hi + 1) {
			if (iv[i].hi > iv[m - 1].hi)
				iv[m - 1].hi = iv[i].hi;
		} else {
			iv[m++] = iv[i];
		}
	}
	*out = iv;
	return m;
}

/* Number of keys of s in [lo, hi]. */
VMBIND_NO_FEEDBACK static uint64_t keys_in(const struct region_set *s, uint64_t lo, uint64_t hi)
{
	size_t a = 0, b = s->n, first, last;

	while (a < b) {
		size_t mid = (a + b) / 2;

		if (s->keys[mid] < lo)
			a = mid + 1;
		else
			b = mid;
	}
	first = a;
	b = s->n;
	while (a < b) {
		size_t mid = (a + b) / 2;

		if (s->keys[mid] <= hi)
			a = mid + 1;
		else
			b = mid;
	}
	last = a;
	return last - first;
}

uint64_t table_model_needed(const struct table_model *t,
			    const struct range_list *ranges,
			    uint64_t per_level[TABLE_LEVELS])
{
	uint64_t total = 0;

	for (int l = 0; l < TABLE_LEVELS; l++) {
		uint64_t need = 0;

		if (l > t->start_level) {
			struct ival *iv;
			size_t n = merged_intervals(ranges, l, &iv);

			for (size_t i = 0; i < n; i++)
				need += (iv[i].hi - iv[i].lo + 1) -
					keys_in(&t->level[l], iv[i].lo, iv[i].hi);
		}
		if (per_level)
			per_level[l] = need;
		total += need;
	}
	return total;
}

static void set_insert_range(struct region_set *s, uint64_t lo, uint64_t hi)
{
	uint64_t add = hi - lo + 1 - keys_in(s, lo, hi);
	uint64_t *merged;
	size_t i = 0, k = 0;
	uint64_t key = lo;

	if (!add)
		return;
	/* Merged into the spare array, which then swaps with the keys. */
	merged = spare_keys = vmbind_grow(spare_keys, &spare_cap, s->n + add,
					  sizeof(*merged));
	/* Merge the existing keys with the interval, dropping duplicates. */
	while (i < s->n || key <= hi) {
		bool take_key = key <= hi && (i == s->n || key <= s->keys[i]);

		if (take_key) {
			if (i < s->n && s->keys[i] == key)
				i++;
			merged[k++] = key++;	/* region indices are < 2^27 */
		} else {
			merged[k++] = s->keys[i++];
		}
	}
	spare_keys = s->keys;
	s->keys = merged;
	s->n = k;
	k = s->cap;
	s->cap = spare_cap;
	spare_cap = k;
}

void table_model_commit(struct table_model *t, const struct range_list *ranges)
{
	for (int l = t->start_level + 1; l < TABLE_LEVELS; l++) {
		struct ival *iv;
		size_t n = merged_intervals(ranges, l, &iv);

		for (size_t i = 0; i < n; i++)
			set_insert_range(&t->level[l], iv[i].lo, iv[i].hi);
	}
}

uint64_t table_model_count(const struct table_model *t,
			   uint64_t per_level[TABLE_LEVELS])
{
	uint64_t total = 0;

	for (int l = 0; l < TABLE_LEVELS; l++) {
		if (per_level)
			per_level[l] = t->level[l].n;
		total += t->level[l].n;
	}
	return total;
}
