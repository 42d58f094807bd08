// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rendition of the seed patch ("drm/msm: Pre-allocate pages for pgtable
 * entries", v2 27/34, March 2025; ../shared/seed/) on top of the Linux 6.12
 * msm_iommu.c page-table paths it extends: the reservation (count, allocate,
 * cleanup), the custom io-pgtable allocator hooks, and the VM_BIND page
 * table (create, map, map of the PRR page, unmap, destroy). Written from the
 * patch as a specification; error paths are kept exactly as posted.
 */
#include <linux/io-pgtable.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "seed_msm.h"
#include "seed_variant.h"

enum seed_variant seed_variant = SEED_AS_POSTED;

static const char *const variant_names[SEED_VARIANT_NR] = {
	[SEED_AS_POSTED] = "as-posted",
	[SEED_FIXED] = "fixed",
	[SEED_BROKEN_COUNT_NO_L3] = "broken-count-no-l3",
	[SEED_BROKEN_CLEANUP_WRONG_RANGE] = "broken-cleanup-wrong-range",
	[SEED_BROKEN_ALLOC_NO_ZERO] = "broken-alloc-no-zero",
	[SEED_BROKEN_CLEANUP_KEEPS_UNUSED] = "broken-cleanup-keeps-unused",
	[SEED_BROKEN_FREE_ROOT_TO_CACHE] = "broken-free-root-to-cache",
	[SEED_BROKEN_MAP_IGNORES_OFFSET] = "broken-map-ignores-offset",
	[SEED_BROKEN_FIX_NO_CLEAR] = "broken-fix-no-clear",
	[SEED_BROKEN_FIX_KFREE] = "broken-fix-kfree",
};

const char *seed_variant_name(enum seed_variant v)
{
	return v < SEED_VARIANT_NR ? variant_names[v] : "?";
}

int seed_variant_parse(const char *name)
{
	for (int v = 0; v < SEED_VARIANT_NR; v++)
		if (!strcmp(name, variant_names[v]))
			return v;
	return -1;
}

/* ---- TLB maintenance: nothing to flush in userspace, calls are counted ---- */

static unsigned long tlb_calls;

static void seed_tlb_flush_all(void *cookie)
{
	tlb_calls++;
}

static void seed_tlb_flush_walk(unsigned long iova, size_t size,
				size_t granule, void *cookie)
{
	tlb_calls++;
}

static void seed_tlb_add_page(struct iommu_iotlb_gather *gather,
			      unsigned long iova, size_t granule, void *cookie)
{
	tlb_calls++;
}

static const struct iommu_flush_ops seed_tlb_ops = {
	.tlb_flush_all = seed_tlb_flush_all,
	.tlb_flush_walk = seed_tlb_flush_walk,
	.tlb_add_page = seed_tlb_add_page,
};

/* ---- the reservation (msm_iommu.c, as posted) ---- */

static struct kmem_cache *get_pt_cache(struct seed_pagetable *pagetable)
{
	return pagetable->parent->pt_cache;
}

void seed_prealloc_count(struct seed_pagetable *pagetable,
			 struct seed_prealloc *p, uint64_t iova, size_t len)
{
	u64 pt_count;

	/* L1, L2 and L3 page tables, over-provisioned per region touched. */
	pt_count = ((ALIGN(iova + len, 1ull << 39) - ALIGN_DOWN(iova, 1ull << 39)) >> 39) +
		   ((ALIGN(iova + len, 1ull << 30) - ALIGN_DOWN(iova, 1ull << 30)) >> 30);
	if (seed_variant != SEED_BROKEN_COUNT_NO_L3)
		pt_count += (ALIGN(iova + len, 1ull << 21) - ALIGN_DOWN(iova, 1ull << 21)) >> 21;

	/* Fixed: a u32 sum of huge ranges must not wrap to a small count. */
	if (seed_variant == SEED_FIXED && p->count + pt_count > U32_MAX) {
		p->count = U32_MAX;
		return;
	}
	p->count += pt_count;
}

