// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs the kernel's own io-pgtable-arm selftest (arm_lpae_do_selftests(),
 * compiled from the tree with CONFIG_IOMMU_IO_PGTABLE_LPAE_SELFTEST) through
 * the shim, then requires zero leaks and zero live DMA mappings.
 */
#include <stdio.h>

#include <linux/printk.h>
#include <shim/alloc.h>
#include <shim/dma.h>
#include <shim/finding.h>

extern int (*shim_initcall_arm_lpae_do_selftests)(void);

int main(void)
{
	unsigned long leaks, dma;
	int ret;

	shim_printk_set_level(6);
	shim_reset();
	ret = shim_initcall_arm_lpae_do_selftests();
	leaks = shim_alloc_check_leaks();
	dma = shim_dma_check_leaks();
	printf("arm_lpae_do_selftests() = %d, leaked objects %lu, live DMA mappings %lu, page allocations %lu\n",
	       ret, leaks, dma, shim_fault_calls());
	if (ret || leaks || dma || !shim_fault_calls())
		return 1;
	return 0;
}
