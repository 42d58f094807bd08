// SPDX-License-Identifier: GPL-2.0-only
/*
 * Compiled against the tree's drivers/iommu/iommu-pages.h (Linux >= 6.15):
 * its inline helpers cast a struct page (the shim's) to struct ioptdesc.
 * shim/instrumented/iommu_pages.c relies on the list element overlaying
 * page->lru, as the kernel's own iommu-pages.c asserts.
 */
#include <linux/iommu.h>
#include <linux/mm_types.h>

#include "iommu-pages.h"

#define SHIM_IOPTDESC_MATCH(pg_elm, elm)                    \
	static_assert(offsetof(struct page, pg_elm) ==      \
		      offsetof(struct ioptdesc, elm))
SHIM_IOPTDESC_MATCH(flags, __page_flags);
SHIM_IOPTDESC_MATCH(lru, iopt_freelist_elm);
