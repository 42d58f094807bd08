/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (instrumented): kmalloc, kvmalloc and kmem_cache families. Kernel
 * semantics kept on purpose: kmalloc(0) returns ZERO_SIZE_PTR, oversized
 * kmalloc WARNs (order > MAX_PAGE_ORDER) unless __GFP_NOWARN, kvmalloc over
 * INT_MAX WARNs, kmem_cache_alloc_bulk is all-or-nothing, kfree() accepts
 * kmem_cache objects (Linux >= 6.4), kvfree() accepts kmalloc memory.
 */
#ifndef _SHIM_LINUX_SLAB_H
#define _SHIM_LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/types.h>
#include <shim/site.h>

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
#define KMALLOC_MAX_SIZE (1UL << (MAX_PAGE_ORDER + PAGE_SHIFT))
#define KMALLOC_MIN_SIZE 8

typedef unsigned int slab_flags_t;
#define SLAB_HWCACHE_ALIGN 0x00002000u
#define SLAB_PANIC 0x00040000u
#define SLAB_ACCOUNT 0x04000000u
#define SLAB_NO_MERGE 0x01000000u
#define SLAB_RECLAIM_ACCOUNT 0x00020000u

struct kmem_cache;

struct kmem_cache_args {
	unsigned int align;
	unsigned int useroffset;
	unsigned int usersize;
	unsigned int freeptr_offset;
	bool use_freeptr_offset;
	void (*ctor)(void *);
};

void *shim_kmalloc(size_t size, gfp_t gfp, const struct shim_site *site);
void *shim_kmalloc_array(size_t n, size_t size, gfp_t gfp,
			 const struct shim_site *site);
void *shim_krealloc(const void *p, size_t size, gfp_t gfp,
		    const struct shim_site *site);
void shim_kfree(const void *p, const struct shim_site *site);
void *shim_kvmalloc(size_t size, gfp_t gfp, const struct shim_site *site);
void *shim_kvmalloc_array(size_t n, size_t size, gfp_t gfp,
			  const struct shim_site *site);
void shim_kvfree(const void *p, const struct shim_site *site);
void *shim_kvrealloc(const void *p, size_t size, gfp_t gfp,
		     const struct shim_site *site);
size_t shim_ksize(const void *p);

struct kmem_cache *shim_kmem_cache_create(const char *name, unsigned int size,
					  unsigned int align,
					  slab_flags_t flags,
					  void (*ctor)(void *),
					  const struct shim_site *site);
void shim_kmem_cache_destroy(struct kmem_cache *s,
			     const struct shim_site *site);
void *shim_kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp,
			    const struct shim_site *site);
void shim_kmem_cache_free(struct kmem_cache *s, void *p,
			  const struct shim_site *site);
int shim_kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t gfp, size_t nr,
			       void **p, const struct shim_site *site);
void shim_kmem_cache_free_bulk(struct kmem_cache *s, size_t nr, void **p,
			       const struct shim_site *site);
const char *shim_kmem_cache_name(const struct kmem_cache *s);
unsigned int shim_kmem_cache_size(const struct kmem_cache *s);
unsigned long shim_kmem_cache_live(const struct kmem_cache *s);

#define kmalloc(size, gfp) shim_kmalloc((size), (gfp), SHIM_SITE)
#define kzalloc(size, gfp) shim_kmalloc((size), (gfp) | __GFP_ZERO, SHIM_SITE)
#define kmalloc_node(size, gfp, node) kmalloc(size, gfp)
#define kzalloc_node(size, gfp, node) kzalloc(size, gfp)
#define kmalloc_array(n, size, gfp) shim_kmalloc_array((n), (size), (gfp), SHIM_SITE)
#define kcalloc(n, size, gfp) \
	shim_kmalloc_array((n), (size), (gfp) | __GFP_ZERO, SHIM_SITE)
#define kmalloc_array_node(n, size, gfp, node) kmalloc_array(n, size, gfp)
#define kcalloc_node(n, size, gfp, node) kcalloc(n, size, gfp)
#define krealloc(p, size, gfp) shim_krealloc((p), (size), (gfp), SHIM_SITE)
#define kfree(p) shim_kfree((p), SHIM_SITE)
#define kfree_sensitive(p) shim_kfree((p), SHIM_SITE)
#define ksize(p) shim_ksize(p)
#define kvmalloc(size, gfp) shim_kvmalloc((size), (gfp), SHIM_SITE)
#define kvzalloc(size, gfp) shim_kvmalloc((size), (gfp) | __GFP_ZERO, SHIM_SITE)
#define kvmalloc_node(size, gfp, node) kvmalloc(size, gfp)
#define kvzalloc_node(size, gfp, node) kvzalloc(size, gfp)
#define kvmalloc_array(n, size, gfp) \
	shim_kvmalloc_array((n), (size), (gfp), SHIM_SITE)
#define kvcalloc(n, size, gfp) \
	shim_kvmalloc_array((n), (size), (gfp) | __GFP_ZERO, SHIM_SITE)
