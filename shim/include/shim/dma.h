/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_DMA_H
#define _SHIM_DMA_H

#include <stddef.h>
#include <stdint.h>

#include <shim/site.h>

/* Live streaming mappings. */
unsigned long shim_dma_live(void);
/* Reports every live mapping as a dma-map-leak finding; returns the count. */
unsigned long shim_dma_check_leaks(void);
void shim_dma_reset(void);
/* A dma-free-mapped finding when [addr, addr + size) is still mapped. */
void shim_dma_check_free(uintptr_t addr, size_t size,
			 const struct shim_site *site);
/* Calls to dma_map_single/dma_sync_single_* since the last reset. */
unsigned long shim_dma_map_calls(void);
unsigned long shim_dma_sync_calls(void);

#endif
