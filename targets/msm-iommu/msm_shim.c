// SPDX-License-Identifier: GPL-2.0-only
/*
 * The other half of include/: the trace event recorder and the
 * creation hooks msm_drv.h installs around msm_iommu.c's
 * alloc_io_pgtable_ops() and kmem_cache_create() calls.
 */
#include <linux/io-pgtable.h>
#include <linux/slab.h>

#include "msm_gpu_trace.h"
#include "msm_shim.h"

struct vmbind_msm_trace vmbind_msm_trace;

static struct vmbind_msm_created created;

struct io_pgtable_ops *vmbind_msm_note_pgtbl_ops(struct io_pgtable_ops *ops,
						 void *cookie);
struct kmem_cache *vmbind_msm_note_kmem_cache(struct kmem_cache *cache);

struct io_pgtable_ops *vmbind_msm_note_pgtbl_ops(struct io_pgtable_ops *ops,
						 void *cookie)
{
	if (ops) {
		created.pgtbl_ops = ops;
		created.pgtbl_cookie = cookie;
	}
	return ops;
}

struct kmem_cache *vmbind_msm_note_kmem_cache(struct kmem_cache *cache)
{
	if (cache)
		created.cache = cache;
	return cache;
}

void vmbind_msm_take_created(struct vmbind_msm_created *out)
{
	*out = created;
	created = (struct vmbind_msm_created){ 0 };
}
