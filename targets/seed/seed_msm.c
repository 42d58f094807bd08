// SPDX-License-Identifier: GPL-2.0-only
/*
 * Our rendition of the seed patch ("drm/msm: Pre-allocate pages for pgtable
 * entries", v2 27/34, March 2025; ../shared/seed/), written from the patch
 * as a specification, on top of the msm VM_BIND page table it extends: the
 * reservation (count, allocate, cleanup), the io-pgtable allocator hooks,
 * and the table itself (create, map, map of the PRR page, unmap, destroy).
 * Error paths behave exactly as posted; variants (seed_variant.h) add the
 * fixes, or break things on purpose for the tests, in the test build only.
 */
#include <linux/io-pgtable.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "seed_msm.h"
#include "seed_variant.h"

/* The variants that carry the upstream error-path fix (or a version of it). */
static bool has_error_path_fix(void)
{
	return seed_variant == SEED_FIXED ||
	       seed_variant == SEED_BROKEN_FIX_NO_CLEAR ||
	       seed_variant == SEED_BROKEN_FIX_KFREE;
}

/* ---- TLB maintenance: there is no TLB to invalidate in userspace ---- */

static void tlb_all(void *cookie)
{
}

static void tlb_walk(unsigned long iova, size_t len, size_t granule,
		     void *cookie)
{
}

static void tlb_leaf(struct iommu_iotlb_gather *gather, unsigned long iova,
		     size_t granule, void *cookie)
{
}

static const struct iommu_flush_ops tlb_ops = {
	.tlb_flush_all = tlb_all,
	.tlb_flush_walk = tlb_walk,
	.tlb_add_page = tlb_leaf,
};

/* ---- the reservation ---- */

/* Regions of 2^shift bytes that [iova, iova + len) touches. */
static u64 regions(u64 iova, u64 len, unsigned int shift)
{
	u64 first = ALIGN_DOWN(iova, 1ull << shift);
	u64 end = ALIGN(iova + len, 1ull << shift);

	return (end - first) >> shift;
}

/*
 * Worst case for one MAP: a table per 512 GiB (L1), 1 GiB (L2) and 2 MiB
 * (L3) region of the range, added to the job's u32 count as posted.
 */
void seed_prealloc_count(struct seed_pagetable *pt, struct seed_prealloc *r,
			 uint64_t iova, size_t len)
{
	u64 worst = regions(iova, len, 39) + regions(iova, len, 30);

	if (seed_variant != SEED_BROKEN_COUNT_NO_L3)
		worst += regions(iova, len, 21);
	/* fixed: the sum must not wrap round to a small reservation */
	if (seed_variant == SEED_FIXED && worst > U32_MAX - r->reserved)
		worst = U32_MAX - r->reserved;
	r->reserved += worst;
}

/* Array of page pointers, then the pages, in one all-or-nothing bulk call. */
int seed_prealloc_allocate(struct seed_pagetable *pt, struct seed_prealloc *r)
{
	struct kmem_cache *cache = pt->parent->table_cache;
	int got;

	if (seed_variant == SEED_FIXED)	/* user-sized: no WARN when too big */
		r->slots = kvmalloc_array(r->reserved, sizeof(void *), GFP_KERNEL | __GFP_NOWARN);
	else if (has_error_path_fix())
		r->slots = kvmalloc_array(r->reserved, sizeof(void *), GFP_KERNEL);
	else			/* as posted: kcalloc, sized by sizeof(void **) */
		r->slots = kcalloc(r->reserved, sizeof(r->slots), GFP_KERNEL);
	if (r->slots == NULL)
		return -ENOMEM;	/* as posted: r->reserved stays set */

	got = kmem_cache_alloc_bulk(cache, GFP_KERNEL, r->reserved, r->slots);
	if ((uint32_t)got == r->reserved)
		return 0;
	if (seed_variant == SEED_BROKEN_FIX_KFREE)
		kfree(r->slots);
	else if (has_error_path_fix())
		kvfree(r->slots);
	if (has_error_path_fix() && seed_variant != SEED_BROKEN_FIX_NO_CLEAR)
		r->slots = NULL;
	r->reserved = got;
	return -ENOMEM;
}

