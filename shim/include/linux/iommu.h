/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim (stub): the IOMMU core types that io-pgtable and its users need. */
#ifndef _SHIM_LINUX_IOMMU_H
#define _SHIM_LINUX_IOMMU_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/types.h>

#define IOMMU_READ (1 << 0)
#define IOMMU_WRITE (1 << 1)
#define IOMMU_CACHE (1 << 2)
#define IOMMU_NOEXEC (1 << 3)
#define IOMMU_MMIO (1 << 4)
#define IOMMU_PRIV (1 << 5)

#define IOMMU_DIRTY_NO_CLEAR (1 << 0)

/*
 * Pages from iommu_alloc_pages_node_sz() chained through their struct page
 * (Linux >= 6.15; see shim/instrumented/iommu_pages.c).
 */
struct iommu_pages_list {
	struct list_head pages;
};

#define IOMMU_PAGES_LIST_INIT(name) \
	((struct iommu_pages_list){ .pages = LIST_HEAD_INIT(name.pages) })

struct iommu_iotlb_gather {
	unsigned long start;
	unsigned long end;
	size_t pgsize;
	struct list_head freelist;
	bool queued;
};

static inline bool iommu_iotlb_gather_queued(struct iommu_iotlb_gather *gather)
{
	return gather && gather->queued;
}

static inline void iommu_iotlb_gather_init(struct iommu_iotlb_gather *gather)
{
	*gather = (struct iommu_iotlb_gather){ .start = ~0UL };
	INIT_LIST_HEAD(&gather->freelist);
}

struct iova_bitmap;

struct iommu_dirty_bitmap {
	struct iova_bitmap *bitmap;
	struct iommu_iotlb_gather *gather;
};

/* Dirty tracking is not exercised by the harness. */
static inline void iommu_dirty_bitmap_record(struct iommu_dirty_bitmap *dirty,
					     unsigned long iova,
					     unsigned long length)
{
	(void)dirty;
	(void)iova;
	(void)length;
}

#endif
