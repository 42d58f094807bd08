/* SPDX-License-Identifier: GPL-2.0-only */
/* The oracles' walk of the live page table from its root. */
#ifndef _VMBIND_TABLE_WALK_H
#define _VMBIND_TABLE_WALK_H

#include <stdint.h>

#include "../model/table_model.h"
#include "backend.h"

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
void table_walk(const struct vmbind_backend *be, void *vm, unsigned int ias,
		struct pt_walk *out);

#endif
