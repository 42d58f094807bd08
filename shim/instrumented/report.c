// SPDX-License-Identifier: GPL-2.0-only
/*
 * The top of the shim's allocators: the leak report at the end of an input
 * and the reset that makes the next input start from nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vmstat.h>
#include <shim/dma.h>
#include <shim/finding.h>
#include <shim/warn.h>

#include "internal.h"

/* Leaks grouped by (family, cache, allocation site). */
struct leak_group {
	enum shim_family fam;
	struct kmem_cache *cache;
	const struct shim_site *site;
	unsigned long count;
	size_t bytes;
};

struct leak_acc {
	struct leak_group groups[64];
	int n;
	unsigned long total;
};

static void collect_leak(struct shim_obj *o, void *arg)
{
	struct leak_acc *acc = arg;
	int i;

	acc->total++;
	for (i = 0; i < acc->n; i++) {
		struct leak_group *g = &acc->groups[i];

		if (g->fam == o->family && g->cache == o->cache &&
		    g->site == o->alloc_site)
			break;
	}
	if (i == acc->n) {
		if (acc->n == 64)
			return;
		acc->groups[acc->n++] = (struct leak_group){
			.fam = o->family, .cache = o->cache, .site = o->alloc_site
		};
	}
	acc->groups[i].count++;
	acc->groups[i].bytes += o->size;
}

static int leak_group_cmp(const void *a, const void *b)
{
	const struct leak_group *x = a, *y = b;
	int c;

	if (x->fam != y->fam)
		return (int)x->fam - (int)y->fam;
	c = strcmp(x->site ? x->site->file : "", y->site ? y->site->file : "");
	if (c)
		return c;
	return (x->site ? x->site->line : 0) - (y->site ? y->site->line : 0);
}

unsigned long shim_alloc_check_leaks(void)
{
	static struct leak_acc acc;
	unsigned long live = 0;

	for (int f = 0; f < SHIM_FAM_NR; f++)
		live += shim_live[f];
	if (!live)
		return 0;

	acc.n = 0;
	acc.total = 0;
	objtrack_for_each_live(collect_leak, &acc);
	/* Deterministic order whatever the hash layout. */
	qsort(acc.groups, acc.n, sizeof(acc.groups[0]), leak_group_cmp);
	for (int i = 0; i < acc.n; i++) {
		struct leak_group *g = &acc.groups[i];
		const struct shim_site *s = g->site;
		char what[96];

		if (g->fam == SHIM_FAM_SLAB && g->cache)
			snprintf(what, sizeof(what), "kmem_cache(%s)",
				 g->cache->name);
		else
			snprintf(what, sizeof(what), "%s", shim_family_name(g->fam));
		shim_finding_at("leak", s ? s->func : "?", s ? s->file : "?",
				s ? s->line : 0,
				"memory leak: %lu %s object(s), %zu bytes, still live at end of input (total live objects: %lu)",
				g->count, what, g->bytes, acc.total);
	}
	return acc.total;
}

static void release_heap_object(struct shim_obj *o, void *arg)
{
	(void)arg;
	/* (large ones live in the page arena, which the reset rewinds) */
	if ((o->family == SHIM_FAM_KMALLOC || o->family == SHIM_FAM_KVMALLOC) &&
	    !physmem_contains(o->addr))
		free((void *)o->addr);
}

void shim_alloc_reset(void)
{
	/* Leaked heap objects were reported already; give them back. */
	if (shim_live[SHIM_FAM_KMALLOC] || shim_live[SHIM_FAM_KVMALLOC])
		objtrack_for_each_live(release_heap_object, NULL);
	slab_reset_all();
	objtrack_reset();
	physmem_reset();
	shim_budget_reset();
	shim_fault_reset();
	memset(shim_node_stat, 0, sizeof(shim_node_stat));
}

void shim_reset(void)
{
	shim_alloc_reset();
	shim_dma_reset();
	shim_ww_reset();
	shim_gem_reset();
	shim_input_generation++;
}
