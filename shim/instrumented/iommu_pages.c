// SPDX-License-Identifier: GPL-2.0-only
/*
 * iommu_alloc_pages_node_sz() / iommu_free_pages() / iommu_put_pages_list():
 * the IOMMU page-table page API of Linux >= 6.15 (drivers/iommu/iommu-pages.c,
 * which needs the real folio allocator and is not compiled). Blocks come from
 * the tracked page allocator as family SHIM_FAM_IOMMU_PAGES: zeroed, at least
 * one page, order get_order(size), naturally aligned, NR_IOMMU_PAGES and
 * NR_SECONDARY_PAGETABLE accounted. Freeing one through another API, or
 * freeing anything else through these, is a wrong-allocator finding.
 *
 * 7.x trees (7.2, 7.3) add the incoherent-walker API
 * (iommu_pages_start_incoherent and friends), provided here as an arm64
 * kernel has it (IOMMU_PAGES_USE_DMA_API): a page
 * handed to a non-coherent walker is DMA-mapped whole, PTE writes are synced
 * through that mapping (iommu_pages_flush_incoherent, inline in the tree's
 * header), and the mapping is undone before the page is freed; freeing a
 * page that is still incoherent is the kernel's WARN_ON_ONCE.
 *
 * The tree's iommu-pages.h declares these as plain functions, so they cannot
 * be call-site macros like the rest of the shim. The call site is recovered
 * from the return address instead (with the sanitizer runtime's symbolizer,
 * when there is one), so findings still name the kernel caller.
 */
#ifdef SHIM_KERNEL_IOMMU_PAGES_SZ

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <shim/finding.h>
#include <shim/iommu_pages.h>
#include <shim/warn.h>

#include "internal.h"


static const struct shim_site site_alloc = {
	"iommu_alloc_pages_node_sz", "drivers/iommu/iommu-pages.c", 0
};
static const struct shim_site site_free = {
	"iommu_free_pages", "drivers/iommu/iommu-pages.c", 0
};
static const struct shim_site site_put_list = {
	"iommu_put_pages_list", "drivers/iommu/iommu-pages.c", 0
};
static const struct shim_site site_start = {
	"iommu_pages_start_incoherent", "drivers/iommu/iommu-pages.c", 0
};
static const struct shim_site site_start_list = {
	"iommu_pages_start_incoherent_list", "drivers/iommu/iommu-pages.c", 0
};
static const struct shim_site site_stop_list = {
	"iommu_pages_stop_incoherent_list", "drivers/iommu/iommu-pages.c", 0
};
static const struct shim_site site_free_incoherent = {
	"iommu_pages_free_incoherent", "drivers/iommu/iommu-pages.c", 0
};

/* sanitizer_common; absent (NULL) in builds without a sanitizer runtime. */
void __sanitizer_symbolize_pc(void *pc, const char *fmt, char *out_buf,
			      size_t out_buf_size) __attribute__((weak));

struct pc_site {
	void *pc;
	struct shim_site site;
};

static struct pc_site *pc_sites;
static size_t n_pc_sites;

/*
 * The symbolizer joins the compilation directory (the build directory) to
 * the -ffile-prefix-map'ed name that __FILE__ holds. Recover the latter: the
 * longest trailing part of the path that names a file of the kernel tree or
 * of the project.
 */
static const char *source_relative(const char *path)
{
	static const char *const roots[] = { SHIM_KERNEL_TREE, SHIM_SOURCE_DIR };
	char full[2048];

	for (const char *p = path; p; p = strchr(p, '/')) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
			snprintf(full, sizeof(full), "%s/%s", roots[i], p);
			if (!access(full, F_OK))
				return p;
		}
	}
	return path;
}

/*
 * The innermost (possibly inlined) frame at pc as "func\tfile\tline", or
 * the fallback when it cannot be symbolized. Resolved once per pc and kept
 * for the life of the process: sites must outlive every object record.
 */
