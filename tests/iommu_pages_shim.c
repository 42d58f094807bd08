// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shim's iommu_alloc_pages_node_sz() / iommu_free_pages() /
 * iommu_put_pages_list() (Linux >= 6.15 trees): zeroed, order get_order(size),
 * naturally aligned, accounted, tracked as family iommu_pages, misuse
 * reported, and findings name the caller rather than the shim.
 */
#include <stdio.h>
#include <string.h>

#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <shim/alloc.h>
#include <shim/finding.h>
#include <shim/iommu_pages.h>
#include "check.h"


static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void test_alloc_free(void)
{
	unsigned char *a, *b, *c;

	shim_reset();
	a = iommu_alloc_pages_node_sz(NUMA_NO_NODE, GFP_KERNEL, 64);
	b = iommu_alloc_pages_node_sz(0, GFP_KERNEL, SZ_8K);
	c = iommu_alloc_pages_node_sz(0, GFP_KERNEL, SZ_16K + 1);
	CHECK(a && b && c);
	if (!a || !b || !c)
		return;
	CHECK(all_zero(a, PAGE_SIZE) && all_zero(b, SZ_8K) && all_zero(c, SZ_32K));
	CHECK(((uintptr_t)a & (PAGE_SIZE - 1)) == 0);
	CHECK(((uintptr_t)b & (SZ_8K - 1)) == 0);
	CHECK(((uintptr_t)c & (SZ_32K - 1)) == 0);
	CHECK(shim_alloc_live(SHIM_FAM_IOMMU_PAGES) == 3);
	CHECK(shim_alloc_live(SHIM_FAM_PAGES) == 0);
	CHECK(shim_node_stat[NR_IOMMU_PAGES] == 1 + 2 + 8);
	CHECK(shim_node_stat[NR_SECONDARY_PAGETABLE] == 1 + 2 + 8);
	CHECK(shim_mem_in_use() == PAGE_SIZE + SZ_8K + SZ_32K);
	iommu_free_pages(NULL);
	iommu_free_pages(c);
	iommu_free_pages(b);
	iommu_free_pages(a);
	CHECK(shim_alloc_live(SHIM_FAM_IOMMU_PAGES) == 0);
	CHECK(shim_node_stat[NR_IOMMU_PAGES] == 0);
	CHECK(shim_node_stat[NR_SECONDARY_PAGETABLE] == 0);
	CHECK(shim_mem_in_use() == 0);
	CHECK(shim_findings_count() == 0);
	CHECK(shim_alloc_check_leaks() == 0);
}

static void test_put_list(void)
{
	struct iommu_pages_list list = IOMMU_PAGES_LIST_INIT(list);
	void *p;

	shim_reset();
	for (int i = 0; i < 4; i++) {
		p = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE << (i & 1));
		CHECK(p);
		if (p)
			list_add_tail(&virt_to_page(p)->lru, &list.pages);
	}
	CHECK(shim_alloc_live(SHIM_FAM_IOMMU_PAGES) == 4);
	iommu_put_pages_list(&list);
	CHECK(shim_alloc_live(SHIM_FAM_IOMMU_PAGES) == 0);
	CHECK(shim_node_stat[NR_IOMMU_PAGES] == 0);
	CHECK(shim_findings_count() == 0);
}

static void test_fault_injection(void)
{
	shim_reset();
	shim_fault_fail_nth(1, SHIM_FAM_MASK(SHIM_FAM_IOMMU_PAGES));
	CHECK(!iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE));
	CHECK(shim_fault_injected() == 1);
	CHECK(shim_fault_last_family() == SHIM_FAM_IOMMU_PAGES);
	CHECK(shim_alloc_check_leaks() == 0);
}

static void test_misuse(void)
{
	void *p, *k;

	shim_reset();
	shim_findings_clear();
	p = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE);
	iommu_free_pages(p);
	iommu_free_pages(p);
	CHECK(shim_findings_have_kind("double-free"));
	/* The site is the caller (this file) when it can be symbolized. */
	printf("double free reported as: %s\n", shim_findings_last());
	CHECK(strstr(shim_findings_last(), "test_misuse") ||
	      strstr(shim_findings_last(), "iommu_free_pages drivers/iommu/iommu-pages.c"));

	shim_findings_clear();
	p = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE);
	free_pages((unsigned long)p, 0);
	CHECK(shim_findings_have_kind("wrong-allocator"));
	iommu_free_pages(p);

	shim_findings_clear();
	k = kmalloc(64, GFP_KERNEL);
	iommu_free_pages(k);
	CHECK(shim_findings_have_kind("wrong-allocator"));
	kfree(k);

	shim_findings_clear();
	p = iommu_alloc_pages_node_sz(0, GFP_KERNEL, PAGE_SIZE);
	CHECK(shim_alloc_check_leaks() == 1);
	CHECK(shim_findings_have_kind("leak"));
	printf("leak reported as: %s\n", shim_findings_last());
	shim_findings_clear();
	CHECK(!iommu_alloc_pages_node_sz(0, GFP_KERNEL | __GFP_HIGHMEM, PAGE_SIZE));
	CHECK(shim_findings_have_kind("warn"));
	shim_reset();
}

int main(void)
{
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	shim_finding_set_quiet(1);
	test_alloc_free();
	test_put_list();
	test_fault_injection();
	test_misuse();
	printf("%s (%d failure(s))\n", failures ? "FAILED" : "ok", failures);
	return failures ? 1 : 0;
}
