/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every oracle of a run, each switched by its enum vmbind_oracle bit
 * (driver.h) and named as in VMBIND_ORACLES:
 *   pool-dry      no page-table allocation outside a job or past its reservation
 *   conservation  msm-mmu-pt objects == tables reachable + reserve unused;
 *                 the tables per level are the model's (table-count)
 *   shim          no leaks, DMA leaks or live mappings at the end of an input
 *   shadow        iova_to_phys() of every touched page matches the model
 *   reservation   a job reserves at least the tables its ops need
 *   gpu-view      the SMMU's walk: address, permissions, memory type
 */
#ifndef _VMBIND_ORACLES_H
#define _VMBIND_ORACLES_H

#include <stdint.h>

#include "run.h"
#include "table_walk.h"

/*
 * Parses a VMBIND_ORACLES list: names separated by ',', "all", "none",
 * and "-name" to take one away ("all,-gpu-view"). Returns 0, or -1 with
 * the offending name in *bad (up to the next ',').
 */
int oracle_parse_list(const char *list, unsigned int *mask, const char **bad);
/* The names, for messages: "pool-dry conservation ...". */
const char *oracle_names(void);

/* pool-dry: wraps the table's alloc hook; call once the VM exists. */
void oracle_install_pool_check(struct vmbind_run *r);

/* reservation: count is what the job reserved, needed what its ops need. */
void oracle_reservation(const struct vmbind_run *r, uint64_t count,
			uint64_t needed, const uint64_t per_level[TABLE_LEVELS]);

/* conservation, at a named point of the job. */
void oracle_conservation(const struct vmbind_run *r, const char *when,
			 uint64_t live, uint64_t tables, uint64_t unused);
/* Live objects of the VM's msm-mmu-pt cache (0 when it is missing). */
uint64_t oracle_cache_live(const struct vmbind_run *r);

/* After a job: the walk against the table model, then every page checked. */
void oracle_after_job(struct vmbind_run *r, const struct pt_walk *walk);

/* End of input: leaks of every allocator and of DMA mappings. */
void oracle_end_of_input(const struct vmbind_run *r);

#endif
