// SPDX-License-Identifier: GPL-2.0-only
/*
 * Direct tests of the tree's io-pgtable-arm (ARM_64_LPAE_S1, 4 KiB pages
 * only) through the shim, with custom table allocators as msm uses them:
 * the root (the first alloc call) comes from alloc_pages(), every other
 * table from a kmem_cache. Each case maps a range, checks iova_to_phys() for
 * every page, unmaps, frees, and checks the number of tables against what
 * the range needs, the DMA bookkeeping (coherent_walk == false) and leaks.
 *
 * Usage: test_iopgtable_direct <case> coherent|noncoherent   ("list")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/io-pgtable.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <shim/alloc.h>
#include <shim/dma.h>
#include <shim/finding.h>
#include "check.h"

#define PADDR_BASE 0x80000000ULL
/* A sub-page offset, so iova_to_phys() must keep the low bits. */
#define PROBE_OFFSET 0x5a8

/* ---------------- msm-style custom allocator ---------------- */

struct pt_ctx {
	struct kmem_cache *cache;	/* non-root tables */
	void *root;			/* first allocation, from alloc_pages() */
	unsigned long root_allocs, table_allocs;
	unsigned long root_frees, table_frees;
	long live_tables;		/* non-root */
	unsigned long bad_size;
	/* TLB callbacks */
	unsigned long flush_all, flush_walk, add_page;
};

static void *pt_alloc(void *cookie, size_t size, gfp_t gfp)
{
	struct pt_ctx *c = cookie;
	void *p;

	if (size != SZ_4K)
		c->bad_size++;
	if (!c->root) {
		struct page *pg = alloc_pages(gfp | __GFP_ZERO, get_order(size));

		if (!pg)
			return NULL;
		c->root = page_address(pg);
		c->root_allocs++;
		return c->root;
	}
	p = kmem_cache_zalloc(c->cache, gfp);
	if (p) {
		c->table_allocs++;
		c->live_tables++;
	}
	return p;
}

static void pt_free(void *cookie, void *pages, size_t size)
{
	struct pt_ctx *c = cookie;

	if (size != SZ_4K)
		c->bad_size++;
	if (pages == c->root) {
		free_pages((unsigned long)pages, get_order(size));
		c->root = NULL;
		c->root_frees++;
		return;
	}
	kmem_cache_free(c->cache, pages);
	c->table_frees++;
	c->live_tables--;
}

static void tlb_flush_all(void *cookie)
{
	((struct pt_ctx *)cookie)->flush_all++;
}

static void tlb_flush_walk(unsigned long iova, size_t size, size_t granule,
			   void *cookie)
{
	((struct pt_ctx *)cookie)->flush_walk++;
}

static void tlb_add_page(struct iommu_iotlb_gather *gather, unsigned long iova,
			 size_t granule, void *cookie)
{
	((struct pt_ctx *)cookie)->add_page++;
}

static const struct iommu_flush_ops flush_ops = {
	.tlb_flush_all = tlb_flush_all,
	.tlb_flush_walk = tlb_flush_walk,
	.tlb_add_page = tlb_add_page,
};

static struct device iommu_dev = { .init_name = "test-iommu" };

struct pt {
	struct pt_ctx ctx;
	struct io_pgtable_cfg cfg;
	struct io_pgtable_ops *ops;
	bool coherent;
};

static void pt_setup(struct pt *t, unsigned int ias, bool coherent)
{
	memset(t, 0, sizeof(*t));
	t->coherent = coherent;
	t->ctx.cache = kmem_cache_create("test-pt", SZ_4K, SZ_4K, 0, NULL);
	CHECK(t->ctx.cache);
	t->cfg = (struct io_pgtable_cfg){
		.pgsize_bitmap = SZ_4K,
		.ias = ias,
		.oas = 48,
		.coherent_walk = coherent,
		.tlb = &flush_ops,
		.iommu_dev = &iommu_dev,
		.alloc = pt_alloc,
		.free = pt_free,
	};
}

static bool pt_create(struct pt *t)
{
	t->ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &t->cfg, &t->ctx);
	return t->ops != NULL;
}

/* Frees everything and checks that nothing is left behind. */
static void pt_teardown(struct pt *t)
{
	if (t->ops) {
		free_io_pgtable_ops(t->ops);
		t->ops = NULL;
		CHECK_EQ(t->ctx.flush_all, 1);
	}
	CHECK_EQ(t->ctx.live_tables, 0);
	CHECK_EQ(t->ctx.table_frees, t->ctx.table_allocs);
	CHECK_EQ(t->ctx.root_frees, t->ctx.root_allocs);
	CHECK(!t->ctx.root);
	CHECK_EQ(t->ctx.bad_size, 0);
	CHECK_EQ(shim_kmem_cache_live(t->ctx.cache), 0);
	CHECK_EQ(shim_dma_live(), 0);
	kmem_cache_destroy(t->ctx.cache);
	CHECK_EQ(shim_alloc_check_leaks(), 0);
	CHECK_EQ(shim_dma_check_leaks(), 0);
}

