// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tracked page allocator: alloc_pages() and friends, on the arena's
 * blocks (physmem.c), every block an object of its family in objtrack.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <shim/finding.h>
#include <shim/warn.h>

#include "internal.h"

static bool order_ok(gfp_t gfp, unsigned int order,
		     const struct shim_site *site)
{
	if (order <= MAX_PAGE_ORDER)
		return true;
	/* __alloc_pages(): WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER, gfp) */
	if (!(gfp & __GFP_NOWARN))
		shim_warn("WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER) in page allocator",
			  site);
	return false;
}

static struct page *alloc_tracked(enum shim_family fam, gfp_t gfp,
				  unsigned int order,
				  const struct shim_site *site)
{
	struct page *head;
	void *addr;
	size_t bytes;

	if (!order_ok(gfp, order, site))
		return NULL;
	bytes = PAGE_SIZE << order;
	if (!shim_alloc_admit(fam, bytes, site))
		return NULL;
	head = physmem_alloc_block(order);
	if (!head) {
		shim_budget_uncharge(bytes);
		return NULL;
	}
	head->shim_family = fam;
	addr = physmem_page_addr(head);
	shim_fill(addr, (gfp & __GFP_ZERO) ? 0 : SHIM_POISON_INUSE, bytes);
	objtrack_add((uintptr_t)addr, fam, bytes, site)->order = order;
	return head;
}

struct page *shim_alloc_pages_family(enum shim_family fam, gfp_t gfp,
				     unsigned int order,
				     const struct shim_site *site)
{
	return alloc_tracked(fam, gfp, order, site);
}

struct page *shim_alloc_pages(gfp_t gfp, unsigned int order,
			      const struct shim_site *site)
{
	return alloc_tracked(SHIM_FAM_PAGES, gfp, order, site);
}

unsigned long shim_get_free_pages(gfp_t gfp, unsigned int order,
				  const struct shim_site *site)
{
	struct page *page = alloc_tracked(SHIM_FAM_PAGES, gfp, order, site);

	return page ? (unsigned long)physmem_page_addr(page) : 0;
}

/* Checks and frees a page-allocator block that `fam` allocated. */
void shim_free_pages_family(enum shim_family fam, uintptr_t addr,
			    int order, const char *api,
			    const struct shim_site *site)
{
	struct shim_obj *o = objtrack_lookup(addr);
	char desc[256];

	if (!o) {
		shim_finding("invalid-free", site,
			     "%s(%#lx): address was never allocated", api,
			     (unsigned long)addr);
		return;
	}
	if (o->state == SHIM_OBJ_FREED) {
		shim_finding("double-free", site,
			     "%s(%#lx): %s, already freed at %s %s:%d", api,
			     (unsigned long)addr,
			     shim_obj_describe(o, desc, sizeof(desc)),
			     o->free_site->func, o->free_site->file,
			     o->free_site->line);
		return;
	}
	if (o->family != fam) {
		shim_finding("wrong-allocator", site,
			     "%s(%#lx): freeing %s", api, (unsigned long)addr,
			     shim_obj_describe(o, desc, sizeof(desc)));
		return;
	}
	if (order >= 0 && o->order != order) {
		shim_finding("wrong-allocator", site,
			     "%s(%#lx, order %d): block was allocated with order %u (%s)",
			     api, (unsigned long)addr, order, o->order,
			     shim_obj_describe(o, desc, sizeof(desc)));
		return;
	}
	objtrack_mark_freed(o, site);
	shim_budget_uncharge(o->size);
	physmem_free_block(physmem_page(addr), o->order, false);
}

void shim_free_pages_page(struct page *page, unsigned int order,
			  const struct shim_site *site)
{
	if (!page) {
		shim_finding("null-deref", site,
			     "__free_pages(NULL, %u): kernel NULL pointer dereference",
			     order);
		return;
	}
	shim_free_pages_family(SHIM_FAM_PAGES, (uintptr_t)physmem_page_addr(page),
			       order, "__free_pages", site);
}

void shim_free_pages_addr(unsigned long addr, unsigned int order,
			  const struct shim_site *site)
{
	if (!addr)
		return;
	shim_free_pages_family(SHIM_FAM_PAGES, addr, order, "free_pages", site);
}

void shim_put_page(struct page *page, const struct shim_site *site)
{
	/* Page refcounts are always 1 here: the last put frees the block. */
	shim_free_pages_family(SHIM_FAM_PAGES, (uintptr_t)physmem_page_addr(page),
			       -1, "put_page", site);
}

void *shim_page_address(const struct page *page)
{
	return page ? physmem_page_addr(page) : NULL;
}

struct page *shim_virt_to_page(const void *addr, const struct shim_site *site)
{
	physmem_init();
	if (!physmem_contains((uintptr_t)addr)) {
		shim_finding("bad-virt-to-page", site,
			     "virt_to_page(%p): not a page-allocator address", addr);
		return NULL;
	}
	return physmem_page((uintptr_t)addr);
}
