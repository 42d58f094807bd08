/* SPDX-License-Identifier: GPL-2.0-only */
/* The seed rendition's objects and entry points (see seed_msm.c). */
#ifndef _VMBIND_SEED_MSM_H
#define _VMBIND_SEED_MSM_H

#include <linux/device.h>
#include <linux/io-pgtable.h>
#include <linux/types.h>

struct page;
struct sg_table;

/* A job's reservation (the patch's struct msm_mmu_prealloc). */
struct seed_prealloc {
	uint32_t reserved;	/* pages counted and, once allocated, held */
	uint32_t handed_out;	/* index of the next page alloc_pt gives */
	void **slots;		/* the reserved pages */
};

/* The parent (GPU) MMU: what the VM_BIND table hangs off. */
struct seed_iommu {
	struct device dev;
	struct io_pgtable_cfg smmu_cfg;	/* what the SMMU reports for TTBR1 */
	struct kmem_cache *table_cache;	/* "msm-mmu-pt" */
	struct page *prr;		/* page every MAP_NULL page points at */
};

/* The VM_BIND page table. */
struct seed_pagetable {
	struct seed_prealloc *job;	/* reservation of the running job */
	struct seed_iommu *parent;
	struct io_pgtable_ops *ops;
	struct device *walker;		/* io_pgtable_cfg.iommu_dev */
	unsigned long page_sizes;
	phys_addr_t ttbr;
	void *root;			/* first table allocated: the pgd */
};

int seed_vm_create(struct seed_pagetable **out, unsigned int ias,
		   unsigned int oas, bool coherent_walk);
void seed_vm_destroy(struct seed_pagetable *pt);
void seed_iommu_destroy(struct seed_iommu *mmu);

void seed_prealloc_count(struct seed_pagetable *pt, struct seed_prealloc *r,
			 uint64_t iova, size_t len);
int seed_prealloc_allocate(struct seed_pagetable *pt, struct seed_prealloc *r);
void seed_prealloc_cleanup(struct seed_pagetable *pt, struct seed_prealloc *r);

int seed_map(struct seed_pagetable *pt, u64 iova, struct sg_table *sgt,
	     size_t off, size_t len, int prot);
int seed_map_prr(struct seed_pagetable *pt, u64 iova, size_t len, int prot);
int seed_unmap(struct seed_pagetable *pt, u64 iova, size_t len);

#endif
