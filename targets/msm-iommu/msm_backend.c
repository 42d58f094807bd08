// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tree's own drivers/gpu/drm/msm/msm_iommu.c (Linux >= 6.17, compiled
 * unmodified in targets/msm-iommu/) behind the backend interface.
 *
 * A VM is set up the way an Adreno GPU's is: the GPU device's drvdata is an
 * adreno_smmu_priv whose get_ttbr1_cfg() returns an ARM LPAE stage-1 config
 * as arm-smmu-qcom would (TTBR1 quirk, 4K/2M/1G, the SMMU device as
 * iommu_dev), msm_iommu_gpu_new() creates the parent MMU (domain, msm-mmu-pt
 * cache) and msm_iommu_pagetable_create(parent, false) the VM_BIND page
 * table. From then on every operation goes through mmu->funcs, as msm does;
 * the arm-smmu side (set_ttbr0_cfg, PRR, stall, TLB ops) only records calls.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/adreno-smmu-priv.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/sizes.h>

#include "backend.h"
#include "msm_mmu.h"
#include "msm_shim.h"

struct kernel_vm {
	struct device gpu_dev;		/* msm's mmu->dev, drvdata adreno_smmu */
	struct device smmu_dev;		/* the SMMU: io_pgtable_cfg.iommu_dev */
	struct adreno_smmu_priv adreno_smmu;
	struct io_pgtable_cfg ttbr1_cfg;
	/* What msm programmed through set_ttbr0_cfg(): what the GPU walks. */
	struct io_pgtable_cfg ttbr0_cfg;
	struct vmbind_msm_smmu_calls calls;

	struct msm_mmu *parent;		/* msm_iommu_gpu_new() */
	struct msm_mmu *mmu;		/* msm_iommu_pagetable_create() */
	struct io_pgtable_ops *pgtbl_ops;
	struct kmem_cache *pt_cache;
};

/* device_iommu_mapped() only asks whether there is a group. */
static struct {
	int unused;
} kernel_iommu_group;

static struct kernel_vm the_vm;

static struct kernel_vm *to_kvm(const void *cookie)
{
	return (struct kernel_vm *)cookie;
}

/* ---- the arm-smmu side: TTBR1 TLB ops and adreno_smmu_priv ---- */

static void ttbr1_tlb_flush_all(void *cookie)
{
	to_kvm(cookie)->calls.tlb_flush_all++;
}

static void ttbr1_tlb_flush_walk(unsigned long iova, size_t size,
				 size_t granule, void *cookie)
{
	to_kvm(cookie)->calls.tlb_flush_walk++;
}

static void ttbr1_tlb_add_page(struct iommu_iotlb_gather *gather,
			       unsigned long iova, size_t granule, void *cookie)
{
	to_kvm(cookie)->calls.tlb_add_page++;
}

static const struct iommu_flush_ops ttbr1_tlb_ops = {
	.tlb_flush_all = ttbr1_tlb_flush_all,
	.tlb_flush_walk = ttbr1_tlb_flush_walk,
	.tlb_add_page = ttbr1_tlb_add_page,
};

static const struct io_pgtable_cfg *get_ttbr1_cfg(const void *cookie)
{
	return &to_kvm(cookie)->ttbr1_cfg;
}

static int set_ttbr0_cfg(const void *cookie, const struct io_pgtable_cfg *cfg)
{
	struct kernel_vm *kvm = to_kvm(cookie);

	kvm->calls.set_ttbr0_cfg++;
	kvm->calls.ttbr0_enabled = cfg != NULL;
	kvm->calls.ttbr0 = cfg ? cfg->arm_lpae_s1_cfg.ttbr : 0;
	if (cfg)
		kvm->ttbr0_cfg = *cfg;
	return 0;
}

static void set_stall(const void *cookie, bool enabled)
{
	to_kvm(cookie)->calls.set_stall++;
	to_kvm(cookie)->calls.stall = enabled;
}

