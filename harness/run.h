/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The state of the input being run, shared by the driver (driver.c), the
 * job sequencing (job.c) and the oracles (oracles.c), passed by pointer.
 */
#ifndef _VMBIND_RUN_H
#define _VMBIND_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/scatterlist.h>

#include "../model/table_model.h"
#include "../model/vm_model.h"
#include "backend.h"
#include "driver.h"
#include "input.h"

struct vmbind_run {
	const struct vmbind_options *opts;
	const struct vmbind_backend *be;
	struct vmbind_result *res;
	struct vmbind_input in;
	void *vm;
	void *prealloc;		/* reservation of the running job */
	bool prealloc_set;	/* mmu->prealloc currently points at it */
	struct vm_model model;	/* the VM after the last job */
	struct vm_model next;	/* the VM after the running job */
	struct table_model tables;
	struct pt_op_list pt;	/* the running job's page-table ops */
	struct range_list ranges; /* what they map */
	struct sg_table sgt[VMBIND_NR_BOS];
	struct scatterlist sgl[VMBIND_NR_BOS][VMBIND_MAX_SG];
	void *(*orig_alloc)(void *cookie, size_t size, gfp_t gfp);
	uint64_t work;			/* pages mapped + unmapped so far */
	uint64_t tables_reachable;	/* from the last walk */
	bool exact_tables;		/* the table model is exact */
	bool shadow_valid;		/* the shadow model is exact */
	bool unusable;			/* an op failed: later jobs rejected */
	unsigned int job;
	size_t job_first_op;	/* input index of the job's first op */
	int cur_op;		/* input index of the op being run, or -1 */
};

/* A line of the --trace output (nothing without opts->trace). */
void run_trace(const struct vmbind_run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static inline bool run_oracle_on(const struct vmbind_run *r,
				 enum vmbind_oracle o)
{
	return r->opts->oracles & o;
}

/* Frees what an input that ended in a longjmp left (leftovers.c). */
void vmbind_run_drop_leftovers(struct vmbind_run *r);

#endif
