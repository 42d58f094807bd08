// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shim's incoherent iommu-pages API (7.x trees: 7.2, 7.3), as an arm64
 * kernel has it (IOMMU_PAGES_USE_DMA_API): a page started for an incoherent
 * walker is DMA-mapped whole, syncs go through that mapping, and it is
 * unmapped before it is freed. Each misuse the DMA checks must see is done
 * here on purpose; the io-pgtable cases run the tree's io-pgtable-arm with
 * a non-coherent walk and its own (iommu-pages) table allocator.
 *
 * Usage: test_iommu_pages_incoherent <case>     ("list" names them)
 * Exit 77 (skipped) when the tree has no incoherent API.
 */
#include <stdio.h>
#include <string.h>

#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <shim/alloc.h>
#include <shim/dma.h>
#include <shim/finding.h>
#include <shim/iommu_pages.h>
#include "check.h"

#ifdef SHIM_KERNEL_IOMMU_PAGES_INCOHERENT

#include "tlb_noop.h"


static struct device dev = { .init_name = "test-iommu" };

static void begin(void)
{
	shim_reset();
	shim_findings_clear();
}

/* Nothing mapped, nothing live, no finding: the API was used correctly. */
static void check_clean(void)
{
	CHECK_EQ(shim_dma_live(), 0);
	CHECK_EQ(shim_alloc_check_leaks(), 0);
	CHECK_EQ(shim_dma_check_leaks(), 0);
	CHECK_EQ(shim_findings_count(), 0);
	if (shim_findings_count())
		fprintf(stderr, "unexpected: %s\n", shim_findings_first());
}

static void case_lifecycle(void)
{
	struct iommu_pages_list list = IOMMU_PAGES_LIST_INIT(list);
	void *a, *b;

	begin();
	a = iommu_alloc_pages_node_sz(0, GFP_KERNEL, 64);
	b = iommu_alloc_pages_node_sz(0, GFP_KERNEL, SZ_16K);
	CHECK(a && b);
	if (!a || !b)
		return;
	CHECK_EQ(iommu_pages_start_incoherent(a, &dev), 0);
	CHECK_EQ(iommu_pages_start_incoherent(b, &dev), 0);
	/* Each block is mapped whole, whatever size was asked for. */
	CHECK_EQ(shim_dma_live(), 2);
	dma_sync_single_for_device(&dev, virt_to_phys(a) + 8, 8, DMA_TO_DEVICE);
	dma_sync_single_for_device(&dev, virt_to_phys(b) + SZ_16K - 64, 64,
				   DMA_TO_DEVICE);
	CHECK_EQ(shim_findings_count(), 0);
	iommu_pages_free_incoherent(a, &dev);
	iommu_pages_free_incoherent(b, &dev);
	/* A page that never started is simply freed. */
	a = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE);
	iommu_pages_free_incoherent(a, &dev);
	check_clean();

	/* The list forms. */
	begin();
	for (int i = 0; i < 3; i++) {
		a = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE << i);
		CHECK(a);
		if (a)
			list_add_tail(&virt_to_page(a)->lru, &list.pages);
	}
	CHECK_EQ(iommu_pages_start_incoherent_list(&list, &dev), 0);
	CHECK_EQ(shim_dma_live(), 3);
	iommu_pages_stop_incoherent_list(&list, &dev);
	CHECK_EQ(shim_dma_live(), 0);
	/* Stopping again is harmless: pages not incoherent are skipped. */
	iommu_pages_stop_incoherent_list(&list, &dev);
	iommu_put_pages_list(&list);
	check_clean();
}

static void case_start_twice(void)
{
	void *a;

	begin();
	a = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE);
	CHECK_EQ(iommu_pages_start_incoherent(a, &dev), 0);
	CHECK_EQ(iommu_pages_start_incoherent(a, &dev), (unsigned long long)-EINVAL);
	CHECK(shim_findings_have_kind("warn"));
	CHECK(strstr(shim_findings_last_detail(), "WARN_ON(iopt->incoherent)"));
	CHECK_EQ(shim_dma_live(), 1);
	iommu_pages_free_incoherent(a, &dev);
	CHECK_EQ(shim_dma_live(), 0);
}

