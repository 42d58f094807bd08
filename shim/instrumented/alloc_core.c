// SPDX-License-Identifier: GPL-2.0-only
/*
 * The allocator core, above the arena (physmem.c) and below the allocators
 * (pages.c, kmalloc.c, slab.c): accounting shared by all families, budget,
 * fault injection, and the checks of every free.
 */
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
			 family_names[o->family], o->cache->name,
			 o->size, s ? s->func : "?", s ? s->file : "?",
			 s ? s->line : 0);
	else
		snprintf(buf, len, "%s object (%zu bytes) allocated at %s %s:%d",
			 family_names[o->family], o->size, s ? s->func : "?",
			 s ? s->file : "?", s ? s->line : 0);
	return buf;
}

/* ---- checks of every free ---- */

struct shim_obj *shim_obj_for_free(const void *p, const char *api,
					const struct shim_site *site)
{
	struct shim_obj *o = objtrack_lookup((uintptr_t)p);
	char desc[256];

	if (!o) {
		shim_finding("invalid-free", site,
			     "%s(%p): address was never allocated (or is inside an object)",
			     api, p);
		return NULL;
	}
	if (o->state == SHIM_OBJ_FREED) {
		shim_finding("double-free", site,
			     "%s(%p): %s, already freed at %s %s:%d", api, p,
			     shim_obj_describe(o, desc, sizeof(desc)),
			     o->free_site->func, o->free_site->file,
			     o->free_site->line);
		return NULL;
	}
	return o;
}

void shim_wrong_allocator(const char *api, const void *p, struct shim_obj *o,
			 const char *hint, const struct shim_site *site)
{
	char desc[256];

	shim_finding("wrong-allocator", site, "%s(%p): freeing %s%s", api, p,
		     shim_obj_describe(o, desc, sizeof(desc)), hint);
}
