// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmalloc/kvmalloc: the host heap (so ASan adds redzones), large objects
 * from the arena's blocks as SLUB does; kfree() also takes kmem_cache
 * objects (slab.c). Every object is tracked in objtrack with its family.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/mm.h>
#include <linux/slab.h>
#include <shim/finding.h>
#include <shim/warn.h>

#include "internal.h"

/* Above this, kmalloc() is served by the page allocator, as in SLUB. */
#define KMALLOC_MAX_CACHE_SIZE (2 * PAGE_SIZE)

static void *heap_alloc(enum shim_family fam, size_t size, gfp_t gfp,
			const struct shim_site *site)
{
	size_t align = 16;
	struct shim_obj *o;
	void *p;

	if (!shim_alloc_admit(fam, size, site))
		return NULL;
	if (size > KMALLOC_MAX_CACHE_SIZE &&
	    (size <= KMALLOC_MAX_SIZE || fam == SHIM_FAM_KVMALLOC)) {
		/*
		 * Large objects come from the shim's page allocator, and
		 * kvmalloc()'s vmalloc-sized ones from the arena above its
		 * orders (recycled, no mmap churn); the slack after the
		 * object stays poisoned.
		 */
		unsigned int order = get_order(size);
		struct page *head = physmem_alloc_block(order);

		if (!head) {
			shim_budget_uncharge(size);
			return NULL;
		}
		p = physmem_page_addr(head);
		shim_poison((char *)p + size, (PAGE_SIZE << order) - size);
		shim_fill(p, (gfp & __GFP_ZERO) ? 0 : SHIM_POISON_INUSE, size);
		o = objtrack_add((uintptr_t)p, fam, size, site);
		o->order = order;
		return p;
	}
	/* kmalloc() guarantees natural alignment for power-of-two sizes. */
	if ((size & (size - 1)) == 0 && size > align)
		align = size < PAGE_SIZE ? size : PAGE_SIZE;
	if (posix_memalign(&p, align, size)) {
		shim_budget_uncharge(size);
		return NULL;
	}
	shim_fill(p, (gfp & __GFP_ZERO) ? 0 : SHIM_POISON_INUSE, size);
	objtrack_add((uintptr_t)p, fam, size, site);
	return p;
}

/*
 * kmalloc() and kvmalloc(): 0 bytes give ZERO_SIZE_PTR; above max the
 * kernel WARNs (unless __GFP_NOWARN) and fails.
 */
static void *sized_alloc(enum shim_family fam, size_t size, size_t max,
			 const char *warning, gfp_t gfp,
			 const struct shim_site *site)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > max) {
		if (!(gfp & __GFP_NOWARN))
			shim_warn(warning, site);
		return NULL;
	}
	return heap_alloc(fam, size, gfp, site);
}

void *shim_kmalloc(size_t size, gfp_t gfp, const struct shim_site *site)
{
	/* Large kmalloc goes to the page allocator, which WARNs. */
	return sized_alloc(SHIM_FAM_KMALLOC, size, KMALLOC_MAX_SIZE,
			   "WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER): kmalloc larger than KMALLOC_MAX_SIZE",
			   gfp, site);
}

void *shim_kvmalloc(size_t size, gfp_t gfp, const struct shim_site *site)
{
	/* __kvmalloc_node(): oversized requests are a WARN */
	return sized_alloc(SHIM_FAM_KVMALLOC, size, (size_t)INT_MAX,
			   "WARN_ON_ONCE(!(flags & __GFP_NOWARN)): kvmalloc size > INT_MAX",
			   gfp, site);
}

/* n * size bytes through alloc, NULL when that overflows. */
static void *array_alloc(void *(*alloc)(size_t, gfp_t, const struct shim_site *),
			 size_t n, size_t size, gfp_t gfp,
			 const struct shim_site *site)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return alloc(bytes, gfp, site);
}