static const struct shim_site *caller_site(void *ret,
					   const struct shim_site *fallback)
{
	void *pc = (char *)ret - 1;
	char buf[1024], *file, *line;
	struct shim_site site;
	size_t i;

	for (i = 0; i < n_pc_sites; i++)
		if (pc_sites[i].pc == pc)
			return &pc_sites[i].site;
	if (!__sanitizer_symbolize_pc || n_pc_sites >= 64)
		return fallback;
	if (!pc_sites) {
		pc_sites = calloc(64, sizeof(*pc_sites));
		if (!pc_sites)
			return fallback;
	}
	buf[0] = 0;
	__sanitizer_symbolize_pc(pc, "%f\t%s\t%l", buf, sizeof(buf));
	file = strchr(buf, '\t');
	line = file ? strchr(file + 1, '\t') : NULL;
	if (!file || !line || buf[0] == '?' || !buf[0] || file[1] == '?')
		return fallback;
	*file++ = 0;
	*line++ = 0;
	site.func = strdup(buf);
	site.file = strdup(source_relative(file));
	site.line = atoi(line);
	if (!site.func || !site.file)
		return fallback;
	pc_sites[n_pc_sites] = (struct pc_site){ .pc = pc, .site = site };
	return &pc_sites[n_pc_sites++].site;
}

static void account(void *virt, unsigned int order, long sign)
{
	struct page *page = physmem_page((uintptr_t)virt);
	long pgcnt = sign * (1L << order);

	mod_node_page_state(page_pgdat(page), NR_IOMMU_PAGES, pgcnt);
	mod_lruvec_page_state(page, NR_SECONDARY_PAGETABLE, pgcnt);
}

noinline void *iommu_alloc_pages_node_sz(int nid, gfp_t gfp,
							  size_t size)
{
	const struct shim_site *site =
		caller_site(__builtin_return_address(0), &site_alloc);
	unsigned int order;
	struct page *page;
	void *virt;

	(void)nid;
	/* This uses page_address() on the memory. */
	if (gfp & __GFP_HIGHMEM) {
		shim_warn("WARN_ON(gfp & __GFP_HIGHMEM)", site);
		return NULL;
	}
	/* Sub-page allocations get a full page. */
	order = get_order(size);
	page = shim_alloc_pages_family(SHIM_FAM_IOMMU_PAGES, gfp | __GFP_ZERO,
				       order, site);
	if (!page)
		return NULL;
	page->shim_incoherent = 0;
	virt = physmem_page_addr(page);
	account(virt, order, 1);
	return virt;
}

/* Frees one block; the order comes from the allocation record. */
static void free_one(void *virt, const char *api, const struct shim_site *site)
{
	struct shim_obj *o = objtrack_lookup((uintptr_t)virt);
	bool ours = o && o->state == SHIM_OBJ_LIVE &&
		    o->family == SHIM_FAM_IOMMU_PAGES;
	unsigned int order = ours ? o->order : 0;

	/* __iommu_free_desc(), IOMMU_PAGES_USE_DMA_API */
	if (ours && physmem_page((uintptr_t)virt)->shim_incoherent)
		__SHIM_ONCE(1, shim_warn("WARN_ON_ONCE(iopt->incoherent) in __iommu_free_desc: page freed while still DMA-mapped for an incoherent walker",
					 site));

	/* Reports invalid, double and wrong-allocator frees. */
	shim_free_pages_family(SHIM_FAM_IOMMU_PAGES, (uintptr_t)virt, -1, api,
			       site);
	if (ours)
		account(virt, order, -1);
}

noinline void iommu_free_pages(void *virt)
{
	if (!virt)
		return;
	free_one(virt, "iommu_free_pages",
		 caller_site(__builtin_return_address(0), &site_free));
}

/*
 * The list is chained through struct page's lru, which overlays struct
 * ioptdesc's iopt_freelist_elm (kernel/iommu_pages_layout.c checks that
 * against the tree's iommu-pages.h).
 */
noinline void iommu_put_pages_list(struct iommu_pages_list *list)
{
	const struct shim_site *site =
		caller_site(__builtin_return_address(0), &site_put_list);
	struct list_head *pos = list->pages.next, *next;

	for (; pos != &list->pages; pos = next) {
		struct page *page = container_of(pos, struct page, lru);

		next = pos->next;
		free_one(physmem_page_addr(page), "iommu_put_pages_list", site);
	}
}

