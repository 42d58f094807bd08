/* SPDX-License-Identifier: GPL-2.0-only */
/* Oracle helpers: the page-table walker and the shadow comparison. */
#ifndef _VMBIND_ORACLES_H
#define _VMBIND_ORACLES_H

#include <stdint.h>

#include "../model/table_model.h"
#include "../model/vm_model.h"
#include "backend.h"
#include "input.h"

struct pt_walk {
	uint64_t tables[TABLE_LEVELS];	/* non-root tables per level */
	uint64_t total;
	uint64_t leaves;		/* valid level-3 page entries */
};

/*
 * Walks the live table from its root; every table pointer is checked to be
 * a live allocation (bad-pte-deref otherwise), a table reachable twice or a
 * block entry (impossible with 4 KiB pages only) is a finding.
 */
void oracle_walk_tables(const struct vmbind_backend *be, void *vm,
			unsigned int ias, struct pt_walk *out);

/* Expected translation of iova according to the model (0: unmapped). */
uint64_t oracle_expected_phys(const struct vm_model *m,
			      const struct vmbind_input *in, uint64_t prr_phys,
			      uint64_t iova);

/* Compares iova_to_phys() with the model for one page; finding on mismatch. */
void oracle_check_page(const struct vmbind_backend *be, void *vm,
		       const struct vm_model *m, const struct vmbind_input *in,
		       uint64_t iova, unsigned int job);

/*
 * The GPU's view of one page (harness/gpu_view.c): the walk from the
 * configuration the SMMU was given, against the model's address and prot.
 */
void oracle_check_gpu_view(const struct vmbind_backend *be, void *vm,
			   const struct vm_model *m,
			   const struct vmbind_input *in, uint64_t iova,
			   unsigned int job);

#endif