static void check_fresh(struct pt *t, unsigned int ias)
{
	/* Only the root so far, and it is what the TTBR points to. */
	CHECK_EQ(t->ctx.root_allocs, 1);
	CHECK_EQ(t->ctx.table_allocs, 0);
	CHECK(t->ctx.root);
	CHECK_EQ(t->cfg.arm_lpae_s1_cfg.ttbr, virt_to_phys(t->ctx.root));
	CHECK_EQ(t->cfg.arm_lpae_s1_cfg.tcr.tsz, 64 - ias);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_PAGES), 1);
	/* struct arm_lpae_io_pgtable */
	CHECK_EQ(shim_alloc_live(SHIM_FAM_KMALLOC), 1);
	CHECK_EQ(shim_dma_live(), t->coherent ? 0 : 1);
}

/* Bytes from iova to the end of its last-level table (2 MiB span). */
static u64 to_l3_end(u64 iova)
{
	return SZ_2M - (iova & (SZ_2M - 1));
}

static void map_range(struct pt *t, u64 iova, u64 paddr, u64 npages)
{
	u64 done = 0, size = npages * SZ_4K;

	while (done < size) {
		size_t mapped = 0;
		u64 left = size - done;
		u64 expect = left < to_l3_end(iova + done) ? left :
							       to_l3_end(iova + done);
		int ret;

		ret = t->ops->map_pages(t->ops, iova + done, paddr + done,
					SZ_4K, left / SZ_4K,
					IOMMU_READ | IOMMU_WRITE, GFP_KERNEL,
					&mapped);
		CHECK_EQ(ret, 0);
		/* At most up to the end of one last-level table per call. */
		CHECK_EQ(mapped, expect);
		if (ret || !mapped)
			return;
		done += mapped;
	}
}

static void unmap_range(struct pt *t, u64 iova, u64 npages)
{
	struct iommu_iotlb_gather gather;
	u64 done = 0, size = npages * SZ_4K;

	iommu_iotlb_gather_init(&gather);
	while (done < size) {
		size_t n = t->ops->unmap_pages(t->ops, iova + done, SZ_4K,
					       (size - done) / SZ_4K, &gather);

		CHECK(n > 0 && n % SZ_4K == 0);
		if (!n)
			return;
		done += n;
	}
	CHECK_EQ(done, size);
}

static void check_translation(struct pt *t, u64 iova, u64 paddr, u64 npages,
			      unsigned int ias, bool mapped)
{
	unsigned long bad = 0;

	for (u64 i = 0; i < npages; i++) {
		u64 off = i * SZ_4K + PROBE_OFFSET;
		phys_addr_t want = mapped ? paddr + off : 0;

		if (t->ops->iova_to_phys(t->ops, iova + off) != want && !bad++)
			fprintf(stderr, "iova %#llx -> %#llx, expected %#llx\n",
				(unsigned long long)(iova + off),
				(unsigned long long)t->ops->iova_to_phys(t->ops, iova + off),
				(unsigned long long)want);
	}
	CHECK_EQ(bad, 0);
	/* The neighbours are not mapped. */
	if (iova >= SZ_4K)
		CHECK_EQ(t->ops->iova_to_phys(t->ops, iova - SZ_4K + PROBE_OFFSET), 0);
	if (iova + npages * SZ_4K < (1ULL << ias))
		CHECK_EQ(t->ops->iova_to_phys(t->ops, iova + npages * SZ_4K), 0);
}

/* ---------------- range cases ---------------- */

struct range_case {
	const char *name;
	unsigned int ias;
	u64 iova;
	u64 npages;
	unsigned long tables;	/* non-root tables the range needs */
};

static const struct range_case ranges[] = {
	/* ias 48: 4 levels, root at level 0; one page needs L1, L2, L3. */
	{ "ias48-one-page", 48, 0x12345000ULL, 1, 3 },
	/* 2 MiB aligned 4 MiB: one L1, one L2, two L3. */
	{ "ias48-4m-at-2m", 48, SZ_2M, 1024, 1 + 1 + 2 },
	/* Across 1 GiB: one L1, two L2, two L3. */
	{ "ias48-cross-1g", 48, SZ_1G - SZ_2M, 1024, 1 + 2 + 2 },
	/* Across 512 GiB: two of each. */
	{ "ias48-cross-512g", 48, SZ_512G - 2 * SZ_4K, 4, 2 + 2 + 2 },
	/* The last page of the input address space. */
	{ "ias48-last-page", 48, (1ULL << 48) - SZ_4K, 1, 3 },
	/* ias 39: 3 levels, root at level 1; one page needs L2, L3. */
	{ "ias39-one-page", 39, 0x7654321000ULL & ((1ULL << 39) - 1), 1, 2 },
	{ "ias39-cross-1g", 39, 3ULL * SZ_1G - 8 * SZ_4K, 16, 2 + 2 },
};

