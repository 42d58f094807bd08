/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim replacement for drivers/gpu/drm/msm/msm_gpu_trace.h: the trace
 * events msm_iommu.c emits, recorded (msm_shim.c) so tests and
 * oracles can look at them. Events msm_iommu.c does not use are no-ops.
 */
#ifndef _SHIM_MSM_GPU_TRACE_H
#define _SHIM_MSM_GPU_TRACE_H

#include <linux/types.h>

struct vmbind_msm_trace {
	unsigned long prealloc_cleanup_calls;
	u32 prealloc_cleanup_count;	/* last event's arguments */
	u32 prealloc_cleanup_remaining;
};

extern struct vmbind_msm_trace vmbind_msm_trace;

static inline void trace_msm_mmu_prealloc_cleanup(u32 count, u32 remaining)
{
	vmbind_msm_trace.prealloc_cleanup_calls++;
	vmbind_msm_trace.prealloc_cleanup_count = count;
	vmbind_msm_trace.prealloc_cleanup_remaining = remaining;
}

#define trace_msm_gpu_fault(...) do { } while (0)
#define trace_msm_gpu_submit(...) do { } while (0)
#define trace_msm_gpu_submit_flush(...) do { } while (0)
#define trace_msm_gpu_submit_retired(...) do { } while (0)

#endif
