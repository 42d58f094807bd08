/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared between the shim's instrumented allocators; not for kernel code. */
#ifndef _SHIM_INSTRUMENTED_INTERNAL_H
#define _SHIM_INSTRUMENTED_INTERNAL_H

#include <linux/mm_types.h>
#include <linux/types.h>
#include <shim/alloc.h>
#include <shim/site.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHIM_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SHIM_ASAN 1
#endif

#ifdef SHIM_ASAN
#include <sanitizer/asan_interface.h>
#define shim_poison(addr, size) ASAN_POISON_MEMORY_REGION(addr, size)
#define shim_unpoison(addr, size) ASAN_UNPOISON_MEMORY_REGION(addr, size)
#else
#define shim_poison(addr, size) ((void)(addr), (void)(size))
#define shim_unpoison(addr, size) ((void)(addr), (void)(size))
#endif

/* Forget the ww_mutex contention injection and the fence count (dma_resv.c). */
void shim_ww_reset(void);
/* Forget every registered GEM object (drm_gem.c). */
void shim_gem_reset(void);

/* memset() for the shim's own pattern fills (fill.c: no interceptor). */
void shim_fill(void *p, int c, size_t n);

/* SLUB's debug patterns: freed and never-initialised memory. */
#define SHIM_POISON_FREE 0x6b
#define SHIM_POISON_INUSE 0x5a

/* ---- object tracker (objtrack.c) ---- */
enum shim_obj_state {
	SHIM_OBJ_LIVE = 1,
	SHIM_OBJ_FREED = 2,
};

struct shim_obj {
	uintptr_t addr;
	unsigned long gen;
	size_t size;
	const struct shim_site *alloc_site;
	const struct shim_site *free_site;
	struct kmem_cache *cache;
	u8 family;
	u8 state;
	u8 order;
};

struct shim_obj *objtrack_lookup(uintptr_t addr);
/* Returns the record for addr (new, or a FREED one being reused) as LIVE. */
struct shim_obj *objtrack_add(uintptr_t addr, enum shim_family fam,
			      size_t size, const struct shim_site *site);
void objtrack_mark_freed(struct shim_obj *o, const struct shim_site *site);
void objtrack_for_each_live(void (*fn)(struct shim_obj *o, void *arg),
			    void *arg);
void objtrack_reset(void);
/*
 * Bumped whenever memory stops being live (an object freed, a page block
 * released, the end of an input): what was found live in the same epoch
 * still is (lookup.c caches it).
 */
extern unsigned long shim_free_epoch;

/*
 * Layers, each using only those above it in this file: the object tracker
 * (objtrack.c) and the arena (physmem.c); the allocator core
 * (alloc_core.c); the allocators (pages.c, slab.c, then kmalloc.c, whose
 * kfree() takes slab objects); lookup.c, then report.c (leaks, reset).
 */

/* ---- allocator core (alloc_core.c) ---- */
extern unsigned long shim_live[SHIM_FAM_NR];
/* Fault injection check + budget charge; false means "fail this one". */
bool shim_alloc_admit(enum shim_family fam, size_t bytes,
		      const struct shim_site *site);
bool shim_fault_should_fail(enum shim_family fam, const struct shim_site *site);
bool shim_budget_charge(size_t bytes);
void shim_budget_uncharge(size_t bytes);
void shim_fault_reset(void);
void shim_budget_reset(void);
const char *shim_obj_describe(const struct shim_obj *o, char *buf, size_t len);
/* The record of p for a free through api, or NULL after an invalid-free or
 * double-free finding. */
struct shim_obj *shim_obj_for_free(const void *p, const char *api,
				   const struct shim_site *site);
void shim_wrong_allocator(const char *api, const void *p, struct shim_obj *o,
			  const char *hint, const struct shim_site *site);

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

/* ---- physical memory arena (physmem.c) ---- */
enum shim_page_state {
	SHIM_PAGE_FREE = 0,
	SHIM_PAGE_HEAD,		/* first page of a page-allocator block */
	SHIM_PAGE_TAIL,		/* other pages of that block */
	SHIM_PAGE_SLAB,		/* owned by a kmem_cache */
};

/* Maps the arena on first use (the other calls assume it is). */
void physmem_init(void);
bool physmem_contains(uintptr_t addr);
struct page *physmem_page(uintptr_t addr);
void *physmem_page_addr(const struct page *page);
/*
 * Block orders the arena serves: the page allocator's (< NR_PAGE_ORDERS)
 * and, above them, kvmalloc()'s vmalloc-sized areas up to 2 GiB (INT_MAX
 * is kvmalloc's limit), recycled like the others instead of mmap()ed and
 * faulted in anew by the host heap for every call.
 */
#define PHYSMEM_ORDERS 20
/* Untracked block allocation for the page allocator and slab layers. */
/* head->shim_clean tells whether the block still holds POISON_FREE bytes. */
struct page *physmem_alloc_block(unsigned int order);
/* clean: the caller guarantees the block is all POISON_FREE already. */
void physmem_free_block(struct page *head, unsigned int order, bool clean);
/* Only when nothing is allocated: makes the next input see the same addresses. */
void physmem_reset(void);

/* ---- page allocator (pages.c) ---- */
/* Tracked page-allocator blocks for a given family (alloc_pages, iommu). */
struct page *shim_alloc_pages_family(enum shim_family fam, gfp_t gfp,
				     unsigned int order,
				     const struct shim_site *site);
/* order < 0: accept the recorded order. */
void shim_free_pages_family(enum shim_family fam, uintptr_t addr, int order,
			    const char *api, const struct shim_site *site);

/* ---- slab (slab.c) ---- */
void slab_free_object(struct kmem_cache *s, struct shim_obj *o);
uintptr_t slab_object_start(struct kmem_cache *s, struct page *page,
			    uintptr_t addr);
void slab_reset_all(void);

#endif
