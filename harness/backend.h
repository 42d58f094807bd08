/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The msm page-table code under test, behind one interface: either our
 * rendition of the seed patch (targets/seed/seed_msm.c) or the tree's own
 * drivers/gpu/drm/msm/msm_iommu.c (Linux >= 6.17, targets/msm-iommu/). The job
 * driver sequences these calls exactly as msm does for a VM_BIND job.
 */
#ifndef _VMBIND_BACKEND_H
#define _VMBIND_BACKEND_H

#include <linux/io-pgtable.h>
#include <linux/types.h>

struct kmem_cache;
struct sg_table;

/* What a VM is created with (from the fuzz input). */
struct vmbind_vm_config {
	unsigned int ias;	/* input address size of the GPU VA space */
	unsigned int oas;	/* output address size (SMMU) */
	bool coherent_walk;
};

/* Reservation figures of one job, as the backend's prealloc struct holds them. */
struct vmbind_prealloc_view {
	u32 count;	/* pages reserved (p->count) */
	u32 ptr;	/* pages handed out (p->ptr) */
	bool has_pages;	/* p->pages != NULL */
};

struct vmbind_backend {
	const char *name;	/* "seed" or "kernel" */
	const char *source;	/* file the prealloc logic comes from */
	/* The io_pgtable_cfg.alloc hook, named in pool-dry findings. */
	const char *alloc_hook;

	/* How msm sequences a job around this code (harness/job.c). */
	const struct vmbind_job_rules *rules;

	/*
	 * Create the parent MMU, the msm-mmu-pt cache and the VM_BIND page
	 * table (custom alloc/free, 4 KiB pages only). Returns 0 or -errno;
	 * on failure everything created so far is released, as msm does.
	 */
	int (*vm_create)(void **vm, const struct vmbind_vm_config *cfg);
	/* Destroy the page table, the PRR page, the cache and the parent. */
	void (*vm_destroy)(void *vm);

	/* A job's reservation, opaque (struct msm_mmu_prealloc). */
	void *(*prealloc_new)(void *vm);
	void (*prealloc_free)(void *vm, void *p);
	void (*prealloc_view)(void *vm, void *p, struct vmbind_prealloc_view *out);
	void (*prealloc_count)(void *vm, void *p, u64 iova, u64 len);
	int (*prealloc_allocate)(void *vm, void *p);
	void (*prealloc_cleanup)(void *vm, void *p);
	/* mmu->prealloc = p (NULL to clear), as msm_vma_job_run does. */
	void (*set_prealloc)(void *vm, void *p);

	/* mmu->funcs->map / unmap; sgt == NULL maps the PRR page (MAP_NULL). */
	int (*map)(void *vm, u64 iova, struct sg_table *sgt, u64 off, u64 len,
		   int prot);
	int (*unmap)(void *vm, u64 iova, u64 len);

	/* For the oracles (vmbind_backend_cfg/root below derive from it). */
	struct io_pgtable_ops *(*pgtbl_ops)(void *vm);
	/* What the GPU's SMMU walks with (TTBR0, TCR, MAIR); NULL: disabled. */
	const struct io_pgtable_cfg *(*hw_cfg)(void *vm);
	struct kmem_cache *(*pt_cache)(void *vm);
	phys_addr_t (*prr_phys)(void *vm);
};

/*
 * The job sequencing of the driver around the prealloc code: the seed's
 * (msm_gem_vma.c as the patch series had it) or the tree's msm_gem_vma.c
 * (Linux >= 6.17). Each field is one behaviour the job driver follows.
 */
struct vmbind_job_rules {
	/* vm_bind_prealloc_count(): one count per run of MAP/MAP_NULL ops
	 * sharing a 2 MiB block, not one per op. */
	bool count_runs;
	/* A MAP onto an identical mapping is skipped (no page-table op). */
	bool skip_inplace_remap;
	/* After a failed op later MAPs are skipped but UNMAPs still run. */
	bool unmap_after_failure;
	/* BOs are pinned (an allocation) between counting and allocate. */
	bool pin_before_allocate;
};

/* The page table's own configuration. */
static inline const struct io_pgtable_cfg *
vmbind_backend_cfg(const struct vmbind_backend *be, void *vm)
{
	return &io_pgtable_ops_to_pgtable(be->pgtbl_ops(vm))->cfg;
}

/* The root table, from the TTBR the table was created with. */
static inline void *vmbind_backend_root(const struct vmbind_backend *be,
					void *vm)
{
	return (void *)(uintptr_t)vmbind_backend_cfg(be, vm)->arm_lpae_s1_cfg.ttbr;
}

/*
 * The function members of an adapter's table whose static functions are
 * named PREFIX_<member>: the interface's list, kept in this one place.
 */
#define VMBIND_BACKEND_FUNCS(prefix) \
	.vm_create = prefix##_vm_create, \
	.vm_destroy = prefix##_vm_destroy, \
	.prealloc_new = prefix##_prealloc_new, \
	.prealloc_free = prefix##_prealloc_free, \
	.prealloc_view = prefix##_prealloc_view, \
	.prealloc_count = prefix##_prealloc_count, \
	.prealloc_allocate = prefix##_prealloc_allocate, \
	.prealloc_cleanup = prefix##_prealloc_cleanup, \
	.set_prealloc = prefix##_set_prealloc, \
	.map = prefix##_map, \
	.unmap = prefix##_unmap, \
	.pgtbl_ops = prefix##_pgtbl_ops, \
	.hw_cfg = prefix##_hw_cfg, \
	.pt_cache = prefix##_pt_cache, \
	.prr_phys = prefix##_prr_phys

extern const struct vmbind_backend vmbind_backend_seed;
#ifdef VMBIND_HAVE_KERNEL_MSM
extern const struct vmbind_backend vmbind_backend_kernel;
#endif

/* The backend this build fuzzes (targets/default_backend.c). */
const struct vmbind_backend *vmbind_default_backend(void);

#endif