#define kvfree(p) shim_kvfree((p), SHIM_SITE)
#define kvrealloc(p, size, gfp) shim_kvrealloc((p), (size), (gfp), SHIM_SITE)
#define kmemdup(src, len, gfp)                                          \
	({                                                              \
		const void *__kd_src = (src);                           \
		size_t __kd_len = (len);                                \
		void *__kd_p = shim_kmalloc(__kd_len, (gfp), SHIM_SITE); \
		if (__kd_p)                                             \
			memcpy(__kd_p, __kd_src, __kd_len);             \
		__kd_p;                                                 \
	})

/*
 * Typed allocation helpers of newer trees: kmalloc_obj(VAR_OR_TYPE[, GFP])
 * and friends; GFP defaults to GFP_KERNEL when omitted.
 */
#define __shim_gfp_or_default(dummy, gfp, ...) gfp
#define __shim_gfp(...) __shim_gfp_or_default(0, ##__VA_ARGS__, GFP_KERNEL)
#define kmalloc_obj(V, ...) \
	((__typeof__(V) *)kmalloc(sizeof(V), __shim_gfp(__VA_ARGS__)))
#define kzalloc_obj(V, ...) \
	((__typeof__(V) *)kzalloc(sizeof(V), __shim_gfp(__VA_ARGS__)))
#define kmalloc_objs(V, N, ...) \
	((__typeof__(V) *)kmalloc_array((N), sizeof(V), __shim_gfp(__VA_ARGS__)))
#define kzalloc_objs(V, N, ...) \
	((__typeof__(V) *)kcalloc((N), sizeof(V), __shim_gfp(__VA_ARGS__)))
#define kcalloc_objs kzalloc_objs
#define kvmalloc_obj(V, ...) \
	((__typeof__(V) *)kvmalloc(sizeof(V), __shim_gfp(__VA_ARGS__)))
#define kvzalloc_obj(V, ...) \
	((__typeof__(V) *)kvzalloc(sizeof(V), __shim_gfp(__VA_ARGS__)))
#define kvmalloc_objs(V, N, ...) \
	((__typeof__(V) *)kvmalloc_array((N), sizeof(V), __shim_gfp(__VA_ARGS__)))
#define kvzalloc_objs(V, N, ...) \
	((__typeof__(V) *)kvcalloc((N), sizeof(V), __shim_gfp(__VA_ARGS__)))
#define kmalloc_flex(V, FAM, N, ...)                                    \
	((__typeof__(V) *)kmalloc(struct_size((__typeof__(V) *)0, FAM, N), \
				  __shim_gfp(__VA_ARGS__)))
#define kzalloc_flex(V, FAM, N, ...)                                    \
	((__typeof__(V) *)kzalloc(struct_size((__typeof__(V) *)0, FAM, N), \
				  __shim_gfp(__VA_ARGS__)))

/*
 * kmem_cache_create(): the legacy form (name, size, align, flags, ctor) and
 * the Linux >= 6.13 form (name, size, args, flags).
 */
static inline struct kmem_cache *
__shim_kmem_cache_create_args(const char *name, unsigned int size,
			      struct kmem_cache_args *args, slab_flags_t flags,
			      const struct shim_site *site)
{
	return shim_kmem_cache_create(name, size, args ? args->align : 0, flags,
				      args ? args->ctor : NULL, site);
}

#define __shim_kcc_pick(_1, _2, _3, _4, _5, NAME, ...) NAME
#define __shim_kcc5(name, size, align, flags, ctor) \
	shim_kmem_cache_create((name), (size), (align), (flags), (ctor), SHIM_SITE)
#define __shim_kcc4(name, size, args, flags) \
	__shim_kmem_cache_create_args((name), (size), (args), (flags), SHIM_SITE)
#define kmem_cache_create(...) \
	__shim_kcc_pick(__VA_ARGS__, __shim_kcc5, __shim_kcc4)(__VA_ARGS__)
#define kmem_cache_create_usercopy(name, size, align, flags, uo, us, ctor) \
	__shim_kcc5(name, size, align, flags, ctor)
#define kmem_cache_destroy(s) shim_kmem_cache_destroy((s), SHIM_SITE)
#define kmem_cache_alloc(s, gfp) shim_kmem_cache_alloc((s), (gfp), SHIM_SITE)
#define kmem_cache_zalloc(s, gfp) \
	shim_kmem_cache_alloc((s), (gfp) | __GFP_ZERO, SHIM_SITE)
#define kmem_cache_alloc_node(s, gfp, node) kmem_cache_alloc(s, gfp)
#define kmem_cache_free(s, p) shim_kmem_cache_free((s), (p), SHIM_SITE)
#define kmem_cache_alloc_bulk(s, gfp, nr, p) \
	shim_kmem_cache_alloc_bulk((s), (gfp), (nr), (p), SHIM_SITE)
#define kmem_cache_free_bulk(s, nr, p) \
	shim_kmem_cache_free_bulk((s), (nr), (p), SHIM_SITE)

#endif
