/* SPDX-License-Identifier: GPL-2.0-only */
/* The seed rendition's objects and entry points (see seed_msm.c). */
#ifndef _VMBIND_SEED_MSM_H
#define _VMBIND_SEED_MSM_H

#include <linux/device.h>
#include <linux/io-pgtable.h>
#include <linux/types.h>

struct page;
struct sg_table;

/* struct msm_mmu_prealloc */
struct seed_prealloc {
	uint32_t count;		/* pages reserved */
	uint32_t ptr;		/* index of the first unused page */
	void **pages;
};

/* struct msm_iommu: the parent (GPU) MMU */
struct seed_iommu {
	struct device dev;
	struct io_pgtable_cfg ttbr1_cfg;
	struct kmem_cache *pt_cache;
	struct page *prr_page;
};

/* struct msm_iommu_pagetable */
struct seed_pagetable {
	struct seed_prealloc *prealloc;	/* msm_mmu::prealloc */
	struct seed_iommu *parent;
	struct io_pgtable_ops *pgtbl_ops;
	struct device *iommu_dev;
	unsigned long pgsize_bitmap;
	phys_addr_t ttbr;
	void *root_page_table;
	size_t tblsz;
};

int seed_vm_create(struct seed_pagetable **out, unsigned int ias,
		   unsigned int oas, bool coherent_walk);
void seed_vm_destroy(struct seed_pagetable *pagetable);
void seed_iommu_destroy(struct seed_iommu *iommu);

void seed_prealloc_count(struct seed_pagetable *pagetable,
			 struct seed_prealloc *p, uint64_t iova, size_t len);
int seed_prealloc_allocate(struct seed_pagetable *pagetable,
			   struct seed_prealloc *p);
void seed_prealloc_cleanup(struct seed_pagetable *pagetable,
			   struct seed_prealloc *p);

int seed_map(struct seed_pagetable *pagetable, u64 iova, struct sg_table *sgt,
	     size_t off, size_t len, int prot);
int seed_map_prr(struct seed_pagetable *pagetable, u64 iova, size_t len,
		 int prot);
int seed_unmap(struct seed_pagetable *pagetable, u64 iova, size_t size);

#endif
