// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmalloc/kvmalloc (host heap, so ASan adds redzones) and kmem_cache (slabs
 * carved from the shim's physical memory, objects reused LIFO like a SLUB
 * freelist). Every object is tracked in objtrack with its family and cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mm.h>
#include <linux/slab.h>
#include <shim/finding.h>
#include <shim/warn.h>

#include "internal.h"

struct kmem_cache {
	char name[64];
	unsigned int size;	/* object size as requested */
	unsigned int stride;	/* distance between objects in a slab */
	unsigned int align;
	unsigned int slab_order;
	unsigned int objs_per_slab;
	void (*ctor)(void *);
	unsigned long live;
	bool destroyed;
	/* LIFO freelist of object addresses */
	uintptr_t *free;
	size_t nfree, free_cap;
	/* slab blocks, returned to physmem on destroy */
	struct page **slabs;
	size_t nslabs, slabs_cap;
	struct kmem_cache *next_all;
};

/* Every cache not yet destroyed, so a reset can reclaim leaked ones. */
static struct kmem_cache *all_caches;
/*
 * Destroyed caches stay allocated until the next reset, so a use after
 * kmem_cache_destroy() is recognised instead of hitting reused memory.
 */
static struct kmem_cache *graveyard;

/* ---------------- kmalloc / kvmalloc ---------------- */

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
	if (size > KMALLOC_MAX_CACHE_SIZE && size <= KMALLOC_MAX_SIZE) {
		/*
		 * Large objects come from the shim's page allocator (recycled,
		 * no mmap churn); the slack after the object stays poisoned.
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

void *shim_kmalloc(size_t size, gfp_t gfp, const struct shim_site *site)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_SIZE) {
		/* Large kmalloc goes to the page allocator, which WARNs. */
		if (!(gfp & __GFP_NOWARN))
			shim_warn("WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER): kmalloc larger than KMALLOC_MAX_SIZE",
				  site);
		return NULL;
	}
	return heap_alloc(SHIM_FAM_KMALLOC, size, gfp, site);
}

void *shim_kmalloc_array(size_t n, size_t size, gfp_t gfp,
			 const struct shim_site *site)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return shim_kmalloc(bytes, gfp, site);
}

static struct shim_obj *lookup_for_free(const void *p, const char *api,
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

static void heap_free(struct shim_obj *o, const struct shim_site *site)
{
	void *p = (void *)o->addr;

	objtrack_mark_freed(o, site);
	shim_budget_uncharge(o->size);
	if (physmem_contains(o->addr)) {
		physmem_free_block(physmem_page(o->addr), o->order, false);
		return;
	}
	shim_fill(p, SHIM_POISON_FREE, o->size);
	free(p);
}

static void wrong_family(const char *api, const void *p, struct shim_obj *o,
			 const char *hint, const struct shim_site *site)
{
	char desc[256];

	shim_finding("wrong-allocator", site, "%s(%p): freeing %s%s", api, p,
		     shim_obj_describe(o, desc, sizeof(desc)), hint);
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
	o = lookup_for_free(p, api, site);
	if (!o)
		return;
	switch (o->family) {
	case SHIM_FAM_KVMALLOC:
		if (!kv) {
			wrong_family(api, p, o, " (use kvfree())", site);
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
		wrong_family(api, p, o, "", site);
		break;
	}
}

void shim_kfree(const void *p, const struct shim_site *site)
{
	heap_or_slab_free(p, "kfree", false, site);
}

void *shim_krealloc(const void *p, size_t size, gfp_t gfp,
		    const struct shim_site *site)
{
	struct shim_obj *o;
	void *n;

	if (ZERO_OR_NULL_PTR(p))
		return shim_kmalloc(size, gfp, site);
	o = lookup_for_free(p, "krealloc", site);
	if (!o)
		return NULL;
	if (!size) {
		shim_kfree(p, site);
		return ZERO_SIZE_PTR;
	}
	n = shim_kmalloc(size, gfp, site);
	if (!n)
		return NULL;
	memcpy(n, p, o->size < size ? o->size : size);
	shim_kfree(p, site);
	return n;
}

size_t shim_ksize(const void *p)
{
	struct shim_obj *o = objtrack_lookup((uintptr_t)p);

	return o && o->state == SHIM_OBJ_LIVE ? o->size : 0;
}

void *shim_kvmalloc(size_t size, gfp_t gfp, const struct shim_site *site)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > (size_t)INT_MAX) {
		/* __kvmalloc_node(): oversized requests are a WARN */
		if (!(gfp & __GFP_NOWARN))
			shim_warn("WARN_ON_ONCE(!(flags & __GFP_NOWARN)): kvmalloc size > INT_MAX",
				  site);
		return NULL;
	}
	return heap_alloc(SHIM_FAM_KVMALLOC, size, gfp, site);
}

void *shim_kvmalloc_array(size_t n, size_t size, gfp_t gfp,
			  const struct shim_site *site)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return shim_kvmalloc(bytes, gfp, site);
}

void shim_kvfree(const void *p, const struct shim_site *site)
{
	heap_or_slab_free(p, "kvfree", true, site);
}

/* ---------------- kmem_cache ---------------- */

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
	uintptr_t obj;

	if (!s->nfree && !cache_grow(s))
		return NULL;
	obj = s->free[--s->nfree];
	shim_unpoison((void *)obj, s->size);
	if (gfp & __GFP_ZERO)
		shim_fill((void *)obj, 0, s->size);
	else if (s->ctor)
		s->ctor((void *)obj);
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
	shim_fill((void *)o->addr, SHIM_POISON_FREE, s->size);
	shim_poison((void *)o->addr, s->size);
	if (s->nfree == s->free_cap) {
		s->free_cap = s->free_cap ? s->free_cap * 2 : 64;
		s->free = realloc(s->free, s->free_cap * sizeof(*s->free));
	}
	s->free[s->nfree++] = o->addr;
	s->live--;
	shim_budget_uncharge(s->size);
}

static void cache_free_checked(struct kmem_cache *s, void *p, const char *api,
			       const struct shim_site *site)
{
	struct shim_obj *o = lookup_for_free(p, api, site);

	if (!o)
		return;
	if (o->family != SHIM_FAM_SLAB) {
		wrong_family(api, p, o, "", site);
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
	/* No live objects: every byte was poisoned when freed or never used. */
	for (size_t i = 0; i < s->nslabs; i++)
		physmem_free_block(s->slabs[i], s->slab_order,
				   s->stride == s->size);
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
