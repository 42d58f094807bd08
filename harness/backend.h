/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The msm page-table code under test, behind one interface: either our
 * rendition of the seed patch (model/seed_msm.c) or the tree's own
 * drivers/gpu/drm/msm/msm_iommu.c (Linux >= 6.17, kernel/msm/). The job
 * driver sequences these calls exactly as msm does for a VM_BIND job.
 */
#ifndef _VMBIND_BACKEND_H
#define _VMBIND_BACKEND_H

#include <linux/types.h>

struct io_pgtable_ops;
struct io_pgtable_cfg;
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

	/*
	 * Job sequencing of the tree's msm_gem_vma.c (Linux >= 6.17) rather
	 * than the seed's: reservations counted per run of consecutive
	 * MAP/MAP_NULL ops sharing a 2 MiB block (vm_bind_prealloc_count),
	 * in-place remaps skipped, UNMAPs still run after a failed op.
	 */
	bool gem_vma_6_17;

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

	/* For the oracles. */
	struct io_pgtable_ops *(*pgtbl_ops)(void *vm);
	const struct io_pgtable_cfg *(*pgtbl_cfg)(void *vm);
	/* What the GPU's SMMU walks with (TTBR0, TCR, MAIR); NULL: disabled. */
	const struct io_pgtable_cfg *(*hw_cfg)(void *vm);
	struct kmem_cache *(*pt_cache)(void *vm);
	phys_addr_t (*prr_phys)(void *vm);
	/* Root table (from the TTBR) and its level (0 for 4 levels). */
	void *(*root_table)(void *vm);
};

extern const struct vmbind_backend vmbind_backend_seed;
#ifdef VMBIND_HAVE_KERNEL_MSM
extern const struct vmbind_backend vmbind_backend_kernel;
#endif

#endif
