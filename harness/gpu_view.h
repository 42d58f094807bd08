/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The GPU's view of a page: walks the table as the SMMU would (from the
 * TTBR0/TCR/MAIR the hardware was given; on a non-coherent walk reading
 * memory as last made visible to the device) and checks the output address,
 * the effective permissions and the memory type against what the op's
 * IOMMU_* prot must give. Each mismatch is a finding of kind gpu-view-FIELD
 * naming the expected and actual value, the level and the descriptor.
 */
#ifndef _VMBIND_GPU_VIEW_H
#define _VMBIND_GPU_VIEW_H

#include <stdbool.h>
#include <stdint.h>

struct io_pgtable_cfg;

struct gpu_view_expect {
	bool mapped;
	uint64_t phys;	/* of the page, when mapped */
	int prot;	/* IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE | ... */
};

/*
 * Device copies of DMA-mapped memory are kept (shim_dma_set_device_view)
 * only while this is on: call before the VM is created.
 */
void gpu_view_enable(bool on);

/* Starts a pass of checks: tables may have changed since the last one. */
void gpu_view_begin(void);

/* Checks one page; returns false (after reporting) on the first mismatch. */
bool gpu_view_check_page(const struct io_pgtable_cfg *hw, uint64_t iova,
			 const struct gpu_view_expect *want, unsigned int job);

/*
 * Checks npages pages from iova as gpu_view_check_page() checks each, the
 * expected page of the k-th being want->phys + k * phys_step (0: the same
 * page for all, as MAP_NULL's PRR page): a run reads each table once.
 * Returns false (after reporting each) if any page mismatched.
 */
bool gpu_view_check_run(const struct io_pgtable_cfg *hw, uint64_t iova,
			uint64_t npages, const struct gpu_view_expect *want,
			uint64_t phys_step, unsigned int job);

#endif