void *shim_kmalloc_array(size_t n, size_t size, gfp_t gfp,
			 const struct shim_site *site)
{
	return array_alloc(shim_kmalloc, n, size, gfp, site);
}

void *shim_kvmalloc_array(size_t n, size_t size, gfp_t gfp,
			  const struct shim_site *site)
{
	return array_alloc(shim_kvmalloc, n, size, gfp, site);
}

static void heap_free(struct shim_obj *o, const struct shim_site *site)
{
	void *p = (void *)o->addr;

	objtrack_mark_freed(o, site);
	shim_budget_uncharge(o->size);
	if (physmem_contains(o->addr)) {
		physmem_free_block(physmem_page(o->addr), o->order, false);
		return;
	}
#ifndef SHIM_ASAN
	/* With ASan, free() poisons and quarantines the memory itself. */
	shim_fill(p, SHIM_POISON_FREE, o->size);
#endif
	free(p);
}

/*
 * kfree() and kvfree(): both take kmalloc and (since Linux 6.4) kmem_cache
 * objects; only kvfree() takes kvmalloc memory.
 */
static void heap_or_slab_free(const void *p, const char *api, bool kv,
			      const struct shim_site *site)
{
	struct shim_obj *o;

	if (ZERO_OR_NULL_PTR(p))
		return;
	o = shim_obj_for_free(p, api, site);
	if (!o)
		return;
	switch (o->family) {
	case SHIM_FAM_KVMALLOC:
		if (!kv) {
			shim_wrong_allocator(api, p, o, " (use kvfree())", site);
			break;
		}
		/* fall through */
	case SHIM_FAM_KMALLOC:
		heap_free(o, site);
		break;
	case SHIM_FAM_SLAB:
		slab_free_object(o->cache, o);
		objtrack_mark_freed(o, site);
		break;
	default:
		shim_wrong_allocator(api, p, o, "", site);
		break;
	}
}

void shim_kfree(const void *p, const struct shim_site *site)
{
	heap_or_slab_free(p, "kfree", false, site);
}

/* krealloc() and kvrealloc(): a new object, the old one's bytes, a free. */
static void *realloc_with(void *(*alloc)(size_t, gfp_t, const struct shim_site *),
			  void (*release)(const void *, const struct shim_site *),
			  const char *what, const void *p, size_t size, gfp_t gfp,
			  const struct shim_site *site)
{
	struct shim_obj *o;
	size_t old_size;
	void *n;

	if (ZERO_OR_NULL_PTR(p))
		return alloc(size, gfp, site);
	o = shim_obj_for_free(p, what, site);
	if (!o)
		return NULL;
	if (!size) {
		release(p, site);
		return ZERO_SIZE_PTR;
	}
	/* The allocation may grow the object table: o is not valid after it. */
	old_size = o->size;
	n = alloc(size, gfp, site);
	if (!n)
		return NULL;
	memcpy(n, p, old_size < size ? old_size : size);
	release(p, site);
	return n;
}

void *shim_krealloc(const void *p, size_t size, gfp_t gfp,
		    const struct shim_site *site)
{
	return realloc_with(shim_kmalloc, shim_kfree, "krealloc", p, size, gfp, site);
}

/* kvrealloc(p, size, gfp) of Linux >= 6.12: kvmalloc memory (or kmalloc). */
void *shim_kvrealloc(const void *p, size_t size, gfp_t gfp,
		     const struct shim_site *site)
{
	return realloc_with(shim_kvmalloc, shim_kvfree, "kvrealloc", p, size, gfp, site);
}

size_t shim_ksize(const void *p)
{
	struct shim_obj *o = objtrack_lookup((uintptr_t)p);

	return o && o->state == SHIM_OBJ_LIVE ? o->size : 0;
}

void shim_kvfree(const void *p, const struct shim_site *site)
{
	heap_or_slab_free(p, "kvfree", true, site);
}
