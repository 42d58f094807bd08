// SPDX-License-Identifier: GPL-2.0-only
/* Accounting shared by all families: budget, fault injection, leak report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/slab.h>
#include <linux/vmstat.h>
#include <shim/dma.h>
#include <shim/finding.h>
#include <shim/warn.h>

#include "internal.h"

unsigned long shim_live[SHIM_FAM_NR];
long shim_node_stat[NR_VM_NODE_STAT_ITEMS];
pg_data_t shim_pgdat;

static size_t budget = SHIM_MEM_DEFAULT_BUDGET;
static size_t in_use;

static unsigned long fault_nth;
static unsigned int fault_mask;
static unsigned long calls_all;
static unsigned long calls_masked;
static unsigned long injected;
static const struct shim_site *last_fault_site;
static enum shim_family last_fault_family;

static const char *const family_names[SHIM_FAM_NR] = {
	[SHIM_FAM_KMALLOC] = "kmalloc",
	[SHIM_FAM_KVMALLOC] = "kvmalloc",
	[SHIM_FAM_SLAB] = "kmem_cache",
	[SHIM_FAM_PAGES] = "pages",
	[SHIM_FAM_IOMMU_PAGES] = "iommu_pages",
	[SHIM_FAM_CACHE] = "kmem_cache_create",
};

const char *shim_family_name(enum shim_family fam)
{
	return fam < SHIM_FAM_NR ? family_names[fam] : "?";
}

unsigned long shim_alloc_live(enum shim_family fam)
{
	return shim_live[fam];
}

size_t shim_mem_in_use(void)
{
	return in_use;
}

void shim_mem_set_budget(size_t bytes)
{
	budget = bytes;
}

size_t shim_mem_get_budget(void)
{
	return budget;
}

bool shim_budget_charge(size_t bytes)
{
	if (bytes > budget || in_use > budget - bytes)
		return false;
	in_use += bytes;
	return true;
}

void shim_budget_uncharge(size_t bytes)
{
	in_use -= bytes < in_use ? bytes : in_use;
}

void shim_budget_reset(void)
{
	in_use = 0;
}

void shim_fault_fail_nth(unsigned long n, unsigned int fam_mask)
{
	fault_nth = n;
	fault_mask = fam_mask ? fam_mask : SHIM_FAM_ALL;
	calls_masked = 0;
}

unsigned long shim_fault_calls(void)
{
	return calls_all;
}

unsigned long shim_fault_calls_masked(void)
{
	return calls_masked;
}

unsigned long shim_fault_injected(void)
{
	return injected;
}

const struct shim_site *shim_fault_last_site(void)
{
	return last_fault_site;
}

enum shim_family shim_fault_last_family(void)
{
	return last_fault_family;
}

void shim_fault_reset(void)
{
	fault_nth = 0;
	fault_mask = 0;
	calls_all = calls_masked = injected = 0;
	last_fault_site = NULL;
}

bool shim_fault_should_fail(enum shim_family fam, const struct shim_site *site)
{
	calls_all++;
	if (!fault_nth || !(fault_mask & SHIM_FAM_MASK(fam)))
		return false;
	if (++calls_masked != fault_nth)
		return false;
	injected++;
	last_fault_site = site;
	last_fault_family = fam;
	return true;
}

bool shim_alloc_admit(enum shim_family fam, size_t bytes,
		      const struct shim_site *site)
{
	if (shim_fault_should_fail(fam, site))
		return false;
	return shim_budget_charge(bytes);
}

const char *shim_obj_describe(const struct shim_obj *o, char *buf, size_t len)
{
	const struct shim_site *s = o->alloc_site;

	if (o->family == SHIM_FAM_SLAB && o->cache)
		snprintf(buf, len, "%s object (cache %s, %zu bytes) allocated at %s %s:%d",
			 family_names[o->family], shim_kmem_cache_name(o->cache),
			 o->size, s ? s->func : "?", s ? s->file : "?",
			 s ? s->line : 0);
	else
		snprintf(buf, len, "%s object (%zu bytes) allocated at %s %s:%d",
			 family_names[o->family], o->size, s ? s->func : "?",
			 s ? s->file : "?", s ? s->line : 0);
	return buf;
}

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
				 shim_kmem_cache_name(g->cache));
		else
			snprintf(what, sizeof(what), "%s", family_names[g->fam]);
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
	shim_input_generation++;
}
