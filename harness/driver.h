/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The job driver: runs one decoded input through the backend as msm runs
 * VM_BIND jobs, with the oracles checked after every step.
 */
#ifndef _VMBIND_DRIVER_H
#define _VMBIND_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "backend.h"

/* Selected by name in VMBIND_ORACLES (oracles.h lists them). */
enum vmbind_oracle {
	VMBIND_ORACLE_POOL_DRY = 1 << 0,	/* alloc_pt with no/exhausted reservation */
	VMBIND_ORACLE_CONSERVATION = 1 << 1,	/* cache objects == tables + unused reserve */
	VMBIND_ORACLE_SHIM = 1 << 2,		/* leaks, DMA leaks at end of input */
	VMBIND_ORACLE_SHADOW = 1 << 3,		/* iova_to_phys matches the model */
	VMBIND_ORACLE_RESERVATION = 1 << 4,	/* reserved >= tables the job needs */
	VMBIND_ORACLE_GPU_VIEW = 1 << 5,	/* the SMMU's walk: address, prot, type */
	VMBIND_ORACLE_ALL = (1 << 6) - 1,
};

/* Page-table work per input (pages mapped + unmapped); beyond it the input ends cleanly. */
#define VMBIND_DEFAULT_WORK_BUDGET (8192ull)
/* Shim memory per input; larger reservations fail with -ENOMEM. */
#define VMBIND_DEFAULT_MEM_BUDGET ((size_t)8 << 20)

struct vmbind_options {
	const struct vmbind_backend *backend;
	unsigned int oracles;		/* enum vmbind_oracle mask */
	uint64_t work_budget;		/* pages */
	size_t mem_budget;		/* bytes */
	FILE *trace;			/* decoded ops and per-job figures, or NULL */
};

enum vmbind_job_status {
	VMBIND_JOB_OK,
	VMBIND_JOB_EMPTY,	/* no ops */
	VMBIND_JOB_REJECTED,	/* VM unusable */
	VMBIND_JOB_PREPARE_FAILED, /* prealloc_allocate failed */
	VMBIND_JOB_OP_FAILED,	/* an op failed: VM now unusable */
	VMBIND_JOB_OVER_BUDGET,	/* input ended here */
};

struct vmbind_result {
	bool vm_created;
	unsigned int jobs;
	unsigned int jobs_run;
	bool over_budget;
	uint64_t pages_mapped, pages_unmapped;
	uint64_t reserved_total, used_total, needed_total;
	/* Kernel mode: what the seed patch's per-op count would reserve. */
	uint64_t seed_count_total;
};

void vmbind_options_default(struct vmbind_options *o);

/*
 * Runs one input from a clean shim state and leaves the shim clean again.
 * Findings are reported through the shim (abort, longjmp or record).
 */
void vmbind_run(const uint8_t *data, size_t size,
		const struct vmbind_options *opts, struct vmbind_result *res);

const char *vmbind_job_status_name(enum vmbind_job_status s);

#endif
