// SPDX-License-Identifier: GPL-2.0-only
/* The seed rendition (seed_msm.c) behind the backend interface. */
#include <stdlib.h>

#include <linux/io-pgtable.h>
#include <linux/mm.h>

#include "seed_msm.h"
#include "backend.h"

/* One job at a time: the reservation lives in harness memory. */
static struct seed_prealloc the_prealloc;

static int seed_be_vm_create(void **vm, const struct vmbind_vm_config *cfg)
{
	return seed_vm_create((struct seed_pagetable **)vm, cfg->ias, cfg->oas,
			      cfg->coherent_walk);
}

static void seed_be_vm_destroy(void *vm)
{
	seed_vm_destroy(vm);
}

static void *seed_be_prealloc_new(void *vm)
{
	the_prealloc = (struct seed_prealloc){ 0 };
	return &the_prealloc;
}

static void seed_be_prealloc_free(void *vm, void *p)
{
}

static void seed_be_prealloc_view(void *vm, void *p, struct vmbind_prealloc_view *out)
{
	struct seed_prealloc *sp = p;

	out->count = sp->reserved;
	out->ptr = sp->handed_out;
	out->has_pages = sp->slots != NULL;
}

static void seed_be_prealloc_count(void *vm, void *p, u64 iova, u64 len)
{
	seed_prealloc_count(vm, p, iova, len);
}

static int seed_be_prealloc_allocate(void *vm, void *p)
{
	return seed_prealloc_allocate(vm, p);
}

static void seed_be_prealloc_cleanup(void *vm, void *p)
{
	seed_prealloc_cleanup(vm, p);
}

static void seed_be_set_prealloc(void *vm, void *p)
{
	((struct seed_pagetable *)vm)->job = p;
}

static int seed_be_map(void *vm, u64 iova, struct sg_table *sgt, u64 off, u64 len,
	       int prot)
{
	if (!sgt)
		return seed_map_prr(vm, iova, len, prot);
	return seed_map(vm, iova, sgt, off, len, prot);
}

static int seed_be_unmap(void *vm, u64 iova, u64 len)
{
	return seed_unmap(vm, iova, len);
}

static struct io_pgtable_ops *seed_be_pgtbl_ops(void *vm)
{
	return ((struct seed_pagetable *)vm)->ops;
}

/* The seed has no arm-smmu side: the SMMU walks the table's own configuration. */
static const struct io_pgtable_cfg *seed_be_hw_cfg(void *vm)
{
	return &io_pgtable_ops_to_pgtable(seed_be_pgtbl_ops(vm))->cfg;
}

static struct kmem_cache *seed_be_pt_cache(void *vm)
{
	return ((struct seed_pagetable *)vm)->parent->table_cache;
}

static phys_addr_t seed_be_prr_phys(void *vm)
{
	return page_to_phys(((struct seed_pagetable *)vm)->parent->prr);
}

/* msm_gem_vma.c as the patch series had it: every op counted alone. */
static const struct vmbind_job_rules seed_rules = { 0 };

const struct vmbind_backend vmbind_backend_seed = {
	.name = "seed",
	.source = "targets/seed/seed_msm.c",
	.alloc_hook = "seed_alloc_pt",
	.rules = &seed_rules,
	VMBIND_BACKEND_FUNCS(seed_be),
};
