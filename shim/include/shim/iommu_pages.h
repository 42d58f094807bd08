/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The iommu-pages API the shim provides (shim/instrumented/iommu_pages.c),
 * declared as the tree's drivers/iommu/iommu-pages.h declares it, for the
 * shim and the tests, which do not include the tree's header.
 */
#ifndef _SHIM_IOMMU_PAGES_H
#define _SHIM_IOMMU_PAGES_H

#include <linux/device.h>
#include <linux/iommu.h>

void *iommu_alloc_pages_node_sz(int nid, gfp_t gfp, size_t size);
void iommu_free_pages(void *virt);
void iommu_put_pages_list(struct iommu_pages_list *list);
int iommu_pages_start_incoherent(void *virt, struct device *dma_dev);
int iommu_pages_start_incoherent_list(struct iommu_pages_list *list,
				      struct device *dma_dev);
void iommu_pages_stop_incoherent_list(struct iommu_pages_list *list,
				      struct device *dma_dev);
void iommu_pages_free_incoherent(void *virt, struct device *dma_dev);

#endif
