// SPDX-License-Identifier: GPL-2.0-only
/*
 * Smoke test of kernel mode: targets/msm-iommu/msm_backend.c driving the tree's
 * msm_iommu.c. Per walk mode (coherent, non-coherent): create a VM, reserve
 * for one MAP, map 16 pages from a one-entry sg_table, check the
 * translations, unmap, clean up; then a MAP_NULL (PRR) job, and a job whose
 * reservation fails (injected kmem_cache_alloc_bulk failure). Nothing may
 * leak, no DMA mapping may stay live, no finding may be reported.
 */
#include <stdio.h>
#include <stdlib.h>

#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <shim/alloc.h>
#include <shim/dma.h>
#include <shim/finding.h>

#include "backend.h"
#include "msm_gpu_trace.h"
#include "msm_shim.h"
#include "check.h"

#define NPAGES 16

static void check_view(const struct vmbind_backend *be, void *vm, void *p,
		       u32 count, u32 ptr, bool has_pages)
{
	struct vmbind_prealloc_view v;

	be->prealloc_view(vm, p, &v);
	CHECK(v.count == count);
	CHECK(v.ptr == ptr);
	CHECK(v.has_pages == has_pages);
	if (v.count != count || v.ptr != ptr || v.has_pages != has_pages)
		printf("  view: count %u ptr %u pages %d, want %u %u %d\n",
		       v.count, v.ptr, v.has_pages, count, ptr, has_pages);
}

static void run(bool coherent)
{
	const struct vmbind_backend *be = &vmbind_backend_kernel;
	const struct vmbind_vm_config cfg = {
		.ias = 48, .oas = 48, .coherent_walk = coherent,
	};
	const u64 iova = 0x100000000ULL + 0x10000;	/* 4 GiB + 64 KiB */
	const phys_addr_t phys = 0x80000000ULL;
	const u64 len = NPAGES * SZ_4K;
	const struct vmbind_msm_smmu_calls *calls;
	struct scatterlist sgl = { .length = len, .shim_phys = phys };
	struct sg_table sgt = { .sgl = &sgl, .nents = 1, .orig_nents = 1 };
	struct vmbind_msm_trace trace0;
	struct io_pgtable_ops *ops;
	struct kmem_cache *cache;
	void *vm, *p;
	int ret;

	printf("== %s walk\n", coherent ? "coherent" : "non-coherent");
	shim_reset();
	shim_findings_clear();
	CHECK(be->vm_create(&vm, &cfg) == 0);
	if (failures)
		return;
	calls = vmbind_backend_kernel_smmu_calls(vm);
	ops = be->pgtbl_ops(vm);
	cache = be->pt_cache(vm);
	CHECK(ops && cache);
	CHECK(vmbind_backend_root(be, vm) != NULL);
	CHECK(calls->set_ttbr0_cfg == 1 && calls->ttbr0_enabled);
	CHECK(calls->ttbr0 == (uintptr_t)vmbind_backend_root(be, vm));
	CHECK(calls->set_prr_bit == 1 && calls->prr_bit && be->prr_phys(vm));
	CHECK(vmbind_backend_cfg(be, vm)->pgsize_bitmap == SZ_4K);
	CHECK(!(vmbind_backend_cfg(be, vm)->quirks & IO_PGTABLE_QUIRK_ARM_TTBR1));
	CHECK(vmbind_backend_cfg(be, vm)->coherent_walk == coherent);
	trace0 = vmbind_msm_trace;

	/* Job 1: MAP 16 pages. One L1, one L2, one L3 table. */
	p = be->prealloc_new(vm);
	be->prealloc_count(vm, p, iova, len);
	check_view(be, vm, p, 3, 0, false);
	CHECK(be->prealloc_allocate(vm, p) == 0);
	check_view(be, vm, p, 3, 0, true);
	CHECK(shim_kmem_cache_live(cache) == 3);
	be->set_prealloc(vm, p);
	ret = be->map(vm, iova, &sgt, 0, len, IOMMU_READ | IOMMU_WRITE);
	CHECK(ret == 0);
	check_view(be, vm, p, 3, 3, true);
	for (int i = 0; i < NPAGES; i++) {
		u64 off = (u64)i * SZ_4K + 0x123;

		CHECK(ops->iova_to_phys(ops, iova + off) == phys + off);
	}
	CHECK(ops->iova_to_phys(ops, iova - SZ_4K) == 0);
	CHECK(ops->iova_to_phys(ops, iova + len) == 0);
	CHECK(be->unmap(vm, iova, len) == 0);
	for (int i = 0; i < NPAGES; i++)
		CHECK(ops->iova_to_phys(ops, iova + (u64)i * SZ_4K) == 0);
	be->set_prealloc(vm, NULL);
	be->prealloc_cleanup(vm, p);
	be->prealloc_free(vm, p);
	CHECK(vmbind_msm_trace.prealloc_cleanup_calls ==
	      trace0.prealloc_cleanup_calls + 1);
	CHECK(vmbind_msm_trace.prealloc_cleanup_count == 3);
	CHECK(vmbind_msm_trace.prealloc_cleanup_remaining == 0);
	/* the tables stay with the page table */
	CHECK(shim_kmem_cache_live(cache) == 3);

	/* Job 2: MAP_NULL of 2 pages in another 1 GiB region: L2 + L3. */
	p = be->prealloc_new(vm);
	be->prealloc_count(vm, p, 0x200000000ULL, 2 * SZ_4K);
	CHECK(be->prealloc_allocate(vm, p) == 0);
	be->set_prealloc(vm, p);
	CHECK(be->map(vm, 0x200000000ULL, NULL, 0, 2 * SZ_4K, IOMMU_READ) == 0);
	CHECK(ops->iova_to_phys(ops, 0x200000000ULL + SZ_4K + 8) ==
	      be->prr_phys(vm) + 8);
	be->set_prealloc(vm, NULL);
	be->prealloc_cleanup(vm, p);
	be->prealloc_free(vm, p);
	CHECK(shim_kmem_cache_live(cache) == 5);

	/* Job 3: the reservation fails; cleanup must still balance. */
	p = be->prealloc_new(vm);
	be->prealloc_count(vm, p, 0x300000000ULL, SZ_4K);
	shim_fault_fail_nth(1, SHIM_FAM_MASK(SHIM_FAM_SLAB));
	CHECK(be->prealloc_allocate(vm, p) == -ENOMEM);
	shim_fault_fail_nth(0, 0);
	be->prealloc_cleanup(vm, p);
	be->prealloc_free(vm, p);
	CHECK(shim_kmem_cache_live(cache) == 5);

	be->vm_destroy(vm);
	CHECK(shim_findings_count() == 0);
	if (shim_findings_count())
		printf("  first finding: %s\n", shim_findings_first());
	CHECK(shim_alloc_check_leaks() == 0);
	CHECK(shim_dma_check_leaks() == 0);
	if (!coherent)
		CHECK(shim_dma_map_calls() > 0);
}

int main(void)
{
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	run(true);
	run(false);
	printf("%s (%d failure(s))\n", failures ? "FAILED" : "ok", failures);
	return failures ? 1 : 0;
}
