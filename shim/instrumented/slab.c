// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmem_cache: slabs carved from the shim's physical memory, objects reused
 * LIFO like a SLUB freelist. Every object is tracked in objtrack with its
 * cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mm.h>
#include <linux/slab.h>
#include <shim/finding.h>
#include <shim/warn.h>

#include "internal.h"


/* Every cache not yet destroyed, so a reset can reclaim leaked ones. */
static struct kmem_cache *all_caches;
/*
 * Destroyed caches stay allocated until the next reset, so a use after
 * kmem_cache_destroy() is recognised instead of hitting reused memory.
 */
static struct kmem_cache *graveyard;

const char *shim_kmem_cache_name(const struct kmem_cache *s)
{
	return s ? s->name : "(null)";
}

unsigned int shim_kmem_cache_size(const struct kmem_cache *s)
{
	return s->size;
}

unsigned long shim_kmem_cache_live(const struct kmem_cache *s)
{
	return s->live;
}

struct kmem_cache *shim_kmem_cache_create(const char *name, unsigned int size,
					  unsigned int align,
					  slab_flags_t flags,
					  void (*ctor)(void *),
					  const struct shim_site *site)
{
	struct kmem_cache *s;
	unsigned int a = align ? align : 8;

	if (flags & SLAB_HWCACHE_ALIGN && a < 64)
		a = 64;
	if (!size || size > KMALLOC_MAX_SIZE || (a & (a - 1))) {
		shim_warn("kmem_cache_create(): invalid size or alignment", site);
		return NULL;
	}
	/* calculate_alignment(): at least a word (freelist entries use bit 0) */
	if (a < sizeof(void *))
		a = sizeof(void *);
	if (shim_fault_should_fail(SHIM_FAM_CACHE, site))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->size = size;
	s->align = a;
	s->stride = (size + a - 1) & ~(a - 1);
	s->slab_order = s->stride > PAGE_SIZE ? get_order(s->stride) : 0;
	s->objs_per_slab = (PAGE_SIZE << s->slab_order) / s->stride;
	s->ctor = ctor;
	s->next_all = all_caches;
	all_caches = s;
	objtrack_add((uintptr_t)s, SHIM_FAM_CACHE, sizeof(*s), site);
	return s;
}

/* A freelist entry whose object was freed without the pattern (ASan) */
#define FREE_DIRTY ((uintptr_t)1)

static bool cache_grow(struct kmem_cache *s)
{
	struct page *head = physmem_alloc_block(s->slab_order);
	uintptr_t base;

	if (!head)
		return false;
	for (unsigned long i = 0; i < (1UL << s->slab_order); i++) {
		head[i].shim_state = SHIM_PAGE_SLAB;
		head[i].shim_cache = s;
	}
	if (s->nslabs == s->slabs_cap) {
		s->slabs_cap = s->slabs_cap ? s->slabs_cap * 2 : 64;
		s->slabs = realloc(s->slabs, s->slabs_cap * sizeof(*s->slabs));
	}
	s->slabs[s->nslabs++] = head;
	base = (uintptr_t)physmem_page_addr(head);
	/* Objects are free memory until allocated. */
	if (!head->shim_clean) {
		shim_unpoison((void *)base, PAGE_SIZE << s->slab_order);
		shim_fill((void *)base, SHIM_POISON_FREE, PAGE_SIZE << s->slab_order);
	}
	shim_poison((void *)base, PAGE_SIZE << s->slab_order);
	if (s->nfree + s->objs_per_slab > s->free_cap) {
		s->free_cap = (s->nfree + s->objs_per_slab) * 2;
		s->free = realloc(s->free, s->free_cap * sizeof(*s->free));
	}
	/* Pushed in reverse so the lowest address is handed out first. */
	for (unsigned int i = s->objs_per_slab; i-- > 0;)
		s->free[s->nfree++] = base + (uintptr_t)i * s->stride;
	return true;
}

uintptr_t slab_object_start(struct kmem_cache *s, struct page *page,
			    uintptr_t addr)
{
	struct page *head = page;
	uintptr_t base;

	(void)s;
	/* Slab blocks are naturally aligned to their order. */
	base = (uintptr_t)physmem_page_addr(head);
	base &= ~(uintptr_t)((PAGE_SIZE << page->shim_cache->slab_order) - 1);
	return base + (addr - base) / page->shim_cache->stride *
			      page->shim_cache->stride;
}

