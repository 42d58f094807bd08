// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs the kernel's io-pgtable-arm KUnit suite
 * (drivers/iommu/io-pgtable-arm-selftests.c, compiled from the tree) on the
 * KUnit shim. A case fails on a failed expectation or on any shim finding
 * (WARN, bad free, ...) while it ran; the run fails on any failed case, on
 * leaked objects or live DMA mappings at the end, or if nothing ran.
 */
#include <stdio.h>

#include <kunit/test.h>
#include <linux/printk.h>
#include <shim/alloc.h>
#include <shim/dma.h>
#include <shim/finding.h>

static unsigned long findings_seen;

static void after_case(struct kunit *test)
{
	unsigned long n = shim_findings_count();

	if (n != findings_seen)
		kunit_shim_fail_case(test, "%lu shim finding(s), last: %s",
				     n - findings_seen, shim_findings_last());
	findings_seen = n;
}

int main(void)
{
	struct kunit_shim_result r;
	unsigned long leaks, dma;

	shim_printk_set_level(6);
	shim_reset();
	shim_findings_clear();
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	kunit_shim_run_all(NULL, after_case, &r);
	leaks = shim_alloc_check_leaks();
	dma = shim_dma_check_leaks();
	printf("kunit: %d suite(s), %d case(s): %d passed, %d failed, %d skipped; leaked objects %lu, live DMA mappings %lu, page allocations %lu\n",
	       r.suites, r.cases, r.passed, r.failed, r.skipped, leaks, dma,
	       shim_fault_calls());
	if (r.failed || !r.passed || leaks || dma || !shim_fault_calls())
		return 1;
	return 0;
}