int seed_prealloc_allocate(struct seed_pagetable *pagetable,
			   struct seed_prealloc *p)
{
	struct kmem_cache *pt_cache = get_pt_cache(pagetable);
	bool fixed = seed_variant == SEED_FIXED ||
		     seed_variant == SEED_BROKEN_FIX_NO_CLEAR ||
		     seed_variant == SEED_BROKEN_FIX_KFREE;
	int ret;

	if (seed_variant == SEED_FIXED)
		/* userspace controls the size: fail quietly, not with a WARN */
		p->pages = kvmalloc_array(p->count, sizeof(*p->pages),
					  GFP_KERNEL | __GFP_NOWARN);
	else if (fixed)
		p->pages = kvmalloc_array(p->count, sizeof(*p->pages), GFP_KERNEL);
	else
		p->pages = kcalloc(p->count, sizeof(p->pages), GFP_KERNEL);
	if (!p->pages)
		return -ENOMEM;

	ret = kmem_cache_alloc_bulk(pt_cache, GFP_KERNEL, p->count, p->pages);
	if (ret != p->count) {
		if (seed_variant == SEED_BROKEN_FIX_KFREE)
			kfree(p->pages);
		else if (fixed)
			kvfree(p->pages);
		if (fixed && seed_variant != SEED_BROKEN_FIX_NO_CLEAR)
			p->pages = NULL;
		p->count = ret;
		return -ENOMEM;
	}

	return 0;
}

void seed_prealloc_cleanup(struct seed_pagetable *pagetable,
			   struct seed_prealloc *p)
{
	struct kmem_cache *pt_cache = get_pt_cache(pagetable);
	uint32_t remaining_pt_count = p->count - p->ptr;

	if (seed_variant == SEED_FIXED || seed_variant == SEED_BROKEN_FIX_NO_CLEAR ||
	    seed_variant == SEED_BROKEN_FIX_KFREE) {
		if (!p->pages)
			return;
		kmem_cache_free_bulk(pt_cache, remaining_pt_count, &p->pages[p->ptr]);
		kvfree(p->pages);
		return;
	}

	if (seed_variant == SEED_BROKEN_CLEANUP_WRONG_RANGE)
		kmem_cache_free_bulk(pt_cache, remaining_pt_count, &p->pages[0]);
	else if (seed_variant != SEED_BROKEN_CLEANUP_KEEPS_UNUSED)
		kmem_cache_free_bulk(pt_cache, remaining_pt_count, &p->pages[p->ptr]);
	kfree(p->pages);
}

/* ---- io_pgtable_cfg.alloc / .free ---- */

static void *seed_alloc_pt(void *cookie, size_t size, gfp_t gfp)
{
	struct seed_pagetable *pagetable = cookie;
	struct seed_prealloc *p = pagetable->prealloc;
	void *page;

	/* Allocation of the root page table happening during init. */
	if (unlikely(!pagetable->root_page_table)) {
		struct page *p;

		p = alloc_pages_node(dev_to_node(pagetable->iommu_dev),
				     gfp | __GFP_ZERO, get_order(size));
		page = p ? page_address(p) : NULL;
		pagetable->root_page_table = page;
		return page;
	}

	if (WARN_ON(!p) || WARN_ON(p->ptr >= p->count))
		return NULL;

	page = p->pages[p->ptr++];
	if (seed_variant != SEED_BROKEN_ALLOC_NO_ZERO)
		memset(page, 0, size);

	kmemleak_ignore(page);

	return page;
}

static void seed_free_pt(void *cookie, void *data, size_t size)
{
	struct seed_pagetable *pagetable = cookie;

	if (unlikely(pagetable->root_page_table == data) &&
	    seed_variant != SEED_BROKEN_FREE_ROOT_TO_CACHE) {
		free_pages((unsigned long)data, get_order(size));
		pagetable->root_page_table = NULL;
		return;
	}

	kmem_cache_free(get_pt_cache(pagetable), data);
}

/* ---- page table create / destroy ---- */

