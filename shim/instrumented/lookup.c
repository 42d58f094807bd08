// SPDX-License-Identifier: GPL-2.0-only
/*
 * __va() of a page-table entry: the address must be inside a live object
 * of any allocator (page blocks, slab objects, heap objects), else a
 * bad-pte-deref finding. Above pages.c and slab.c: it reads both.
 */
#include <linux/mm.h>
#include <shim/finding.h>

#include "internal.h"

/*
 * Live objects found by recent lookups, by page: a walk dereferences the
 * same few tables for page after page, and nothing stops being live until
 * shim_free_epoch moves, which forgets them all.
 */
#define LIVE_CACHE_SLOTS 64
static struct {
	uintptr_t start, size;
	unsigned long epoch;
} live_cache[LIVE_CACHE_SLOTS];

static unsigned int live_slot(uintptr_t addr)
{
	return (addr >> PAGE_SHIFT) & (LIVE_CACHE_SLOTS - 1);
}

bool shim_phys_is_live(phys_addr_t phys, const struct shim_site *site)
{
	uintptr_t addr = (uintptr_t)phys;
	unsigned int slot = live_slot(addr);
	struct shim_obj *o = NULL;
	const char *why = "not an allocated address";

	if (live_cache[slot].epoch == shim_free_epoch &&
	    addr - live_cache[slot].start < live_cache[slot].size)
		return true;
	physmem_init();
	if (physmem_contains(addr)) {
		struct page *page = physmem_page(addr);

		switch (page->shim_state) {
		case SHIM_PAGE_HEAD:
		case SHIM_PAGE_TAIL:
			while (page->shim_state == SHIM_PAGE_TAIL)
				page--;
			o = objtrack_lookup((uintptr_t)physmem_page_addr(page));
			break;
		case SHIM_PAGE_SLAB:
			o = objtrack_lookup(slab_object_start(page->shim_cache,
							      page, addr));
			break;
		default:
			why = "page is free";
			break;
		}
	} else {
		o = objtrack_lookup(addr);
	}
	if (o && o->state == SHIM_OBJ_LIVE && addr - o->addr < o->size) {
		live_cache[slot].start = o->addr;
		live_cache[slot].size = o->size;
		live_cache[slot].epoch = shim_free_epoch;
		return true;
	}
	if (o && o->state == SHIM_OBJ_FREED)
		why = "object was freed";
	shim_finding("bad-pte-deref", site,
		     "__va(%#llx): page-table entry points to memory that is not a live allocation (%s)",
		     (unsigned long long)phys, why);
	return false;
}

void *shim_va(phys_addr_t phys, const struct shim_site *site)
{
	shim_phys_is_live(phys, site);
	return (void *)(uintptr_t)phys;
}
