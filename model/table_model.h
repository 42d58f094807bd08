/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Expected page-table tables of a 4 KiB-granule ARM LPAE stage-1 table
 * mapped with 4 KiB pages only. Below the root, a level-1 table exists per
 * 512 GiB region, a level-2 table per 1 GiB region and a level-3 table per
 * 2 MiB region that any map ever touched (4 KiB unmaps never free tables).
 * Counting is by region intervals, so huge ranges cost nothing.
 */
#ifndef _VMBIND_TABLE_MODEL_H
#define _VMBIND_TABLE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define TABLE_LEVELS 4

struct region_set {
	uint64_t *keys;		/* sorted, unique region indices */
	size_t n, cap;
};

struct table_model {
	unsigned int ias;
	int start_level;		/* level of the root table */
	struct region_set level[TABLE_LEVELS];	/* existing non-root tables */
};

/* Interval of iova ranges touched by the maps of one job. */
struct range_list {
	struct { uint64_t start, end; } *r;	/* [start, end) */
	size_t n, cap;
};

/* Empties t (zeroed, or used before) for a VM of ias bits; keeps its buffers. */
void table_model_reset(struct table_model *t, unsigned int ias);
/* Region size covered by one table at this level (2 MiB for level 3). */
uint64_t table_model_region_size(int level);

/* New tables the maps in ranges would allocate, per level and in total. */
uint64_t table_model_needed(const struct table_model *t,
			    const struct range_list *ranges,
			    uint64_t per_level[TABLE_LEVELS]);
/* Records the tables of ranges as existing. */
void table_model_commit(struct table_model *t, const struct range_list *ranges);
uint64_t table_model_count(const struct table_model *t,
			   uint64_t per_level[TABLE_LEVELS]);

void range_list_add(struct range_list *l, uint64_t start, uint64_t len);
void range_list_reset(struct range_list *l);
void range_list_free(struct range_list *l);

#endif
