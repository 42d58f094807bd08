/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim replacement for drivers/gpu/drm/msm/msm_drv.h, for compiling the
 * tree's msm_iommu.c unmodified (targets/msm-iommu/): only what msm_iommu.c uses
 * from it and from the headers it pulls in. The DRM device, GEM and GPU
 * structures are not needed: msm_iommu.c only passes struct msm_gpu along.
 *
 * msm_gem_vma.c (targets/msm-vm-bind/) includes it too: the part after
 * the hooks below is what it uses (struct msm_drm_private, UERR() and the
 * kernel headers the real msm_drv.h brings in); msm_gpu.h and
 * msm_syncobj.h there stand in for the rest.
 *
 * It also hooks the two creations msm_iommu.c keeps private, so the harness
 * can reach them (the page table's io_pgtable_ops and the msm-mmu-pt cache):
 * alloc_io_pgtable_ops() and kmem_cache_create() calls after this header are
 * recorded by msm_shim.c, then proceed unchanged.
 */
#ifndef _SHIM_MSM_DRV_H
#define _SHIM_MSM_DRV_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pm_runtime.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/types.h>

struct msm_gpu;
struct msm_mmu;

/* ---- creation hooks (msm_shim.c) ---- */

struct io_pgtable_ops *vmbind_msm_note_pgtbl_ops(struct io_pgtable_ops *ops,
						 void *cookie);
struct kmem_cache *vmbind_msm_note_kmem_cache(struct kmem_cache *cache);

/* The function-like macros below do not re-expand inside themselves. */
#define alloc_io_pgtable_ops(fmt, cfg, cookie)                               \
	({                                                                   \
		void *__vmbind_cookie = (cookie);                            \
		vmbind_msm_note_pgtbl_ops(alloc_io_pgtable_ops((fmt), (cfg), \
							       __vmbind_cookie), \
					  __vmbind_cookie);                  \
	})
#undef kmem_cache_create
#define kmem_cache_create(...) \
	vmbind_msm_note_kmem_cache(__shim_kcc_pick(__VA_ARGS__, __shim_kcc5, \
						   __shim_kcc4)(__VA_ARGS__))

/* ---- for msm_gem_vma.c (targets/msm-vm-bind/) ---- */

#include <drm/drm_device.h>
#include <drm/drm_mm.h>
#include <drm/drm_print.h>
#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

/* drm_device.dev_private: only the GPU (NULL: no GPU, -ENXIO). */
struct msm_drm_private {
	struct msm_gpu *gpu;
};

#define UERR(err, drm, fmt, ...) \
	({ DRM_DEV_DEBUG_DRIVER((drm)->dev, fmt, ##__VA_ARGS__); -(err); })

#endif
