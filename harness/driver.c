// SPDX-License-Identifier: GPL-2.0-only
/*
 * The driver of one input: decode it, create the VM as msm does, run its
 * jobs (job.c), destroy the VM, then the end-of-input oracles (oracles.c).
 * Fault injection covers all of it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <shim/alloc.h>
#include <shim/dma.h>
#include <shim/finding.h>

#include "gpu_view.h"
#include "job.h"
#include "oracles.h"
#include "run.h"

/* Static so nothing is lost on a longjmp out of a finding. */
static struct vmbind_run the_run;

void vmbind_options_default(struct vmbind_options *o)
{
	memset(o, 0, sizeof(*o));
	o->backend = vmbind_default_backend();
	o->oracles = VMBIND_ORACLE_ALL;
	o->work_budget = VMBIND_DEFAULT_WORK_BUDGET;
	o->mem_budget = VMBIND_DEFAULT_MEM_BUDGET;
}

const char *vmbind_job_status_name(enum vmbind_job_status s)
{
	static const char *const names[] = {
		"ok", "empty", "rejected (VM unusable)", "prepare failed",
		"op failed (VM now unusable)", "over work budget: input ends",
	};

	return s <= VMBIND_JOB_OVER_BUDGET ? names[s] : "?";
}

void run_trace(const struct vmbind_run *r, const char *fmt, ...)
{
	va_list ap;

	if (!r->opts->trace)
		return;
	va_start(ap, fmt);
	vfprintf(r->opts->trace, fmt, ap);
	va_end(ap);
}

static void build_sg_tables(struct vmbind_run *r)
{
	for (int b = 0; b < VMBIND_NR_BOS; b++) {
		const struct vmbind_bo *bo = &r->in.bo[b];

		for (unsigned int i = 0; i < bo->nchunks; i++) {
			r->sgl[b][i] = (struct scatterlist){
				.length = (unsigned int)bo->chunk[i].len,
				.shim_phys = bo->chunk[i].phys,
			};
		}
		r->sgt[b] = (struct sg_table){
			.sgl = r->sgl[b],
			.nents = bo->nchunks,
			.orig_nents = bo->nchunks,
		};
	}
}

static void finding_context(FILE *out, void *arg)
{
	const struct vmbind_run *r = arg;
	struct vmbind_prealloc_view v = { 0 };
	uint64_t t[TABLE_LEVELS];

	if (shim_fault_injected()) {
		const struct shim_site *f = shim_fault_last_site();

		fprintf(out, "==vmbind== fault injection: allocation %u (%s) failed, at %s %s:%d\n",
			r->in.fail_nth, vmbind_fail_family_name(r->in.fail_family),
			f ? f->func : "?", f ? f->file : "?", f ? f->line : 0);
	}
	if (!r->vm)
		return;
	fprintf(out, "==vmbind== context: backend %s, job %u, ias %u, coherent_walk %d",
		r->be->name, r->job, r->in.ias, r->in.coherent_walk);
	if (r->cur_op >= 0 && (size_t)r->cur_op < r->in.nops) {
		fprintf(out, ", op %d: ", r->cur_op);
		vmbind_op_print(out, &r->in.ops[r->cur_op]);
	}
	fprintf(out, "\n");
	if (r->prealloc) {
		r->be->prealloc_view(r->vm, r->prealloc, &v);
		fprintf(out, "==vmbind== pool: %u reserved, %u used, %u left, page array %s\n",
			v.count, v.ptr, v.count - v.ptr,
			v.has_pages ? "allocated" : "NULL");
	}
	table_model_count(&r->tables, t);
	fprintf(out, "==vmbind== page table before this job: root at level %d, tables per level L1 %llu L2 %llu L3 %llu (%llu reachable at the last walk)\n",
		r->tables.start_level, (unsigned long long)t[1],
		(unsigned long long)t[2], (unsigned long long)t[3],
		(unsigned long long)r->tables_reachable);
}