static void set_prr_bit(const void *cookie, bool set)
{
	to_kvm(cookie)->calls.set_prr_bit++;
	to_kvm(cookie)->calls.prr_bit = set;
}

static void set_prr_addr(const void *cookie, phys_addr_t page_addr)
{
	to_kvm(cookie)->calls.set_prr_addr++;
	to_kvm(cookie)->calls.prr_addr = page_addr;
}

/* ---- VM lifetime ---- */

static void release_parent(struct kernel_vm *kvm)
{
	/* As msm tears down the GPU's MMU: detach, then destroy. */
	kvm->parent->funcs->detach(kvm->parent);
	kvm->parent->funcs->destroy(kvm->parent);
	kvm->parent = NULL;
}

static int msm_be_vm_create(void **vm, const struct vmbind_vm_config *cfg)
{
	struct vmbind_msm_created created;
	struct kernel_vm *kvm;
	struct msm_mmu *mmu;

	*vm = NULL;
	/* One VM at a time, in harness memory: nothing to leak on a longjmp. */
	kvm = &the_vm;
	memset(kvm, 0, sizeof(*kvm));

	kvm->smmu_dev = (struct device){
		.init_name = "vmbind-smmu",
		.numa_node = NUMA_NO_NODE,
		/* the GPU is powered and busy: TLB maintenance goes through */
		.power = { .usage_count = 1, .runtime_status = RPM_ACTIVE },
	};
	kvm->gpu_dev = (struct device){
		.init_name = "vmbind-gpu",
		.numa_node = NUMA_NO_NODE,
		.driver_data = &kvm->adreno_smmu,
		.iommu_group = (struct iommu_group *)&kernel_iommu_group,
		.power = { .usage_count = 1, .runtime_status = RPM_ACTIVE },
	};
	kvm->ttbr1_cfg = (struct io_pgtable_cfg){
		.quirks = IO_PGTABLE_QUIRK_ARM_TTBR1,
		.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G,
		.ias = cfg->ias,
		.oas = cfg->oas,
		.coherent_walk = cfg->coherent_walk,
		.tlb = &ttbr1_tlb_ops,
		.iommu_dev = &kvm->smmu_dev,
	};
	kvm->adreno_smmu = (struct adreno_smmu_priv){
		.cookie = kvm,
		.get_ttbr1_cfg = get_ttbr1_cfg,
		.set_ttbr0_cfg = set_ttbr0_cfg,
		.set_stall = set_stall,
		.set_prr_bit = set_prr_bit,
		.set_prr_addr = set_prr_addr,
	};

	vmbind_msm_take_created(&created);
	mmu = msm_iommu_gpu_new(&kvm->gpu_dev, NULL, 0);
	if (IS_ERR_OR_NULL(mmu))
		return mmu ? PTR_ERR(mmu) : -ENODEV;
	kvm->parent = mmu;
	vmbind_msm_take_created(&created);
	kvm->pt_cache = created.cache;

	mmu = msm_iommu_pagetable_create(kvm->parent, false);
	if (IS_ERR(mmu)) {
		release_parent(kvm);
		return PTR_ERR(mmu);
	}
	kvm->mmu = mmu;
	vmbind_msm_take_created(&created);
	kvm->pgtbl_ops = created.pgtbl_ops;

	*vm = kvm;
	return 0;
}

static void msm_be_vm_destroy(void *vm)
{
	struct kernel_vm *kvm = vm;

	if (!kvm)
		return;
	/* Taken by msm_gem_vm_create() (targets/msm-vm-bind/), which destroys it. */
	if (kvm->mmu)
		kvm->mmu->funcs->destroy(kvm->mmu);
	release_parent(kvm);
}

/* ---- a job's reservation: the tree's struct msm_mmu_prealloc ---- */

/* One job at a time: the reservation lives in harness memory. */
static struct msm_mmu_prealloc the_prealloc;

