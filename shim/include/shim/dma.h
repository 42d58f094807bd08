/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_DMA_H
#define _SHIM_DMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <shim/site.h>

/* Live streaming mappings. */
unsigned long shim_dma_live(void);
/* Reports every live mapping as a dma-map-leak finding; returns the count. */
unsigned long shim_dma_check_leaks(void);
void shim_dma_reset(void);
/*
 * The device's view of streaming mappings: with it on, each mapping keeps a
 * copy of its bytes as of the map and of every later sync for the device,
 * which is what a non-coherent device (a page-table walker) reads.
 */
void shim_dma_set_device_view(bool on);
/*
 * The device's copy of the whole mapping holding phys, with its start and
 * size; valid until the unmap or the reset. NULL if none.
 */
const void *shim_dma_device_map(uint64_t phys, uint64_t *start, size_t *size);
/* A dma-free-mapped finding when [addr, addr + size) is still mapped. */
void shim_dma_check_free(uintptr_t addr, size_t size,
			 const struct shim_site *site);
/* Calls to dma_map_single/dma_sync_single_* since the last reset. */
unsigned long shim_dma_map_calls(void);
unsigned long shim_dma_sync_calls(void);

#endif
