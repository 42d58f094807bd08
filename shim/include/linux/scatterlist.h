/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (stub): scatter-gather tables. The harness builds them by hand for
 * BOs whose pages are never touched, so an entry carries its physical
 * address directly instead of a struct page. length is 32-bit, as in the
 * kernel, which bounds one entry to under 4 GiB.
 */
#ifndef _SHIM_LINUX_SCATTERLIST_H
#define _SHIM_LINUX_SCATTERLIST_H

#include <linux/types.h>

struct scatterlist {
	unsigned long page_link;
	unsigned int offset;
	unsigned int length;
	dma_addr_t dma_address;
	unsigned int dma_length;
	phys_addr_t shim_phys;
};

struct sg_table {
	struct scatterlist *sgl;
	unsigned int nents;
	unsigned int orig_nents;
};

static inline phys_addr_t sg_phys(struct scatterlist *sg)
{
	return sg->shim_phys + sg->offset;
}

static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	return sg + 1;
}

#define sg_dma_address(sg) ((sg)->dma_address)
#define sg_dma_len(sg) ((sg)->dma_length)

#define for_each_sg(sglist, sg, nr, __i) \
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))
#define for_each_sgtable_sg(sgt, sg, i) \
	for_each_sg((sgt)->sgl, sg, (sgt)->orig_nents, i)
#define for_each_sgtable_dma_sg(sgt, sg, i) \
	for_each_sg((sgt)->sgl, sg, (sgt)->nents, i)

#endif