static size_t get_tblsz(const struct io_pgtable_cfg *cfg)
{
	int pg_shift, bits_per_level;

	pg_shift = __ffs(cfg->pgsize_bitmap);
	/* arm_lpae_iopte is u64: */
	bits_per_level = pg_shift - ilog2(sizeof(u64));

	return sizeof(u64) << bits_per_level;
}

/* msm_iommu_gpu_new() + msm_iommu_pagetable_create(parent, false) */
int seed_vm_create(struct seed_pagetable **out, unsigned int ias,
		   unsigned int oas, bool coherent_walk)
{
	struct seed_iommu *iommu;
	struct seed_pagetable *pagetable;
	struct io_pgtable_cfg ttbr0_cfg;

	iommu = kzalloc(sizeof(*iommu), GFP_KERNEL);
	if (!iommu)
		return -ENOMEM;

	/* What the SMMU reports for TTBR1 (adreno_smmu->get_ttbr1_cfg()). */
	iommu->ttbr1_cfg = (struct io_pgtable_cfg){
		.quirks = IO_PGTABLE_QUIRK_ARM_TTBR1,
		.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G,
		.ias = ias,
		.oas = oas,
		.coherent_walk = coherent_walk,
		.tlb = &seed_tlb_ops,
		.iommu_dev = &iommu->dev,
	};
	set_dev_node(&iommu->dev, NUMA_NO_NODE);

	{
		size_t tblsz = get_tblsz(&iommu->ttbr1_cfg);

		/* As posted (and in Linux 6.17): the result is not checked. */
		iommu->pt_cache =
			kmem_cache_create("msm-mmu-pt", tblsz, tblsz, 0, NULL);
		if (!iommu->pt_cache && seed_variant == SEED_FIXED) {
			kfree(iommu);
			return -ENOMEM;
		}
	}

	pagetable = kzalloc(sizeof(*pagetable), GFP_KERNEL);
	if (!pagetable) {
		seed_iommu_destroy(iommu);
		return -ENOMEM;
	}

	ttbr0_cfg = iommu->ttbr1_cfg;
	ttbr0_cfg.quirks &= ~IO_PGTABLE_QUIRK_ARM_TTBR1;
	ttbr0_cfg.tlb = &seed_tlb_ops;

	/* userspace-managed VM (VM_BIND): preallocated tables, 4 KiB pages */
	ttbr0_cfg.alloc = seed_alloc_pt;
	ttbr0_cfg.free = seed_free_pt;
	pagetable->tblsz = get_tblsz(&ttbr0_cfg);
	WARN_ON(!(ttbr0_cfg.pgsize_bitmap & PAGE_SIZE));
	ttbr0_cfg.pgsize_bitmap = PAGE_SIZE;

	pagetable->iommu_dev = iommu->ttbr1_cfg.iommu_dev;
	pagetable->pgtbl_ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &ttbr0_cfg,
						    pagetable);
	if (!pagetable->pgtbl_ops) {
		kfree(pagetable);
		seed_iommu_destroy(iommu);
		return -ENOMEM;
	}

	/* The PRR page that MAP_NULL ranges point at. */
	iommu->prr_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!iommu->prr_page) {
		free_io_pgtable_ops(pagetable->pgtbl_ops);
		kfree(pagetable);
		seed_iommu_destroy(iommu);
		return -ENOMEM;
	}

	pagetable->parent = iommu;
	pagetable->pgsize_bitmap = ttbr0_cfg.pgsize_bitmap;
	pagetable->ttbr = ttbr0_cfg.arm_lpae_s1_cfg.ttbr;
	*out = pagetable;
	return 0;
}

void seed_iommu_destroy(struct seed_iommu *iommu)
{
	kmem_cache_destroy(iommu->pt_cache);
	kfree(iommu);
}

void seed_vm_destroy(struct seed_pagetable *pagetable)
{
	struct seed_iommu *iommu = pagetable->parent;

	free_io_pgtable_ops(pagetable->pgtbl_ops);
	kfree(pagetable);
	__free_page(iommu->prr_page);
	seed_iommu_destroy(iommu);
}

/* ---- map / unmap (msm_iommu.c of Linux 6.12, with the PRR map) ---- */

