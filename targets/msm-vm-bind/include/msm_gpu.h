/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim replacement for drivers/gpu/drm/msm/msm_gpu.h, for compiling the
 * tree's msm_gem_vma.c unmodified: the GPU (only its device, whose drvdata
 * is the adreno_smmu_priv msm_iommu.c was created with), the per-file
 * context and the submit queue, with the lookups msm_gem_vma.c calls
 * (msm_vma_shim.c implements them as msm_drv.c / msm_submitqueue.c do).
 */
#ifndef _SHIM_MSM_GPU_H
#define _SHIM_MSM_GPU_H

#include <drm/gpu_scheduler.h>
#include <linux/adreno-smmu-priv.h>
#include <linux/idr.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>

#include "msm_drv.h"

struct drm_gpuvm;

struct msm_gpu {
	struct device *dev;	/* the GPU: drvdata is its adreno_smmu_priv */
};

/* As msm_gpu.h's: PRR (MAP_NULL) needs the SMMU's set_prr_addr(). */
static inline bool adreno_smmu_has_prr(struct msm_gpu *gpu)
{
	struct adreno_smmu_priv *adreno_smmu = dev_get_drvdata(gpu->dev);

	return adreno_smmu && adreno_smmu->set_prr_addr;
}

struct msm_context {
	struct list_head submitqueues;
	int queueid;
	bool closed;
	bool userspace_managed_vm;
	struct drm_gpuvm *vm;
	struct kref ref;
};

struct msm_gpu_submitqueue {
	int id;
	u32 flags;
	u32 ring_nr;
	int faults;
	struct msm_context *ctx;
	struct list_head node;
	struct idr fence_idr;
	struct mutex lock;
	struct kref ref;
	struct drm_sched_entity *entity;
	struct drm_sched_entity _vm_bind_entity[1];
};

struct drm_gpuvm *msm_context_vm(struct drm_device *dev, struct msm_context *ctx);

static inline bool msm_context_is_vmbind(struct msm_context *ctx)
{
	return ctx->userspace_managed_vm;
}

struct msm_gpu_submitqueue *msm_submitqueue_get(struct msm_context *ctx, u32 id);
void msm_submitqueue_destroy(struct kref *kref);

static inline void msm_submitqueue_put(struct msm_gpu_submitqueue *queue)
{
	if (queue)
		kref_put(&queue->ref, msm_submitqueue_destroy);
}

#endif