static void *cache_alloc_one(struct kmem_cache *s, gfp_t gfp,
			     const struct shim_site *site)
{
	uintptr_t obj, dirty;

	if (!s->nfree && !cache_grow(s))
		return NULL;
	obj = s->free[--s->nfree];
	dirty = obj & FREE_DIRTY;
	obj &= ~FREE_DIRTY;
	shim_unpoison((void *)obj, s->size);
	if (gfp & __GFP_ZERO)
		shim_fill((void *)obj, 0, s->size);
	else if (s->ctor)
		s->ctor((void *)obj);
	else if (dirty)
		shim_fill((void *)obj, SHIM_POISON_FREE, s->size);
	/* else: stale content (poison) stays, as uninitialised slab memory */
	objtrack_add(obj, SHIM_FAM_SLAB, s->size, site)->cache = s;
	s->live++;
	return (void *)obj;
}

static bool cache_usable(struct kmem_cache *s, const char *api,
			 const struct shim_site *site)
{
	struct shim_obj *o;

	if (!s) {
		shim_finding("null-deref", site,
			     "%s(NULL cache): kernel NULL pointer dereference", api);
		return false;
	}
	o = objtrack_lookup((uintptr_t)s);
	if (!o || o->state != SHIM_OBJ_LIVE || o->family != SHIM_FAM_CACHE) {
		shim_finding("use-after-free", site,
			     "%s(%p): cache was destroyed or never created", api,
			     (void *)s);
		return false;
	}
	return true;
}

void *shim_kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp,
			    const struct shim_site *site)
{
	if (!cache_usable(s, "kmem_cache_alloc", site))
		return NULL;
	if (!shim_alloc_admit(SHIM_FAM_SLAB, s->size, site))
		return NULL;
	void *obj = cache_alloc_one(s, gfp, site);

	if (!obj)
		shim_budget_uncharge(s->size);
	return obj;
}

/* Returns the object to its cache's freelist; the caller marks it freed. */
void slab_free_object(struct kmem_cache *s, struct shim_obj *o)
{
	uintptr_t entry = o->addr;

#ifdef SHIM_ASAN
	/*
	 * ASan's poisoning makes a use after free show; the free pattern is
	 * written when the object is handed out again without being
	 * initialised (cache_alloc_one()), most are zeroed instead.
	 */
	entry |= FREE_DIRTY;
#else
	/* Without ASan the pattern is what makes a use after free show. */
	shim_fill((void *)o->addr, SHIM_POISON_FREE, s->size);
#endif
	shim_poison((void *)o->addr, s->size);
	if (s->nfree == s->free_cap) {
		s->free_cap = s->free_cap ? s->free_cap * 2 : 64;
		s->free = realloc(s->free, s->free_cap * sizeof(*s->free));
	}
	s->free[s->nfree++] = entry;
	s->live--;
	shim_budget_uncharge(s->size);
}

static void cache_free_checked(struct kmem_cache *s, void *p, const char *api,
			       const struct shim_site *site)
{
	struct shim_obj *o = shim_obj_for_free(p, api, site);

	if (!o)
		return;
	if (o->family != SHIM_FAM_SLAB) {
		shim_wrong_allocator(api, p, o, "", site);
		return;
	}
	if (s && o->cache != s) {
		char desc[256];

		shim_finding("wrong-allocator", site,
			     "%s(%s, %p): object belongs to cache %s (%s)", api,
			     s->name, p, o->cache->name,
			     shim_obj_describe(o, desc, sizeof(desc)));
		return;
	}
	slab_free_object(o->cache, o);
	objtrack_mark_freed(o, site);
}

void shim_kmem_cache_free(struct kmem_cache *s, void *p,
			  const struct shim_site *site)
{
	if (!cache_usable(s, "kmem_cache_free", site))
		return;
	if (!p) {
		/* slab_free(virt_to_slab(NULL)): not NULL-safe, unlike kfree() */
		shim_finding("null-deref", site,
			     "kmem_cache_free(%s, NULL): kernel NULL pointer dereference",
			     s->name);
		return;
	}
	cache_free_checked(s, p, "kmem_cache_free", site);
}

