/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: page <-> address conversion. The linear map is the identity:
 * physical address == host virtual address, so page-table entries hold
 * pointers the harness can follow. __va() is instrumented: following a
 * physical address that is not a live allocation is a finding.
 */
#ifndef _SHIM_LINUX_MM_H
#define _SHIM_LINUX_MM_H

#include <asm/page.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/vmstat.h>

void *shim_page_address(const struct page *page);
struct page *shim_virt_to_page(const void *addr, const struct shim_site *site);

#define page_address(page) shim_page_address(page)
#define virt_to_page(addr) shim_virt_to_page((const void *)(addr), SHIM_SITE)
#define page_to_virt(page) page_address(page)
#define page_to_phys(page) ((phys_addr_t)(uintptr_t)page_address(page))
#define virt_to_folio(addr) ((struct folio *)virt_to_page(addr))
#define folio_address(folio) page_address(&(folio)->page)
#define folio_page(folio, n) (&(folio)->page + (n))
#define page_folio(page) ((struct folio *)(page))
#define folio_nid(folio) 0
#define page_to_nid(page) 0

static inline unsigned int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	return 64 - __builtin_clzl((size - 1) >> PAGE_SHIFT);
}

#endif