/* Gives back the pages alloc_pt did not hand out, then the array. */
void seed_prealloc_cleanup(struct seed_pagetable *pt, struct seed_prealloc *r)
{
	struct kmem_cache *cache = pt->parent->table_cache;
	uint32_t unused = r->reserved - r->handed_out;

	if (has_error_path_fix()) {
		if (r->slots == NULL)
			return;
		kmem_cache_free_bulk(cache, unused, r->slots + r->handed_out);
		kvfree(r->slots);
		return;
	}
	/* as posted: no check that the array exists */
	if (seed_variant == SEED_BROKEN_CLEANUP_WRONG_RANGE)
		kmem_cache_free_bulk(cache, unused, r->slots);
	else if (seed_variant != SEED_BROKEN_CLEANUP_KEEPS_UNUSED)
		kmem_cache_free_bulk(cache, unused, r->slots + r->handed_out);
	kfree(r->slots);
}

/* ---- io_pgtable_cfg.alloc / .free ---- */

/*
 * The first call, while the table is created, is the root: it comes from
 * the page allocator. Every later one takes the next reserved page.
 */
static void *seed_alloc_pt(void *cookie, size_t size, gfp_t gfp)
{
	struct seed_pagetable *pt = cookie;
	struct seed_prealloc *r = pt->job;
	void *table;

	if (unlikely(pt->root == NULL)) {
		struct page *root = alloc_pages_node(dev_to_node(pt->walker),
						     gfp | __GFP_ZERO,
						     get_order(size));

		pt->root = root ? page_address(root) : NULL;
		return pt->root;
	}

	if (WARN_ON(r == NULL) || WARN_ON(r->handed_out >= r->reserved))
		return NULL;

	table = r->slots[r->handed_out];
	r->handed_out++;
	if (seed_variant != SEED_BROKEN_ALLOC_NO_ZERO)
		memset(table, 0, size);
	/* the table is reached through physical addresses only */
	kmemleak_ignore(table);
	return table;
}

static void seed_free_pt(void *cookie, void *table, size_t size)
{
	struct seed_pagetable *pt = cookie;
	bool is_root = table == pt->root;

	if (seed_variant == SEED_BROKEN_FREE_ROOT_TO_CACHE)
		is_root = false;
	if (unlikely(is_root)) {
		free_pages((unsigned long)table, get_order(size));
		pt->root = NULL;
	} else {
		kmem_cache_free(pt->parent->table_cache, table);
	}
}

/* ---- create / destroy ---- */

/* Bytes of one table: 8-byte entries, one granule (the smallest page). */
static size_t table_bytes(unsigned long page_sizes)
{
	unsigned int granule_shift = __ffs(page_sizes);

	return (size_t)8 << (granule_shift - 3);
}

void seed_iommu_destroy(struct seed_iommu *mmu)
{
	kmem_cache_destroy(mmu->table_cache);
	kfree(mmu);
}

/* The GPU's parent MMU, then its VM_BIND page table. */
int seed_vm_create(struct seed_pagetable **out, unsigned int ias,
		   unsigned int oas, bool coherent_walk)
{
	struct io_pgtable_cfg cfg;
	struct seed_iommu *mmu;
	struct seed_pagetable *pt;
	size_t tbl;

	mmu = kzalloc(sizeof(*mmu), GFP_KERNEL);
	if (mmu == NULL)
		return -ENOMEM;
	set_dev_node(&mmu->dev, NUMA_NO_NODE);
	mmu->smmu_cfg = (struct io_pgtable_cfg){
		.quirks = IO_PGTABLE_QUIRK_ARM_TTBR1,
		.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G,
		.ias = ias,
		.oas = oas,
		.coherent_walk = coherent_walk,
		.tlb = &tlb_ops,
		.iommu_dev = &mmu->dev,
	};
	tbl = table_bytes(mmu->smmu_cfg.pgsize_bitmap);
	/* As posted (and in Linux 6.17), the cache is not checked. */
	mmu->table_cache = kmem_cache_create("msm-mmu-pt", tbl, tbl, 0, NULL);
	if (seed_variant == SEED_FIXED && mmu->table_cache == NULL) {
		kfree(mmu);
		return -ENOMEM;
	}

	pt = kzalloc(sizeof(*pt), GFP_KERNEL);
	if (pt == NULL)
		goto err_mmu;

	/* TTBR0 takes the TTBR1 config with VM_BIND's own allocator */
	cfg = mmu->smmu_cfg;
	cfg.quirks &= ~IO_PGTABLE_QUIRK_ARM_TTBR1;
	cfg.alloc = seed_alloc_pt;
	cfg.free = seed_free_pt;
	/* 4 KiB pages only, so an unmap never has to split a block */
	WARN_ON((cfg.pgsize_bitmap & PAGE_SIZE) == 0);
	cfg.pgsize_bitmap = PAGE_SIZE;
	pt->walker = mmu->smmu_cfg.iommu_dev;
	pt->ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &cfg, pt);
	if (pt->ops == NULL)
		goto err_pt;

	mmu->prr = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (mmu->prr == NULL)
		goto err_ops;

	pt->parent = mmu;
	pt->page_sizes = cfg.pgsize_bitmap;
	pt->ttbr = cfg.arm_lpae_s1_cfg.ttbr;
	*out = pt;
	return 0;