static void run_range(const struct range_case *rc, bool coherent)
{
	u64 paddr = PADDR_BASE + (rc->iova & (SZ_1G - 1));
	struct pt t;

	pt_setup(&t, rc->ias, coherent);
	CHECK(pt_create(&t));
	if (!t.ops)
		return;
	check_fresh(&t, rc->ias);

	map_range(&t, rc->iova, paddr, rc->npages);
	CHECK_EQ(t.ctx.table_allocs, rc->tables);
	CHECK_EQ(t.ctx.live_tables, rc->tables);
	CHECK_EQ(shim_kmem_cache_live(t.ctx.cache), rc->tables);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_SLAB), rc->tables);
	CHECK_EQ(t.ctx.root_allocs, 1);
	if (coherent) {
		CHECK_EQ(shim_dma_map_calls(), 0);
		CHECK_EQ(shim_dma_sync_calls(), 0);
		CHECK_EQ(shim_dma_live(), 0);
	} else {
		/* Every table, root included, is mapped for the walker. */
		CHECK_EQ(shim_dma_live(), 1 + rc->tables);
		CHECK_EQ(shim_dma_map_calls(), 1 + rc->tables);
		CHECK(shim_dma_sync_calls() > 0);
	}
	check_translation(&t, rc->iova, paddr, rc->npages, rc->ias, true);

	unmap_range(&t, rc->iova, rc->npages);
	check_translation(&t, rc->iova, paddr, rc->npages, rc->ias, false);
	CHECK_EQ(t.ctx.add_page, rc->npages);
	/* Leaf unmaps never free tables; they all go with the pgtable. */
	CHECK(t.ctx.live_tables <= (long)rc->tables);

	pt_teardown(&t);
	CHECK_EQ(shim_findings_count(), 0);
}

/* ---------------- other cases ---------------- */

static const char *const unmap_warn_prefix =
	"warn __arm_lpae_unmap drivers/iommu/io-pgtable-arm.c:";

/*
 * Unmapping a page that is not mapped. 6.12's __arm_lpae_unmap() WARNs
 * (WARN_ON(!pte)) and returns 0. Trees with IO_PGTABLE_QUIRK_NO_WARN
 * (6.17 and later) WARN only when the table was created without that
 * quirk (msm's VM_BIND tables set it); some of them (6.17) return -ENOENT
 * as a size_t, later ones (7.x) 0 again. Configure reads which from the
 * tree (VMBIND_TREE_UNMAP_ENOENT).
 */
#ifdef VMBIND_TREE_UNMAP_ENOENT
static const size_t unmap_unmapped_ret = (size_t)-ENOENT;
#else
static const size_t unmap_unmapped_ret;
#endif
#ifdef IO_PGTABLE_QUIRK_NO_WARN
static const char *const unmap_warn_detail =
	"WARN_ON(!(data->iop.cfg.quirks & IO_PGTABLE_QUIRK_NO_WARN))";
#else
static const char *const unmap_warn_detail = "WARN_ON(!pte)";
#endif

static void run_unmap_unmapped(bool coherent)
{
	const u64 iova = 0x40000000ULL;
	struct pt t;

	pt_setup(&t, 48, coherent);
	CHECK(pt_create(&t));
	if (!t.ops)
		return;
	map_range(&t, iova, PADDR_BASE, 1);

	/* Next page: same last-level table, empty PTE. */
	CHECK_EQ(t.ops->unmap_pages(t.ops, iova + SZ_4K, SZ_4K, 1, NULL),
		 unmap_unmapped_ret);
	CHECK_EQ(shim_findings_count(), 1);
	CHECK(!strncmp(shim_findings_last(), unmap_warn_prefix,
		       strlen(unmap_warn_prefix)));
	CHECK(strstr(shim_findings_last_detail(), unmap_warn_detail));

	/* Far away: the walk stops at an empty level-0 entry. */
	CHECK_EQ(t.ops->unmap_pages(t.ops, 3ULL * SZ_512G, SZ_4K, 1, NULL),
		 unmap_unmapped_ret);
	CHECK_EQ(shim_findings_count(), 2);
	CHECK(!strncmp(shim_findings_last(), unmap_warn_prefix,
		       strlen(unmap_warn_prefix)));

	/* The real mapping is untouched. */
	CHECK_EQ(t.ops->iova_to_phys(t.ops, iova + 8), PADDR_BASE + 8);
	unmap_range(&t, iova, 1);
	CHECK_EQ(shim_findings_count(), 2);
	pt_teardown(&t);
	CHECK_EQ(shim_findings_count(), 2);

#ifdef IO_PGTABLE_QUIRK_NO_WARN
	/* With the quirk, as msm's VM_BIND tables: the same result, no WARN. */
	pt_setup(&t, 48, coherent);
	t.cfg.quirks |= IO_PGTABLE_QUIRK_NO_WARN;
	CHECK(pt_create(&t));
	if (!t.ops)
		return;
	map_range(&t, iova, PADDR_BASE, 1);
	CHECK_EQ(t.ops->unmap_pages(t.ops, iova + SZ_4K, SZ_4K, 1, NULL),
		 unmap_unmapped_ret);
	CHECK_EQ(t.ops->unmap_pages(t.ops, 3ULL * SZ_512G, SZ_4K, 1, NULL),
		 unmap_unmapped_ret);
	CHECK_EQ(t.ops->iova_to_phys(t.ops, iova + 8), PADDR_BASE + 8);
	unmap_range(&t, iova, 1);
	pt_teardown(&t);
	CHECK_EQ(shim_findings_count(), 2);
#endif
}

