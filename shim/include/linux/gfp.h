/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: GFP flags (the bits the shim honours are documented inline). */
#ifndef _SHIM_LINUX_GFP_H
#define _SHIM_LINUX_GFP_H

#include <linux/mm_types.h>
#include <linux/numa.h>
#include <linux/types.h>
#include <shim/site.h>

#define __GFP_DMA 0x01u
#define __GFP_HIGHMEM 0x02u
#define __GFP_DMA32 0x04u
#define __GFP_MOVABLE 0x08u
#define __GFP_RECLAIMABLE 0x10u
#define __GFP_HIGH 0x20u
#define __GFP_IO 0x40u
#define __GFP_FS 0x80u
#define __GFP_ZERO 0x100u	/* honoured: memory is zeroed */
#define __GFP_DIRECT_RECLAIM 0x400u
#define __GFP_KSWAPD_RECLAIM 0x800u
#define __GFP_WRITE 0x1000u
#define __GFP_NOWARN 0x2000u	/* honoured: no WARN for oversized requests */
#define __GFP_RETRY_MAYFAIL 0x4000u
#define __GFP_NOFAIL 0x8000u
#define __GFP_NORETRY 0x10000u
#define __GFP_MEMALLOC 0x20000u
#define __GFP_COMP 0x40000u
#define __GFP_NOMEMALLOC 0x80000u
#define __GFP_HARDWALL 0x100000u
#define __GFP_THISNODE 0x200000u
#define __GFP_ACCOUNT 0x400000u
#define __GFP_NOLOCKDEP 0x800000u
#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)

static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return !!(gfp & __GFP_DIRECT_RECLAIM);
}

struct page *shim_alloc_pages(gfp_t gfp, unsigned int order,
			      const struct shim_site *site);
void shim_free_pages_page(struct page *page, unsigned int order,
			  const struct shim_site *site);
unsigned long shim_get_free_pages(gfp_t gfp, unsigned int order,
				  const struct shim_site *site);
void shim_free_pages_addr(unsigned long addr, unsigned int order,
			  const struct shim_site *site);
void shim_put_page(struct page *page, const struct shim_site *site);

#define alloc_pages(gfp, order) shim_alloc_pages((gfp), (order), SHIM_SITE)
#define alloc_page(gfp) alloc_pages(gfp, 0)
#define alloc_pages_node(nid, gfp, order) \
	((void)(nid), shim_alloc_pages((gfp), (order), SHIM_SITE))
#define __alloc_pages_node(nid, gfp, order) alloc_pages_node(nid, gfp, order)
#define __get_free_pages(gfp, order) shim_get_free_pages((gfp), (order), SHIM_SITE)
#define __get_free_page(gfp) __get_free_pages((gfp), 0)
#define get_zeroed_page(gfp) __get_free_pages((gfp) | __GFP_ZERO, 0)
#define __free_pages(page, order) shim_free_pages_page((page), (order), SHIM_SITE)
#define __free_page(page) __free_pages((page), 0)
#define free_pages(addr, order) shim_free_pages_addr((unsigned long)(addr), (order), SHIM_SITE)
#define free_page(addr) free_pages((addr), 0)
#define put_page(page) shim_put_page((page), SHIM_SITE)

#endif