/*
 * Page size and count for the next io-pgtable call, as msm picks them: the
 * biggest supported page size that fits the remaining length and the
 * alignment of both addresses, and as many of those pages as fit before a
 * bigger page size could take over. (VM_BIND tables support only 4 KiB.)
 */
static size_t calc_pgsize(struct seed_pagetable *pagetable, unsigned long iova,
			  phys_addr_t paddr, size_t size, size_t *count)
{
	unsigned long usable = pagetable->pgsize_bitmap;
	unsigned long align = iova | paddr;
	unsigned long bigger;
	size_t pgsize, next, room;

	/* no page bigger than the remaining length, or than the alignment */
	usable &= GENMASK(__fls(size), 0);
	if (align)
		usable &= GENMASK(__ffs(align), 0);
	BUG_ON(!usable);
	pgsize = BIT(__fls(usable));

	/* stop where a bigger supported page could start, if one fits */
	room = size;
	bigger = pagetable->pgsize_bitmap & ~GENMASK(__fls(pgsize), 0);
	if (bigger) {
		next = BIT(__ffs(bigger));
		if (!((iova ^ paddr) & (next - 1))) {
			size_t to_boundary = next - (align & (next - 1));

			if (to_boundary + next <= size)
				room = to_boundary;
		}
	}
	*count = room / pgsize;
	return pgsize;
}

int seed_unmap(struct seed_pagetable *pagetable, u64 iova, size_t size)
{
	struct io_pgtable_ops *ops = pagetable->pgtbl_ops;

	while (size) {
		size_t unmapped, pgsize, count;

		pgsize = calc_pgsize(pagetable, iova, iova, size, &count);

		unmapped = ops->unmap_pages(ops, iova, pgsize, count, NULL);
		if (!unmapped)
			break;

		iova += unmapped;
		size -= unmapped;
	}

	/* iommu_flush_iotlb_all() on the parent domain */
	tlb_calls++;

	return (size == 0) ? 0 : -EINVAL;
}

int seed_map(struct seed_pagetable *pagetable, u64 iova, struct sg_table *sgt,
	     size_t off, size_t len, int prot)
{
	struct io_pgtable_ops *ops = pagetable->pgtbl_ops;
	struct scatterlist *sg;
	u64 addr = iova;
	unsigned int i;

	if (seed_variant == SEED_BROKEN_MAP_IGNORES_OFFSET)
		off = 0;

	for_each_sgtable_sg(sgt, sg, i) {
		size_t size = sg->length;
		phys_addr_t phys = sg_phys(sg);

		if (!len)
			break;

		if (size <= off) {
			off -= size;
			continue;
		}

		phys += off;
		size -= off;
		size = min_t(size_t, size, len);
		off = 0;

		while (size) {
			size_t pgsize, count, mapped = 0;
			int ret;

			pgsize = calc_pgsize(pagetable, addr, phys, size, &count);

			ret = ops->map_pages(ops, addr, phys, pgsize, count,
					     prot, GFP_KERNEL, &mapped);

			/* map_pages can fail after mapping some of the pages */
			phys += mapped;
			addr += mapped;
			size -= mapped;
			len -= mapped;

			if (ret) {
				seed_unmap(pagetable, iova, addr - iova);
				return -EINVAL;
			}
		}
	}

	return 0;
}

int seed_map_prr(struct seed_pagetable *pagetable, u64 iova, size_t len,
		 int prot)
{
	struct io_pgtable_ops *ops = pagetable->pgtbl_ops;
	phys_addr_t phys = page_to_phys(pagetable->parent->prr_page);
	u64 addr = iova;

	while (len) {
		size_t mapped = 0;
		size_t size = PAGE_SIZE;
		int ret;

		ret = ops->map_pages(ops, addr, phys, size, 1, prot, GFP_KERNEL,
				     &mapped);

		addr += mapped;
		len -= mapped;

		if (ret) {
			seed_unmap(pagetable, iova, addr - iova);
			return -EINVAL;
		}
	}

	return 0;
}