static void *msm_be_prealloc_new(void *vm)
{
	memset(&the_prealloc, 0, sizeof(the_prealloc));
	return &the_prealloc;
}

static void msm_be_prealloc_free(void *vm, void *p)
{
}

static void msm_be_prealloc_view(void *vm, void *p, struct vmbind_prealloc_view *out)
{
	struct msm_mmu_prealloc *mp = p;

	out->count = mp->count;
	out->ptr = mp->ptr;
	out->has_pages = mp->pages != NULL;
}

static void msm_be_prealloc_count(void *vm, void *p, u64 iova, u64 len)
{
	struct msm_mmu *mmu = ((struct kernel_vm *)vm)->mmu;

	mmu->funcs->prealloc_count(mmu, p, iova, len);
}

static int msm_be_prealloc_allocate(void *vm, void *p)
{
	struct msm_mmu *mmu = ((struct kernel_vm *)vm)->mmu;

	return mmu->funcs->prealloc_allocate(mmu, p);
}

static void msm_be_prealloc_cleanup(void *vm, void *p)
{
	struct msm_mmu *mmu = ((struct kernel_vm *)vm)->mmu;

	mmu->funcs->prealloc_cleanup(mmu, p);
}

static void msm_be_set_prealloc(void *vm, void *p)
{
	((struct kernel_vm *)vm)->mmu->prealloc = p;
}

/* ---- VM_BIND ops ---- */

static int msm_be_map(void *vm, u64 iova, struct sg_table *sgt, u64 off, u64 len,
	       int prot)
{
	struct msm_mmu *mmu = ((struct kernel_vm *)vm)->mmu;

	return mmu->funcs->map(mmu, iova, sgt, off, len, prot);
}

static int msm_be_unmap(void *vm, u64 iova, u64 len)
{
	struct msm_mmu *mmu = ((struct kernel_vm *)vm)->mmu;

	return mmu->funcs->unmap(mmu, iova, len);
}

/* ---- for the oracles ---- */

static struct io_pgtable_ops *msm_be_pgtbl_ops(void *vm)
{
	return ((struct kernel_vm *)vm)->pgtbl_ops;
}

static const struct io_pgtable_cfg *msm_be_hw_cfg(void *vm)
{
	struct kernel_vm *kvm = vm;

	return kvm->calls.ttbr0_enabled ? &kvm->ttbr0_cfg : NULL;
}

static struct kmem_cache *msm_be_pt_cache(void *vm)
{
	return ((struct kernel_vm *)vm)->pt_cache;
}

static phys_addr_t msm_be_prr_phys(void *vm)
{
	return ((struct kernel_vm *)vm)->calls.prr_addr;
}

const struct vmbind_msm_smmu_calls *vmbind_backend_kernel_smmu_calls(void *vm)
{
	return &((struct kernel_vm *)vm)->calls;
}

struct msm_mmu *vmbind_backend_kernel_take_mmu(void *vm)
{
	struct kernel_vm *kvm = vm;
	struct msm_mmu *mmu = kvm->mmu;

	kvm->mmu = NULL;
	return mmu;
}

struct device *vmbind_backend_kernel_gpu_dev(void *vm)
{
	return &((struct kernel_vm *)vm)->gpu_dev;
}

/* The tree's msm_gem_vma.c (Linux >= 6.17), as docs/kernel-mode.md says. */
static const struct vmbind_job_rules msm_6_17_rules = {
	.count_runs = true,
	.skip_inplace_remap = true,
	.unmap_after_failure = true,
	.pin_before_allocate = true,
};

const struct vmbind_backend vmbind_backend_kernel = {
	.name = "kernel",
	.source = "drivers/gpu/drm/msm/msm_iommu.c",
	.alloc_hook = "msm_iommu_pagetable_alloc_pt",
	.rules = &msm_6_17_rules,
	VMBIND_BACKEND_FUNCS(msm_be),
};
