/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: GEM objects as drm_gpuvm and drm_exec see them: a reference count
 * whose last put calls funcs->free, the object's own reservation (or a
 * shared one, when resv is set before drm_gem_private_object_init(), as a
 * driver does for BOs private to one VM), and the gpuva list with its
 * lock. drm_gem_gpuva_assert_lock_held() checks, as lockdep would, the
 * dma_resv lock or, in DRM_GPUVM_IMMEDIATE_MODE, the gpuva mutex.
 * No handles, mmap, pages or dma-buf.
 */
#ifndef _SHIM_DRM_DRM_GEM_H
#define _SHIM_DRM_DRM_GEM_H

#include <linux/bug.h>
#include <linux/dma-resv.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/types.h>
#include <shim/site.h>

struct dma_buf;
struct dma_buf_attachment;
struct drm_device;
struct drm_gem_object;

struct drm_gem_object_funcs {
	void (*free)(struct drm_gem_object *obj);
};

struct drm_gem_object {
	struct kref refcount;
	unsigned int handle_count;
	struct drm_device *dev;
	size_t size;
	const struct drm_gem_object_funcs *funcs;
	struct dma_resv *resv;
	struct dma_resv _resv;
	struct {
		struct list_head list;
		struct mutex lock;
	} gpuva;
	void *import_attach;	/* never set: no dma-buf import here */
	bool shim_inited;
};

#define drm_gem_is_imported(obj) ((obj)->import_attach != NULL)

void drm_gem_private_object_init(struct drm_device *dev,
				 struct drm_gem_object *obj, size_t size);
void drm_gem_object_release(struct drm_gem_object *obj);
void drm_gem_object_free(struct kref *kref);

/*
 * Every initialised object is registered until released: a get or put of a
 * pointer that is no live GEM object is a "gem-bad-ref" finding, and the
 * call does nothing (instead of dereferencing it).
 */
bool shim_gem_is_live(const struct drm_gem_object *obj, const char *what,
		      const struct shim_site *site);
unsigned long shim_gem_live_objects(void);
/* The same question, answered without a finding. */
bool shim_gem_registered(const struct drm_gem_object *obj);

#define drm_gem_object_get(obj) __shim_gem_get((obj), SHIM_SITE)
static inline void __shim_gem_get(struct drm_gem_object *obj,
				  const struct shim_site *site)
{
	if (shim_gem_is_live(obj, "drm_gem_object_get", site))
		kref_get(&obj->refcount);
}

#define __drm_gem_object_put(obj) __shim_gem_put((obj), SHIM_SITE)
static inline void __shim_gem_put(struct drm_gem_object *obj,
				  const struct shim_site *site)
{
	if (shim_gem_is_live(obj, "drm_gem_object_put", site))
		kref_put(&obj->refcount, drm_gem_object_free);
}

#define drm_gem_object_put(obj)                                  \
	do {                                                     \
		struct drm_gem_object *__o = (obj);              \
		if (__o)                                         \
			__shim_gem_put(__o, SHIM_SITE);          \
	} while (0)

static inline void drm_gem_gpuva_init(struct drm_gem_object *obj)
{
	INIT_LIST_HEAD(&obj->gpuva.list);
}

#define drm_gem_gpuva_assert_lock_held(gpuvm, obj)                     \
	WARN_ON(drm_gpuvm_immediate_mode(gpuvm) ?                      \
		!mutex_is_locked(&(obj)->gpuva.lock) :                 \
		!dma_resv_held((obj)->resv))

#define drm_gem_for_each_gpuvm_bo(entry__, obj__) \
	list_for_each_entry(entry__, &(obj__)->gpuva.list, list.entry.gem)
#define drm_gem_for_each_gpuvm_bo_safe(entry__, next__, obj__) \
	list_for_each_entry_safe(entry__, next__, &(obj__)->gpuva.list, list.entry.gem)

#endif
