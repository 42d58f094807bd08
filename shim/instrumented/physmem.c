// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shim's physical memory: one reserved arena with a struct page per
 * 4 KiB page (vmemmap), and a page allocator with per-order LIFO free lists.
 * Blocks are naturally aligned like buddy blocks. Free memory is poisoned
 * (pattern + ASan). When nothing is allocated, the allocator rewinds, so
 * every input sees the same addresses whatever ran before it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <linux/gfp.h>
#include <linux/mm.h>
#include <shim/finding.h>

#include "internal.h"

#define ARENA_BYTES (64ULL << 30)	/* address space only (MAP_NORESERVE) */
#define ARENA_PAGES (ARENA_BYTES >> PAGE_SHIFT)
#define ARENA_ALIGN (PAGE_SIZE << MAX_PAGE_ORDER)

static uintptr_t arena_base;
static struct page *vmemmap;
static unsigned long bump;		/* pages handed out from the top */
static unsigned long high_water;	/* pages ever touched */
static unsigned long blocks_in_use;

struct free_stack {
	unsigned long *idx;
	size_t n, cap;
};
static struct free_stack free_lists[NR_PAGE_ORDERS];

static void *reserve(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("vmbind shim: mmap");
		abort();
	}
	return p;
}

static void physmem_init(void)
{
	uintptr_t raw;

	if (arena_base)
		return;
	raw = (uintptr_t)reserve(ARENA_BYTES + ARENA_ALIGN);
	arena_base = (raw + ARENA_ALIGN - 1) & ~(uintptr_t)(ARENA_ALIGN - 1);
	vmemmap = reserve(ARENA_PAGES * sizeof(struct page));
	/*
	 * Pages above the bump pointer are not poisoned (that would touch
	 * gigabytes of shadow); nothing can reach them: __va() only accepts
	 * addresses below the bump pointer.
	 */
}

bool physmem_contains(uintptr_t addr)
{
	return arena_base && addr >= arena_base &&
	       addr < arena_base + (bump << PAGE_SHIFT);
}

struct page *physmem_page(uintptr_t addr)
{
	return &vmemmap[(addr - arena_base) >> PAGE_SHIFT];
}

void *physmem_page_addr(const struct page *page)
{
	return (void *)(arena_base + ((uintptr_t)(page - vmemmap) << PAGE_SHIFT));
}

static void push_free(unsigned int order, unsigned long idx)
{
	struct free_stack *fs = &free_lists[order];

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 1024;
		fs->idx = realloc(fs->idx, fs->cap * sizeof(*fs->idx));
		if (!fs->idx)
			abort();
	}
	fs->idx[fs->n++] = idx;
}

struct page *physmem_alloc_block(unsigned int order)
{
	unsigned long npages = 1UL << order, idx;
	struct free_stack *fs = &free_lists[order];
	struct page *head;
	bool fs_hit = false, clean;

	physmem_init();
	if (fs->n) {
		idx = fs->idx[--fs->n];
		fs_hit = true;
	} else {
		/* Natural alignment; the skipped pages feed the order-0 list. */
		while (bump & (npages - 1)) {
			vmemmap[bump].shim_clean = 0;
			push_free(0, bump++);
		}
		if (bump + npages > ARENA_PAGES)
			return NULL;
		idx = bump;
		bump += npages;
		if (bump > high_water)
			high_water = bump;
	}
	head = &vmemmap[idx];
	/* Only a block from a free list still holds the free pattern. */
	clean = fs_hit && head->shim_clean;
	for (unsigned long i = 0; i < npages; i++) {
		head[i] = (struct page){ .shim_state = SHIM_PAGE_TAIL };
	}
	head->shim_state = SHIM_PAGE_HEAD;
	head->shim_clean = clean;
	head->shim_order = order;
	blocks_in_use++;
	shim_unpoison(physmem_page_addr(head), npages << PAGE_SHIFT);
	return head;
}

void physmem_free_block(struct page *head, unsigned int order, bool clean)
{
	unsigned long npages = 1UL << order;
	void *addr = physmem_page_addr(head);

#ifndef SHIM_ASAN
	/*
	 * Without ASan the free pattern is what makes a use after free show.
	 * With ASan the poisoning does that, and whoever takes the block next
	 * initialises what it hands out (zero, POISON_INUSE, or POISON_FREE
	 * for a slab that is not clean), so the bytes need not be written.
	 */
	if (!clean) {
		shim_fill(addr, SHIM_POISON_FREE, npages << PAGE_SHIFT);
		clean = true;
	}
#endif
	shim_poison(addr, npages << PAGE_SHIFT);
	for (unsigned long i = 0; i < npages; i++)
		head[i].shim_state = SHIM_PAGE_FREE;
	head->shim_clean = clean;
	push_free(order, (unsigned long)(head - vmemmap));
	blocks_in_use--;
}

unsigned long physmem_blocks_in_use(void)
{
	return blocks_in_use;
}

void physmem_reset(void)
{
	if (!arena_base)
		return;
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		free_lists[o].n = 0;
	for (unsigned long i = 0; i < bump; i++)
		vmemmap[i].shim_state = SHIM_PAGE_FREE;
	/* Previously leaked blocks are forgotten; poison everything again. */
	if (blocks_in_use)
		shim_poison((void *)arena_base, bump << PAGE_SHIFT);
	blocks_in_use = 0;
	bump = 0;
}

/* ---- tracked page allocator: alloc_pages() and friends ---- */

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

/* ---- __va(): following a physical address ---- */

bool shim_phys_is_live(phys_addr_t phys, const struct shim_site *site)
{
	uintptr_t addr = (uintptr_t)phys;
	struct shim_obj *o = NULL;
	const char *why = "not an allocated address";

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
	if (o && o->state == SHIM_OBJ_LIVE && addr - o->addr < o->size)
		return true;
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