#ifdef SHIM_KERNEL_IOMMU_PAGES_INCOHERENT
/* A live iommu-pages block: its head page and size, or NULL (reported). */
static struct page *incoherent_block(void *virt, size_t *bytes,
				     const struct shim_site *site)
{
	struct shim_obj *o = objtrack_lookup((uintptr_t)virt);

	if (!o || o->state != SHIM_OBJ_LIVE ||
	    o->family != SHIM_FAM_IOMMU_PAGES || o->addr != (uintptr_t)virt) {
		shim_finding("wrong-allocator", site,
			     "%p is not a live iommu_alloc_pages_node_sz() block",
			     virt);
		return NULL;
	}
	*bytes = PAGE_SIZE << o->order;
	return physmem_page((uintptr_t)virt);
}

static int start_one(void *virt, struct device *dma_dev,
		     const struct shim_site *site)
{
	struct page *page;
	dma_addr_t dma;
	size_t bytes;

	page = incoherent_block(virt, &bytes, site);
	if (!page)
		return -EINVAL;
	if (page->shim_incoherent) {
		shim_warn("WARN_ON(iopt->incoherent) in iommu_pages_start_incoherent",
			  site);
		return -EINVAL;
	}
	dma = shim_dma_map_single(dma_dev, virt, bytes, DMA_TO_DEVICE, site);
	if (dma_mapping_error(dma_dev, dma))
		return -EINVAL;
	/* Only DMA direct may be used for page tables. */
	if (dma != virt_to_phys(virt)) {
		shim_warn("WARN_ON(dma != virt_to_phys(virt)) in iommu_pages_start_incoherent",
			  site);
		shim_dma_unmap_single(dma_dev, dma, bytes, DMA_TO_DEVICE, site);
		return -EOPNOTSUPP;
	}
	page->shim_incoherent = 1;
	return 0;
}

static void stop_one(void *virt, struct device *dma_dev,
		     const struct shim_site *site)
{
	struct page *page;
	size_t bytes;

	page = incoherent_block(virt, &bytes, site);
	if (!page || !page->shim_incoherent)
		return;
	shim_dma_unmap_single(dma_dev, virt_to_phys(virt), bytes,
			      DMA_TO_DEVICE, site);
	page->shim_incoherent = 0;
}

noinline int iommu_pages_start_incoherent(void *virt, struct device *dma_dev)
{
	return start_one(virt, dma_dev,
			 caller_site(__builtin_return_address(0), &site_start));
}

/* On failure the caller must call iommu_pages_stop_incoherent_list(). */
noinline int iommu_pages_start_incoherent_list(struct iommu_pages_list *list,
					       struct device *dma_dev)
{
	const struct shim_site *site =
		caller_site(__builtin_return_address(0), &site_start_list);
	struct page *page;
	int ret;

	list_for_each_entry(page, &list->pages, lru) {
		if (page->shim_incoherent) {
			shim_warn("WARN_ON(cur->incoherent) in iommu_pages_start_incoherent_list",
				  site);
			continue;
		}
		ret = start_one(physmem_page_addr(page), dma_dev, site);
		if (ret)
			return ret;
	}
	return 0;
}

/* Pages that never started (or failed to) are left alone. */
noinline void iommu_pages_stop_incoherent_list(struct iommu_pages_list *list,
					       struct device *dma_dev)
{
	const struct shim_site *site =
		caller_site(__builtin_return_address(0), &site_stop_list);
	struct page *page;

	list_for_each_entry(page, &list->pages, lru)
		stop_one(physmem_page_addr(page), dma_dev, site);
}

noinline void iommu_pages_free_incoherent(void *virt, struct device *dma_dev)
{
	const struct shim_site *site = caller_site(
		__builtin_return_address(0), &site_free_incoherent);

	stop_one(virt, dma_dev, site);
	free_one(virt, "iommu_pages_free_incoherent", site);
}
#endif /* SHIM_KERNEL_IOMMU_PAGES_INCOHERENT */

#endif /* SHIM_KERNEL_IOMMU_PAGES_SZ */