/* Broken on purpose: memory of another allocator started as a table. */
static void case_start_foreign(void)
{
	void *k;

	begin();
	k = kmalloc(PAGE_SIZE, GFP_KERNEL);
	CHECK_EQ(iommu_pages_start_incoherent(k, &dev), (unsigned long long)-EINVAL);
	CHECK(shim_findings_have_kind("wrong-allocator"));
	CHECK_EQ(shim_dma_live(), 0);
	kfree(k);
}

/* Broken on purpose: freed through iommu_free_pages() while still mapped. */
static void case_free_without_unmap(void)
{
	void *a;

	begin();
	a = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE);
	CHECK_EQ(iommu_pages_start_incoherent(a, &dev), 0);
	iommu_free_pages(a);
	/* The kernel's WARN_ON_ONCE(iopt->incoherent), then the DMA check. */
	CHECK(shim_findings_have_kind("warn"));
	CHECK(strstr(shim_findings_first(), "warn ") == shim_findings_first());
	CHECK(shim_findings_have_kind("dma-free-mapped"));
	printf("reported as: %s\n", shim_findings_last());
	/* Still mapped at the end of the input: a leaked mapping too. */
	CHECK_EQ(shim_dma_check_leaks(), 1);
	CHECK(shim_findings_have_kind("dma-map-leak"));
}

/* Broken on purpose: an unmap of the wrong size. */
static void case_unmap_wrong_size(void)
{
	void *a;

	begin();
	a = iommu_alloc_pages_node_sz(0, GFP_KERNEL, SZ_8K);
	CHECK_EQ(iommu_pages_start_incoherent(a, &dev), 0);
	dma_unmap_single(&dev, virt_to_phys(a), PAGE_SIZE, DMA_TO_DEVICE);
	CHECK(shim_findings_have_kind("dma-unmap-mismatch"));
	CHECK(strstr(shim_findings_last_detail(), "size 4096"));
	CHECK_EQ(shim_dma_live(), 1);
	iommu_pages_free_incoherent(a, &dev);
	CHECK_EQ(shim_dma_live(), 0);
}

/* Broken on purpose: an unmap of a page that was never mapped. */
static void case_unmap_never_mapped(void)
{
	void *a;

	begin();
	a = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE);
	dma_unmap_single(&dev, virt_to_phys(a), PAGE_SIZE, DMA_TO_DEVICE);
	CHECK(shim_findings_have_kind("dma-unmap-unmapped"));
	iommu_free_pages(a);
	CHECK_EQ(shim_findings_count(), 1);
}

/* Broken on purpose: syncs outside any mapping. */
static void case_sync_outside(void)
{
	void *a, *b;

	begin();
	a = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE);
	b = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE);
	CHECK_EQ(iommu_pages_start_incoherent(a, &dev), 0);
	/* Past the end of the mapped page. */
	dma_sync_single_for_device(&dev, virt_to_phys(a) + PAGE_SIZE - 8, 16,
				   DMA_TO_DEVICE);
	CHECK(shim_findings_have_kind("dma-sync-unmapped"));
	/* A page that never started. */
	shim_findings_clear();
	dma_sync_single_for_device(&dev, virt_to_phys(b), 8, DMA_TO_DEVICE);
	CHECK(shim_findings_have_kind("dma-sync-unmapped"));
	/* After the stop. */
	shim_findings_clear();
	iommu_pages_free_incoherent(a, &dev);
	dma_sync_single_for_device(&dev, virt_to_phys(a), 8, DMA_TO_DEVICE);
	CHECK(shim_findings_have_kind("dma-sync-unmapped"));
	iommu_free_pages(b);
}

/* ---- the tree's io-pgtable-arm, non-coherent walk, default allocator ---- */


static struct io_pgtable_ops *lpae_create(struct io_pgtable_cfg *cfg)
{
	*cfg = (struct io_pgtable_cfg){
		.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G,
		.ias = 48,
		.oas = 48,
		.coherent_walk = false,
		.tlb = &tlb_noop_ops,
		.iommu_dev = &dev,
	};
	return alloc_io_pgtable_ops(ARM_64_LPAE_S1, cfg, NULL);
}

