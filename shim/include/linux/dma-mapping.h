/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (instrumented): streaming DMA API with an identity mapping and
 * dma-debug style checks: unmap/sync of memory that is not mapped, size or
 * direction mismatch, and mappings still live at the end of an input.
 */
#ifndef _SHIM_LINUX_DMA_MAPPING_H
#define _SHIM_LINUX_DMA_MAPPING_H

#include <linux/device.h>
#include <linux/types.h>
#include <shim/site.h>

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#define DMA_MAPPING_ERROR (~(dma_addr_t)0)
#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

dma_addr_t shim_dma_map_single(struct device *dev, void *ptr, size_t size,
			       enum dma_data_direction dir,
			       const struct shim_site *site);
void shim_dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
			   enum dma_data_direction dir,
			   const struct shim_site *site);
void shim_dma_sync_single(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, bool for_device,
			  const struct shim_site *site);

#define dma_map_single(dev, ptr, size, dir) \
	shim_dma_map_single((dev), (ptr), (size), (dir), SHIM_SITE)
#define dma_unmap_single(dev, addr, size, dir) \
	shim_dma_unmap_single((dev), (addr), (size), (dir), SHIM_SITE)
#define dma_sync_single_for_device(dev, addr, size, dir) \
	shim_dma_sync_single((dev), (addr), (size), (dir), true, SHIM_SITE)
#define dma_sync_single_for_cpu(dev, addr, size, dir) \
	shim_dma_sync_single((dev), (addr), (size), (dir), false, SHIM_SITE)

static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	(void)dev;
	return addr == DMA_MAPPING_ERROR ? -12 : 0;
}

#endif