err_ops:
	free_io_pgtable_ops(pt->ops);
err_pt:
	kfree(pt);
err_mmu:
	seed_iommu_destroy(mmu);
	return -ENOMEM;
}

void seed_vm_destroy(struct seed_pagetable *pt)
{
	struct seed_iommu *mmu = pt->parent;

	free_io_pgtable_ops(pt->ops);
	kfree(pt);
	__free_page(mmu->prr);
	seed_iommu_destroy(mmu);
}

/* ---- map / unmap ---- */

/*
 * The page size and page count for the next io-pgtable call: the biggest
 * supported size that fits the remaining length and the alignment of both
 * addresses, as many as fit before a bigger size could take over. (VM_BIND
 * tables support only 4 KiB, so this is 4 KiB up to the length.)
 */
static size_t pick_pages(struct seed_pagetable *pt, unsigned long iova,
			 phys_addr_t paddr, size_t len, size_t *count)
{
	unsigned long usable = pt->page_sizes;
	unsigned long align = iova | paddr;
	unsigned long bigger;
	size_t pgsize, room = len;

	usable &= GENMASK(__fls(len), 0);
	if (align)
		usable &= GENMASK(__ffs(align), 0);
	BUG_ON(!usable);
	pgsize = BIT(__fls(usable));

	bigger = pt->page_sizes & ~GENMASK(__fls(pgsize), 0);
	if (bigger) {
		size_t next = BIT(__ffs(bigger));

		if (!((iova ^ paddr) & (next - 1))) {
			size_t to_boundary = next - (align & (next - 1));

			if (to_boundary + next <= len)
				room = to_boundary;
		}
	}
	*count = room / pgsize;
	return pgsize;
}

/* Unmaps [iova, iova + len); -EINVAL if io-pgtable stopped short. */
int seed_unmap(struct seed_pagetable *pt, u64 iova, size_t len)
{
	u64 at = iova, end = iova + len;

	while (at < end) {
		size_t n, sz = pick_pages(pt, at, at, end - at, &n);
		size_t done = pt->ops->unmap_pages(pt->ops, at, sz, n, NULL);

		if (done == 0)
			break;
		at += done;
	}
	return at == end ? 0 : -EINVAL;
}

/*
 * Maps len bytes at iova from the sg table, starting off bytes into it.
 * On failure, what was mapped is unmapped again.
 */
int seed_map(struct seed_pagetable *pt, u64 iova, struct sg_table *sgt,
	     size_t off, size_t len, int prot)
{
	struct scatterlist *sg;
	u64 at = iova;
	unsigned int k;

	if (seed_variant == SEED_BROKEN_MAP_IGNORES_OFFSET)
		off = 0;

	for_each_sgtable_sg(sgt, sg, k) {
		phys_addr_t pa;
		size_t chunk;

		if (len == 0)
			break;
		if (sg->length <= off) {	/* wholly before the offset */
			off -= sg->length;
			continue;
		}
		pa = sg_phys(sg) + off;
		chunk = min_t(size_t, sg->length - off, len);
		off = 0;

		while (chunk) {
			size_t n, done = 0;
			size_t sz = pick_pages(pt, at, pa, chunk, &n);
			int err = pt->ops->map_pages(pt->ops, at, pa, sz, n, prot,
						     GFP_KERNEL, &done);

			/* partial progress counts even when it failed */
			at += done;
			pa += done;
			chunk -= done;
			len -= done;
			if (err) {
				seed_unmap(pt, iova, at - iova);
				return -EINVAL;
			}
		}
	}
	return 0;
}

/* MAP_NULL: every page of the range maps the PRR page, one at a time. */
int seed_map_prr(struct seed_pagetable *pt, u64 iova, size_t len, int prot)
{
	phys_addr_t prr = page_to_phys(pt->parent->prr);
	u64 at = iova, end = iova + len;

	while (at < end) {
		size_t done = 0;
		int err = pt->ops->map_pages(pt->ops, at, prr, PAGE_SIZE, 1,
					     prot, GFP_KERNEL, &done);

		at += done;
		if (err) {
			seed_unmap(pt, iova, at - iova);
			return -EINVAL;
		}
	}
	return 0;
}