/* Maps n 4 KiB pages from iova (map_pages stops at a table's end). */
static size_t lpae_map(struct io_pgtable_ops *ops, u64 iova, size_t n)
{
	size_t done = 0, mapped;

	while (done < n) {
		mapped = 0;
		if (ops->map_pages(ops, iova + done * SZ_4K,
				   0x80000000ULL + done * SZ_4K, SZ_4K, n - done,
				   IOMMU_READ | IOMMU_WRITE, GFP_KERNEL, &mapped) ||
		    !mapped)
			break;
		done += mapped / SZ_4K;
	}
	return done;
}

static void case_iopgtable(void)
{
	struct io_pgtable_cfg cfg;
	struct io_pgtable_ops *ops;

	begin();
	ops = lpae_create(&cfg);
	CHECK(ops);
	if (!ops)
		return;
	/* The root: one page, mapped for the walker. */
	CHECK_EQ(shim_dma_live(), 1);
	/* 1 GiB + 2 MiB - 4 KiB .. + 8 KiB: two L3 tables under one L1. */
	CHECK_EQ(lpae_map(ops, SZ_1G + SZ_2M - SZ_4K, 2), 2);
	CHECK_EQ(shim_dma_live(), 1 + 2 + 2);
	CHECK(shim_dma_sync_calls() > 0);
	CHECK_EQ(ops->iova_to_phys(ops, SZ_1G + SZ_2M + 8), 0x80001008ULL);
	CHECK_EQ(ops->unmap_pages(ops, SZ_1G + SZ_2M - SZ_4K, SZ_4K, 1, NULL),
		 SZ_4K);
	CHECK_EQ(ops->unmap_pages(ops, SZ_1G + SZ_2M, SZ_4K, 1, NULL), SZ_4K);
	free_io_pgtable_ops(ops);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_IOMMU_PAGES), 0);
	check_clean();
}

/* Broken on purpose: the root freed as if the walk were coherent. */
static void case_iopgtable_free_coherent(void)
{
	struct io_pgtable_cfg cfg;
	struct io_pgtable_ops *ops;

	begin();
	ops = lpae_create(&cfg);
	CHECK(ops);
	if (!ops)
		return;
	CHECK_EQ(lpae_map(ops, 0, 1), 1);
	CHECK_EQ(ops->unmap_pages(ops, 0, SZ_4K, 1, NULL), SZ_4K);
	/* The table code frees the tables it holds; the root goes here. */
	iommu_free_pages(phys_to_virt(cfg.arm_lpae_s1_cfg.ttbr));
	CHECK(shim_findings_have_kind("warn"));
	CHECK(shim_findings_have_kind("dma-free-mapped"));
}

static const struct {
	const char *name;
	void (*run)(void);
} cases[] = {
	{ "lifecycle", case_lifecycle },
	{ "start-twice", case_start_twice },
	{ "start-foreign", case_start_foreign },
	{ "free-without-unmap", case_free_without_unmap },
	{ "unmap-wrong-size", case_unmap_wrong_size },
	{ "unmap-never-mapped", case_unmap_never_mapped },
	{ "sync-outside", case_sync_outside },
	{ "iopgtable", case_iopgtable },
	{ "iopgtable-free-coherent", case_iopgtable_free_coherent },
};

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "";

	shim_finding_set_mode(SHIM_FINDING_RECORD);
	shim_finding_set_quiet(1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (!strcmp(name, "list")) {
			puts(cases[i].name);
			continue;
		}
		if (strcmp(name, cases[i].name))
			continue;
		cases[i].run();
		printf("%s: %s (%d failure(s))\n", name,
		       failures ? "FAILED" : "ok", failures);
		return failures ? 1 : 0;
	}
	if (!strcmp(name, "list"))
		return 0;
	fprintf(stderr, "unknown case '%s' (try 'list')\n", name);
	return 2;
}

#else /* !SHIM_KERNEL_IOMMU_PAGES_INCOHERENT */

int main(void)
{
	printf("skipped: the tree's iommu-pages.h has no iommu_pages_start_incoherent()\n");
	return 77;
}

#endif
