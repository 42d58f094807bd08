/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: struct page. One per 4 KiB page of the shim's physical memory arena
 * (a vmemmap), so page_address()/virt_to_page() are plain arithmetic as in
 * the kernel. The shim_* fields are the allocator's bookkeeping.
 */
#ifndef _SHIM_LINUX_MM_TYPES_H
#define _SHIM_LINUX_MM_TYPES_H

#include <linux/types.h>

struct kmem_cache;

struct page {
	unsigned long flags;
	struct list_head lru;
	void *private_data;
	/* shim bookkeeping */
	u8 shim_state;		/* enum shim_page_state */
	u8 shim_order;		/* order of the block this page heads */
	u8 shim_family;		/* family of a tracked page allocation */
	u8 shim_clean;		/* free block whose bytes are all POISON_FREE */
	u8 shim_incoherent;	/* iommu-pages: DMA-mapped for an incoherent walker */
	struct kmem_cache *shim_cache;	/* owning cache of a slab page */
};

struct folio {
	struct page page;
};

typedef struct pglist_data {
	int node_id;
} pg_data_t;

#endif
