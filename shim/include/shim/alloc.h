/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Instrumented allocators: every live object is recorded with its family
 * (and cache). Misuse is reported as a finding:
 *   double-free, invalid-free (never allocated), wrong-allocator (freed
 *   through another family, cache or order), cache-destroy-live, leak.
 * Also: allocation fault injection and a memory budget.
 */
#ifndef _SHIM_ALLOC_H
#define _SHIM_ALLOC_H

#include <linux/types.h>
#include <shim/site.h>

enum shim_family {
	SHIM_FAM_KMALLOC,	/* kmalloc, kzalloc, kcalloc, kmalloc_array, *_obj */
	SHIM_FAM_KVMALLOC,	/* kvmalloc, kvzalloc, kvmalloc_array, kvcalloc */
	SHIM_FAM_SLAB,		/* kmem_cache_alloc and friends */
	SHIM_FAM_PAGES,		/* alloc_pages, __get_free_pages */
	SHIM_FAM_IOMMU_PAGES,	/* iommu_alloc_pages_node_sz (Linux >= 6.15) */
	SHIM_FAM_CACHE,		/* the kmem_cache structures themselves */
	SHIM_FAM_NR,
};

#define SHIM_FAM_MASK(f) (1u << (f))
#define SHIM_FAM_ALL ((1u << SHIM_FAM_NR) - 1)

const char *shim_family_name(enum shim_family fam);

/* Live objects per family, and total bytes charged against the budget. */
unsigned long shim_alloc_live(enum shim_family fam);
size_t shim_mem_in_use(void);
/* Budget for all families together; allocations beyond it return NULL. */
void shim_mem_set_budget(size_t bytes);
#define SHIM_MEM_DEFAULT_BUDGET ((size_t)256 << 20)

/*
 * Fault injection: fail the nth (1-based) allocation call whose family is in
 * fam_mask, counted from this call on. n == 0 disables injection.
 */
void shim_fault_fail_nth(unsigned long n, unsigned int fam_mask);
/* Allocation calls counted so far (all families) since the last reset. */
unsigned long shim_fault_calls(void);
/* Allocation calls counted for the injection mask since it was armed. */
unsigned long shim_fault_calls_masked(void);
unsigned long shim_fault_injected(void);
const struct shim_site *shim_fault_last_site(void);
enum shim_family shim_fault_last_family(void);

/*
 * End-of-input check: report every live object as a leak finding (one per
 * family and allocation site, with counts). Returns the number of leaked
 * objects.
 */
unsigned long shim_alloc_check_leaks(void);

/* Forget every object (without reporting) and make state deterministic. */
void shim_alloc_reset(void);

/*
 * Validates a physical address that kernel code is about to dereference
 * through __va(): it must lie in a live allocation. Reports bad-pte-deref
 * otherwise and returns false.
 */
bool shim_phys_is_live(phys_addr_t phys, const struct shim_site *site);

/* Resets everything a test input may have changed (allocators, DMA, WARN). */
void shim_reset(void);

#endif
