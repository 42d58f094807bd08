/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the shim's msm_drv.h hooks record while the tree's msm_iommu.c runs
 * (see include/msm_drv.h), for msm_backend.c.
 */
#ifndef _VMBIND_KERNEL_MSM_SHIM_H
#define _VMBIND_KERNEL_MSM_SHIM_H

#include <linux/types.h>

struct io_pgtable_ops;
struct kmem_cache;

struct vmbind_msm_created {
	struct io_pgtable_ops *pgtbl_ops;	/* last alloc_io_pgtable_ops() */
	void *pgtbl_cookie;			/* its cookie (the pagetable) */
	struct kmem_cache *cache;		/* last kmem_cache_create() */
};

/* What the arm-smmu side of a kernel-backend VM saw (msm_backend.c). */
struct vmbind_msm_smmu_calls {
	unsigned long set_ttbr0_cfg;
	bool ttbr0_enabled;		/* last set_ttbr0_cfg() had a cfg */
	u64 ttbr0;			/* its TTBR */
	unsigned long set_prr_bit;
	bool prr_bit;
	unsigned long set_prr_addr;
	phys_addr_t prr_addr;
	unsigned long set_stall;
	bool stall;
	unsigned long tlb_flush_all;	/* TTBR1 (arm-smmu) TLB ops */
	unsigned long tlb_flush_walk;
	unsigned long tlb_add_page;
};

const struct vmbind_msm_smmu_calls *vmbind_backend_kernel_smmu_calls(void *vm);

struct device;
struct msm_mmu;
/*
 * The VM_BIND page table, handed over to its new owner (msm_gem_vm_create()
 * of targets/msm-vm-bind/ destroys it): vm_destroy then only releases the
 * parent MMU.
 */
struct msm_mmu *vmbind_backend_kernel_take_mmu(void *vm);
/* The GPU device: drvdata is the adreno_smmu_priv. */
struct device *vmbind_backend_kernel_gpu_dev(void *vm);

/* Returns what msm_iommu.c created since the last call, and forgets it. */
void vmbind_msm_take_created(struct vmbind_msm_created *out);

#endif