/* An injected table allocation failure: -ENOMEM, nothing leaks. */
static void run_map_enomem(bool coherent)
{
	const u64 iova = 0x7f000000ULL;
	size_t mapped = 0;
	struct pt t;
	int ret;

	/* No root: no pgtable, and the io_pgtable struct is freed. */
	pt_setup(&t, 48, coherent);
	shim_fault_fail_nth(1, SHIM_FAM_MASK(SHIM_FAM_PAGES));
	CHECK(!pt_create(&t));
	CHECK_EQ(shim_fault_injected(), 1);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_KMALLOC), 0);
	shim_fault_fail_nth(0, 0);
	pt_teardown(&t);

	pt_setup(&t, 48, coherent);
	CHECK(pt_create(&t));
	if (!t.ops)
		return;
	/* L1 is allocated, L2 fails. */
	shim_fault_fail_nth(2, SHIM_FAM_MASK(SHIM_FAM_SLAB));
	ret = t.ops->map_pages(t.ops, iova, PADDR_BASE, SZ_4K, 1,
			       IOMMU_READ, GFP_KERNEL, &mapped);
	CHECK_EQ(ret, -ENOMEM);
	CHECK_EQ(mapped, 0);
	CHECK_EQ(shim_fault_injected(), 2);
	CHECK_EQ(t.ctx.live_tables, 1);
	CHECK_EQ(t.ops->iova_to_phys(t.ops, iova), 0);
	CHECK_EQ(shim_dma_live(), coherent ? 0 : 2);

	/* Retrying without the fault reuses L1 and adds L2 and L3. */
	shim_fault_fail_nth(0, 0);
	map_range(&t, iova, PADDR_BASE, 1);
	CHECK_EQ(t.ctx.live_tables, 3);
	CHECK_EQ(t.ops->iova_to_phys(t.ops, iova + 4), PADDR_BASE + 4);
	pt_teardown(&t);
	CHECK_EQ(shim_findings_count(), 0);
}

int main(int argc, char **argv)
{
	const size_t nranges = sizeof(ranges) / sizeof(ranges[0]);
	bool coherent;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		for (size_t i = 0; i < nranges; i++)
			printf("%s\n", ranges[i].name);
		printf("unmap-unmapped-warns\nmap-enomem\n");
		return 0;
	}
	if (argc != 3 || (strcmp(argv[2], "coherent") &&
			  strcmp(argv[2], "noncoherent"))) {
		fprintf(stderr, "usage: %s <case> coherent|noncoherent, or list\n",
			argv[0]);
		return 2;
	}
	coherent = !strcmp(argv[2], "coherent");

	shim_finding_set_mode(SHIM_FINDING_RECORD);
	shim_finding_set_quiet(1);
	shim_reset();
	shim_findings_clear();

	if (!strcmp(argv[1], "unmap-unmapped-warns")) {
		run_unmap_unmapped(coherent);
	} else if (!strcmp(argv[1], "map-enomem")) {
		run_map_enomem(coherent);
	} else {
		size_t i;

		for (i = 0; i < nranges; i++)
			if (!strcmp(argv[1], ranges[i].name))
				break;
		if (i == nranges) {
			fprintf(stderr, "unknown case '%s' (try 'list')\n",
				argv[1]);
			return 2;
		}
		run_range(&ranges[i], coherent);
		if (shim_findings_count())
			fprintf(stderr, "unexpected finding: %s (%s)\n",
				shim_findings_first(), shim_findings_last_detail());
	}
	shim_reset();
	if (failures) {
		fprintf(stderr, "%s %s: %d check(s) failed\n", argv[1], argv[2],
			failures);
		return 1;
	}
	printf("%s %s: ok\n", argv[1], argv[2]);
	return 0;
}