static void reset_run_state(struct vmbind_run *r,
			    const struct vmbind_options *opts,
			    struct vmbind_result *res)
{
	/* A previous input may have ended in a longjmp: drop its leftovers. */
	vmbind_run_drop_leftovers(r);
	r->prealloc_set = false;
	r->vm = NULL;
	r->opts = opts;
	r->be = opts->backend;
	r->res = res;
	r->work = 0;
	r->tables_reachable = 0;
	r->exact_tables = true;
	r->shadow_valid = true;
	r->unusable = false;
	r->job = 0;
	r->job_first_op = 0;
	r->cur_op = -1;
	r->model.n = 0;
	r->next.n = 0;
	memset(res, 0, sizeof(*res));
}

static void trace_input(const struct vmbind_run *r)
{
	if (!r->opts->trace)
		return;
	vmbind_input_print(r->opts->trace, &r->in);
	for (size_t i = 0; i < r->in.nops; i++) {
		fprintf(r->opts->trace, "  op %3zu: ", i);
		vmbind_op_print(r->opts->trace, &r->in.ops[i]);
		fprintf(r->opts->trace, "\n");
	}
}

/* The jobs of the input, split at END_JOB records, until the work budget. */
static void run_jobs(struct vmbind_run *r)
{
	size_t start = 0;

	for (size_t i = 0; i <= r->in.nops; i++) {
		enum vmbind_job_status st;

		if (i < r->in.nops && r->in.ops[i].type != VMBIND_OP_END_JOB)
			continue;
		r->job_first_op = start;
		st = job_run(r, &r->in.ops[start], i - start);
		if (st != VMBIND_JOB_EMPTY) {
			run_trace(r, "  job %u: %s\n", r->job, vmbind_job_status_name(st));
			r->res->jobs++;
			if (st == VMBIND_JOB_OK || st == VMBIND_JOB_OP_FAILED)
				r->res->jobs_run++;
			r->job++;
		}
		start = i + 1;
		if (st == VMBIND_JOB_OVER_BUDGET)
			break;
	}
}

void vmbind_run(const uint8_t *data, size_t size,
		const struct vmbind_options *opts, struct vmbind_result *res)
{
	struct vmbind_run *r = &the_run;
	struct vmbind_vm_config cfg;

	reset_run_state(r, opts, res);
	shim_reset();
	shim_mem_set_budget(opts->mem_budget);
	shim_finding_set_context(finding_context, r);

	vmbind_input_free(&r->in);
	vmbind_input_decode(data, size, &r->in);
	trace_input(r);
	build_sg_tables(r);
	table_model_reset(&r->tables, r->in.ias);

	if (r->in.fail_nth)
		shim_fault_fail_nth(r->in.fail_nth,
				    vmbind_fail_family_mask(r->in.fail_family));

	/* A non-coherent walker reads what was made visible to the device. */
	gpu_view_enable(run_oracle_on(r, VMBIND_ORACLE_GPU_VIEW) &&
			!r->in.coherent_walk);
	cfg = (struct vmbind_vm_config){
		.ias = r->in.ias,
		.oas = 48,
		.coherent_walk = r->in.coherent_walk,
	};
	if (!r->be->vm_create(&r->vm, &cfg)) {
		res->vm_created = true;
		oracle_install_pool_check(r);
		run_jobs(r);
		r->be->vm_destroy(r->vm);
	} else {
		run_trace(r, "vm_create failed\n");
	}
	r->vm = NULL;

	if (shim_fault_injected()) {
		const struct shim_site *f = shim_fault_last_site();

		run_trace(r, "fault injection: allocation %u (%s) failed, at %s %s:%d\n",
			  r->in.fail_nth, vmbind_fail_family_name(r->in.fail_family),
			  f->func, f->file, f->line);
	}
	shim_fault_fail_nth(0, 0);
	oracle_end_of_input(r);
	shim_finding_set_context(NULL, NULL);
	shim_reset();
}
