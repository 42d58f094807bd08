/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shadow GPU address space with drm_gpuvm split semantics: a MAP over
 * existing mappings unmaps only the overlapped part (the neighbours keep
 * their PTEs, as remap prev/next), an UNMAP does the same without the map.
 * Each VM_BIND op expands into the page-table operations msm issues, and
 * page-table unmaps only ever cover mapped pages.
 */
#ifndef _VMBIND_VM_MODEL_H
#define _VMBIND_VM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VM_MODEL_NULL_BO (-1)	/* MAP_NULL: every page maps the PRR page */

struct vm_mapping {
	uint64_t iova;
	uint64_t range;
	int bo;			/* BO index, or VM_MODEL_NULL_BO */
	uint64_t bo_offset;	/* offset into the BO of iova */
	int prot;
};

enum pt_op_kind {
	PT_OP_UNMAP,
	PT_OP_MAP,
};

/* One call into the page table (mmu->funcs->map / unmap). */
struct pt_op {
	enum pt_op_kind kind;
	struct vm_mapping m;	/* for UNMAP only iova/range matter */
	int origin;		/* index of the VM_BIND op it comes from (caller's) */
};

struct pt_op_list {
	struct pt_op *ops;
	size_t n, cap;
};

struct vm_model {
	struct vm_mapping *maps;	/* sorted by iova, disjoint */
	size_t n, cap;
};

void vm_model_copy(struct vm_model *dst, const struct vm_model *src);

/*
 * Applies a MAP (bo >= 0 or VM_MODEL_NULL_BO) or an UNMAP to the model and
 * appends the page-table operations it implies to out.
 */
void vm_model_map(struct vm_model *m, const struct vm_mapping *map,
		  struct pt_op_list *out);
/*
 * True if map re-maps an existing mapping in place (same BO, offset, iova
 * and range): Linux >= 6.17 keeps such a VMA and issues no page-table op.
 */
bool vm_model_is_inplace_remap(const struct vm_model *m,
			       const struct vm_mapping *map);
void vm_model_unmap(struct vm_model *m, uint64_t iova, uint64_t range,
		    struct pt_op_list *out);

/* The mapping containing iova, or NULL. */
const struct vm_mapping *vm_model_find(const struct vm_model *m, uint64_t iova);
/* The first mapping that ends above iova (contains it or comes after), or NULL. */
const struct vm_mapping *vm_model_next(const struct vm_model *m, uint64_t iova);

void pt_op_list_reset(struct pt_op_list *l);

/*
 * The seed patch's per-op worst case (prealloc_count): one table per
 * 512 GiB, 1 GiB and 2 MiB region the range touches. For the differential
 * statistics of kernel mode.
 */
uint64_t seed_formula_count(uint64_t iova, uint64_t len);
void pt_op_list_free(struct pt_op_list *l);

#endif
