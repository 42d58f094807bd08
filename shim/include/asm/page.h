/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: 4 KiB pages and an identity linear map (see linux/mm.h). */
#ifndef _SHIM_ASM_PAGE_H
#define _SHIM_ASM_PAGE_H

#include <linux/types.h>
#include <shim/site.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) (((addr) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGNED(addr) (((unsigned long)(addr) & (PAGE_SIZE - 1)) == 0)
#define MAX_PAGE_ORDER 10
#define MAX_ORDER MAX_PAGE_ORDER
#define NR_PAGE_ORDERS (MAX_PAGE_ORDER + 1)

void *shim_va(phys_addr_t phys, const struct shim_site *site);

#define virt_to_phys(addr) ((phys_addr_t)(uintptr_t)(addr))
#define __pa(addr) virt_to_phys(addr)
#define __pa_symbol(addr) virt_to_phys(addr)
#define __va(phys) shim_va((phys_addr_t)(phys), SHIM_SITE)
#define phys_to_virt(phys) __va(phys)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)

#endif