int shim_kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t gfp, size_t nr,
			       void **p, const struct shim_site *site)
{
	size_t i;

	if (!cache_usable(s, "kmem_cache_alloc_bulk", site))
		return 0;
	if (!nr)
		return 0;
	/* One failslab check for the whole call, as slab_pre_alloc_hook(). */
	if (shim_fault_should_fail(SHIM_FAM_SLAB, site))
		return 0;
	if (nr > SIZE_MAX / s->size || !shim_budget_charge(nr * s->size))
		return 0;
	for (i = 0; i < nr; i++) {
		p[i] = cache_alloc_one(s, gfp, site);
		if (!p[i])
			break;
	}
	if (i == nr)
		return (int)nr;
	/* All or nothing: give back what was taken, report 0. */
	while (i-- > 0) {
		struct shim_obj *o = objtrack_lookup((uintptr_t)p[i]);

		slab_free_object(s, o);
		objtrack_mark_freed(o, site);
		shim_budget_charge(s->size);
	}
	shim_budget_uncharge(nr * s->size);
	return 0;
}

void shim_kmem_cache_free_bulk(struct kmem_cache *s, size_t nr, void **p,
			       const struct shim_site *site)
{
	if (!nr)
		return;
	if (!p) {
		shim_finding("null-deref", site,
			     "kmem_cache_free_bulk(%s, %zu, NULL): kernel NULL pointer dereference reading the object array",
			     shim_kmem_cache_name(s), nr);
		return;
	}
	if (s && !cache_usable(s, "kmem_cache_free_bulk", site))
		return;
	/* build_detached_freelist() walks from the end and skips NULLs. */
	while (nr-- > 0) {
		if (!p[nr])
			continue;
		cache_free_checked(s, p[nr], "kmem_cache_free_bulk", site);
	}
}

static void release_cache_memory(struct kmem_cache *s)
{
	bool clean = s->stride == s->size;

	/* No live objects: every byte holds the free pattern unless dirty. */
	for (size_t i = 0; i < s->nfree && clean; i++)
		clean = !(s->free[i] & FREE_DIRTY);
	for (size_t i = 0; i < s->nslabs; i++)
		physmem_free_block(s->slabs[i], s->slab_order, clean);
	free(s->slabs);
	free(s->free);
	s->slabs = NULL;
	s->free = NULL;
	s->nslabs = s->nfree = 0;
}

static void unlink_cache(struct kmem_cache *s)
{
	for (struct kmem_cache **pp = &all_caches; *pp; pp = &(*pp)->next_all) {
		if (*pp == s) {
			*pp = s->next_all;
			return;
		}
	}
}

void shim_kmem_cache_destroy(struct kmem_cache *s,
			     const struct shim_site *site)
{
	struct shim_obj *o;

	if (!s)
		return;
	o = objtrack_lookup((uintptr_t)s);
	if (!o || o->family != SHIM_FAM_CACHE) {
		shim_finding("invalid-free", site,
			     "kmem_cache_destroy(%p): not a cache", (void *)s);
		return;
	}
	if (o->state == SHIM_OBJ_FREED) {
		shim_finding("double-free", site,
			     "kmem_cache_destroy(%p): cache already destroyed at %s %s:%d",
			     (void *)s, o->free_site->func, o->free_site->file,
			     o->free_site->line);
		return;
	}
	if (s->live) {
		/* kmem_cache_destroy(): "Slab cache still has objects" WARN */
		shim_finding("cache-destroy-live", site,
			     "kmem_cache_destroy(%s): slab cache still has %lu live object(s)",
			     s->name, s->live);
		return;
	}
	objtrack_mark_freed(o, site);
	release_cache_memory(s);
	unlink_cache(s);
	s->destroyed = true;
	s->next_all = graveyard;
	graveyard = s;
}

void slab_reset_all(void)
{
	while (graveyard) {
		struct kmem_cache *s = graveyard;

		graveyard = s->next_all;
		free(s);
	}
	while (all_caches) {
		struct kmem_cache *s = all_caches;

		all_caches = s->next_all;
		s->nslabs = 0;	/* physmem_reset() reclaims the blocks */
		free(s->slabs);
		free(s->free);
		free(s);
	}
}
