/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: dma_fence. Fences are counted by the dma_resv stand-in, not stored
 * there; a fence has a reference count whose last put calls the release
 * its creator set (shim_release, the scheduler stand-in's), and a
 * signalled state. dma_fence_wait() of an unsignalled fence waits for
 * something nothing here could do: a "wait-forever" finding.
 */
#ifndef _SHIM_LINUX_DMA_FENCE_H
#define _SHIM_LINUX_DMA_FENCE_H

#include <linux/kref.h>
#include <linux/types.h>
#include <linux/wait.h>

struct dma_fence {
	u64 context;
	u64 seqno;
	struct kref refcount;
	void (*shim_release)(struct dma_fence *fence);
	bool signaled;
	int error;
};

void shim_dma_fence_release(struct kref *kref);

static inline struct dma_fence *dma_fence_get(struct dma_fence *fence)
{
	if (fence)
		kref_get(&fence->refcount);
	return fence;
}

static inline void dma_fence_put(struct dma_fence *fence)
{
	if (fence)
		kref_put(&fence->refcount, shim_dma_fence_release);
}

#define dma_fence_wait(fence, intr)                                        \
	({                                                                 \
		struct dma_fence *__f = (fence);                           \
		(void)(intr);                                              \
		if (!__f->signaled)                                        \
			shim_wait_forever("dma_fence_wait()", SHIM_SITE);  \
		(long)0;                                                   \
	})

#endif
