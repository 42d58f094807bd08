/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: drm_mm, the range allocator of kernel-managed VMs. A VM_BIND
 * (user-managed) VM only initialises and takes it down; an allocation
 * from it is a WARN here (-ENOSPC), a node left at takedown a finding.
 */
#ifndef _SHIM_DRM_DRM_MM_H
#define _SHIM_DRM_DRM_MM_H

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/types.h>

struct drm_mm {
	u64 start, size;
	unsigned long nodes;
	bool inited;
};

struct drm_mm_node {
	u64 start, size;
	bool allocated;
};

static inline void drm_mm_init(struct drm_mm *mm, u64 start, u64 size)
{
	*mm = (struct drm_mm){ .start = start, .size = size, .inited = true };
}

static inline void drm_mm_takedown(struct drm_mm *mm)
{
	WARN_ON(!mm->inited || mm->nodes);
	mm->inited = false;
}

static inline int drm_mm_insert_node_in_range(struct drm_mm *mm,
					      struct drm_mm_node *node,
					      u64 size, u64 alignment,
					      unsigned long color, u64 start,
					      u64 end, int mode)
{
	(void)mm; (void)node; (void)size; (void)alignment; (void)color;
	(void)start; (void)end; (void)mode;
	WARN_ON(1);
	return -ENOSPC;
}

static inline void drm_mm_remove_node(struct drm_mm_node *node)
{
	WARN_ON(!node->allocated);
}

#endif
