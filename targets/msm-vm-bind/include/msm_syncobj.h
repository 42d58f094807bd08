/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim replacement for drivers/gpu/drm/msm/msm_syncobj.h: syncobjs are
 * left out of this harness. The stand-in file has none, so parsing any
 * (a non-zero in_syncobjs/out_syncobjs pointer) fails with -EINVAL, as
 * the real parser does for a handle that names no syncobj; reset and post
 * handle the NULL arrays they then get, as the real ones do.
 */
#ifndef _SHIM_MSM_SYNCOBJ_H
#define _SHIM_MSM_SYNCOBJ_H

#include <drm/drm_device.h>
#include <drm/gpu_scheduler.h>
#include <linux/bug.h>
#include <linux/err.h>

struct drm_file;
struct drm_syncobj;
struct dma_fence_chain;

struct msm_syncobj_post_dep {
	struct drm_syncobj *syncobj;
	uint64_t point;
	struct dma_fence_chain *chain;
};

static inline struct drm_syncobj **
msm_syncobj_parse_deps(struct drm_device *dev, struct drm_sched_job *job,
		       struct drm_file *file, uint64_t in_syncobjs_addr,
		       uint32_t nr_in_syncobjs, size_t syncobj_stride)
{
	return ERR_PTR(-EINVAL);
}

static inline void msm_syncobj_reset(struct drm_syncobj **syncobjs,
				     uint32_t nr_syncobjs)
{
	WARN_ON(syncobjs);
}

static inline struct msm_syncobj_post_dep *
msm_syncobj_parse_post_deps(struct drm_device *dev, struct drm_file *file,
			    uint64_t syncobjs_addr, uint32_t nr_syncobjs,
			    size_t syncobj_stride)
{
	return ERR_PTR(-EINVAL);
}

static inline void
msm_syncobj_process_post_deps(struct msm_syncobj_post_dep *post_deps,
			      uint32_t count, struct dma_fence *fence)
{
	WARN_ON(post_deps);
}

#define drm_syncobj_put(obj) WARN_ON(1)

#endif
