/* SPDX-License-Identifier: GPL-2.0-only */
/* TLB maintenance that does nothing, for tests that only look at tables. */
#ifndef _VMBIND_TEST_TLB_NOOP_H
#define _VMBIND_TEST_TLB_NOOP_H

#include <linux/io-pgtable.h>

static void tlb_noop_flush_all(void *cookie)
{
}

static void tlb_noop_flush_walk(unsigned long iova, size_t size,
				size_t granule, void *cookie)
{
}

static void tlb_noop_add_page(struct iommu_iotlb_gather *gather,
			      unsigned long iova, size_t granule, void *cookie)
{
}

static const struct iommu_flush_ops tlb_noop_ops = {
	.tlb_flush_all = tlb_noop_flush_all,
	.tlb_flush_walk = tlb_noop_flush_walk,
	.tlb_add_page = tlb_noop_add_page,
};

#endif
