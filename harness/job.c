// SPDX-License-Identifier: GPL-2.0-only
/*
 * One VM_BIND job (job.h): prepare (count, pin, allocate), run with the
 * reservation installed, free (cleanup on every path, also when allocate
 * failed, as msm_vma_job_free() does), then the after-job oracles.
 */
#include <linux/slab.h>
#include <shim/finding.h>

#include "job.h"
#include "oracles.h"
#include "scale_feedback.h"
#include "table_walk.h"

static uint64_t block_of(uint64_t a)
{
	return a & ~(VMBIND_BLOCK_SIZE - 1);
}

/* Reservation count as the backend's job preparation does it. */
static void count_reservation(struct vmbind_run *r, const struct vmbind_op *ops,
			      size_t n)
{
	const struct vmbind_op *first = NULL, *last = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct vmbind_op *op = &ops[i];

		if (op->type == VMBIND_OP_UNMAP)
			continue;
		if (!r->be->rules->count_runs) {
			r->be->prealloc_count(r->vm, r->prealloc, op->iova,
					      op->range);
			continue;
		}
		/* vm_bind_prealloc_count(): runs of ops sharing a 2 MiB block */
		if (last && block_of(last->iova + last->range) == block_of(op->iova)) {
			last = op;
			continue;
		}
		if (first)
			r->be->prealloc_count(r->vm, r->prealloc, first->iova,
					      (last->iova + last->range) - first->iova);
		first = last = op;
	}
	if (first)
		r->be->prealloc_count(r->vm, r->prealloc, first->iova,
				      (last->iova + last->range) - first->iova);
}

/* Kernel mode's differential figure: the seed patch counted every op alone. */
static void count_as_seed(struct vmbind_run *r, const struct vmbind_op *ops,
			  size_t n, u32 count)
{
	uint64_t seed = 0;

	for (size_t i = 0; i < n; i++)
		if (ops[i].type != VMBIND_OP_UNMAP)
			seed += seed_formula_count(ops[i].iova, ops[i].range);
	r->res->seed_count_total += seed;
	if (seed != count)
		run_trace(r, "  job %u: the seed patch's count would be %llu (kernel %u, %+lld)\n",
			  r->job, (unsigned long long)seed, count,
			  (long long)count - (long long)seed);
}

/* Expands the job's ops into page-table ops on a copy of the model. */
static void plan_job(struct vmbind_run *r, const struct vmbind_op *ops, size_t n)
{
	vm_model_copy(&r->next, &r->model);
	pt_op_list_reset(&r->pt);
	range_list_reset(&r->ranges);
	for (size_t i = 0; i < n; i++) {
		const struct vmbind_op *op = &ops[i];
		struct vm_mapping m = {
			.iova = op->iova,
			.range = op->range,
			.bo = op->type == VMBIND_OP_MAP ? op->bo : VM_MODEL_NULL_BO,
			.bo_offset = op->bo_offset,
			.prot = op->prot,
		};
		size_t first_pt = r->pt.n;

		if (op->type == VMBIND_OP_UNMAP)
			vm_model_unmap(&r->next, op->iova, op->range, &r->pt);
		else if (!(r->be->rules->skip_inplace_remap &&
			   vm_model_is_inplace_remap(&r->next, &m)))
			vm_model_map(&r->next, &m, &r->pt);
		for (size_t k = first_pt; k < r->pt.n; k++)
			r->pt.ops[k].origin = (int)(r->job_first_op + i);
	}
	for (size_t i = 0; i < r->pt.n; i++)
		if (r->pt.ops[i].kind == PT_OP_MAP)
			range_list_add(&r->ranges, r->pt.ops[i].m.iova,
				       r->pt.ops[i].m.range);
}

static uint64_t planned_work(const struct vmbind_run *r)
{
	uint64_t w = 0;

	for (size_t i = 0; i < r->pt.n; i++)
		w += r->pt.ops[i].m.range / VMBIND_PAGE_SIZE;
	return w;
}

/* Runs the planned page-table ops; false if one failed. */
static bool execute_job(struct vmbind_run *r)
{
	bool failed = false;

	for (size_t i = 0; i < r->pt.n; i++) {
		const struct pt_op *op = &r->pt.ops[i];
		int ret;

		r->cur_op = op->origin;
		if (op->kind == PT_OP_UNMAP) {
			ret = r->be->unmap(r->vm, op->m.iova, op->m.range);
			r->res->pages_unmapped += op->m.range / VMBIND_PAGE_SIZE;
		} else {
			if (failed)
				continue;
			ret = r->be->map(r->vm, op->m.iova,
					 op->m.bo == VM_MODEL_NULL_BO ? NULL :
									&r->sgt[op->m.bo],
					 op->m.bo_offset, op->m.range, op->m.prot);
			r->res->pages_mapped += op->m.range / VMBIND_PAGE_SIZE;
		}
		if (ret) {
			run_trace(r, "    %s iova=%#llx range=%#llx failed: %d\n",
				  op->kind == PT_OP_MAP ? "map" : "unmap",
				  (unsigned long long)op->m.iova,
				  (unsigned long long)op->m.range, ret);
			failed = true;
			if (!r->be->rules->unmap_after_failure)
				break;
		}
	}
	r->cur_op = -1;
	return !failed;
}

/* Stand-in for vm_bind_job_pin_objects(): one allocation that may fail. */
static bool pin_job_objects(void)
{
	void *pages = kmalloc(64, GFP_KERNEL);

	kfree(pages);
	return pages != NULL;
}

/*
 * Pin (Linux >= 6.17 pins the BOs between counting and allocate; when that
 * fails msm_vma_job_free() still cleans up a reservation never allocated)
 * and allocate. Returns NULL or what failed.
 */
static const char *prepare_job(struct vmbind_run *r)
{
	if (r->be->rules->pin_before_allocate && !pin_job_objects())
		return "pinning the job's objects";
	if (r->be->prealloc_allocate(r->vm, r->prealloc))
		return "prealloc_allocate";
	return NULL;
}

/* Counts and checks the reservation of the planned job. */
static void reserve_job(struct vmbind_run *r, const struct vmbind_op *ops,
			size_t n)
{
	struct vmbind_prealloc_view v;
	uint64_t needed, per_level[TABLE_LEVELS];

	r->prealloc = r->be->prealloc_new(r->vm);
	count_reservation(r, ops, n);
	r->be->prealloc_view(r->vm, r->prealloc, &v);
	needed = table_model_needed(&r->tables, &r->ranges, per_level);
	run_trace(r, "  job %u: %zu ops -> %zu page-table ops; reserved %u, needed %llu (L1 %llu, L2 %llu, L3 %llu)\n",
		  r->job, n, r->pt.n, v.count, (unsigned long long)needed,
		  (unsigned long long)per_level[1],
		  (unsigned long long)per_level[2],
		  (unsigned long long)per_level[3]);
	if (r->be->rules->count_runs)
		count_as_seed(r, ops, n, v.count);
	vmbind_scale_ops(n);
	vmbind_scale_reserved(v.count);
	vmbind_scale_needed(needed);
	r->res->reserved_total += v.count;
	r->res->needed_total += needed;
	oracle_reservation(r, v.count, needed, per_level);
}

/* Runs the job with the reservation installed (msm_vma_job_run()). */
static enum vmbind_job_status run_installed(struct vmbind_run *r,
					    uint64_t *live, uint64_t *unused)
{
	struct vmbind_prealloc_view v;
	bool ok;

	r->be->set_prealloc(r->vm, r->prealloc);
	r->prealloc_set = true;
	ok = execute_job(r);
	r->be->set_prealloc(r->vm, NULL);
	r->prealloc_set = false;

	r->be->prealloc_view(r->vm, r->prealloc, &v);
	*live = oracle_cache_live(r);
	*unused = v.count - v.ptr;
	r->res->used_total += v.ptr;
	run_trace(r, "  job %u: used %u, returned %llu\n", r->job, v.ptr,
		  (unsigned long long)*unused);
	return ok ? VMBIND_JOB_OK : VMBIND_JOB_OP_FAILED;
}

/* What the job left: the model moves on, or stops predicting. */
static void settle_job(struct vmbind_run *r, enum vmbind_job_status st)
{
	if (st == VMBIND_JOB_OK) {
		struct vm_model tmp = r->model;

		r->model = r->next;
		r->next = tmp;
		table_model_commit(&r->tables, &r->ranges);
	} else {
		/* What a failed op left behind is no longer predicted. */
		r->exact_tables = false;
		r->shadow_valid = false;
		r->unusable = true;
	}
}

enum vmbind_job_status job_run(struct vmbind_run *r,
			       const struct vmbind_op *ops, size_t n)
{
	const struct vmbind_backend *be = r->be;
	enum vmbind_job_status st;
	struct vmbind_prealloc_view v;
	uint64_t live = 0, unused = 0;
	const char *failed;
	struct pt_walk walk;

	if (!n)
		return VMBIND_JOB_EMPTY;
	if (r->unusable)
		return VMBIND_JOB_REJECTED;

	plan_job(r, ops, n);
	reserve_job(r, ops, n);
	failed = prepare_job(r);
	if (failed) {
		run_trace(r, "  job %u: %s failed\n", r->job, failed);
		st = VMBIND_JOB_PREPARE_FAILED;
	} else if (r->work + planned_work(r) > r->opts->work_budget) {
		r->res->over_budget = true;
		st = VMBIND_JOB_OVER_BUDGET;
	} else {
		be->prealloc_view(r->vm, r->prealloc, &v);
		oracle_conservation(r, "start", oracle_cache_live(r),
				    r->tables_reachable, v.count);
		r->work += planned_work(r);
		st = run_installed(r, &live, &unused);
	}

	/* The one release path: msm_vma_job_free() */
	be->prealloc_cleanup(r->vm, r->prealloc);
	be->prealloc_free(r->vm, r->prealloc);
	r->prealloc = NULL;

	if (st == VMBIND_JOB_PREPARE_FAILED)
		oracle_conservation(r, "after failed prepare", oracle_cache_live(r),
				    r->tables_reachable, 0);
	if (st != VMBIND_JOB_OK && st != VMBIND_JOB_OP_FAILED)
		return st;

	settle_job(r, st);
	table_walk(be, r->vm, r->in.ias, &walk);
	r->tables_reachable = walk.total;
	oracle_conservation(r, "end", live, walk.total, unused);
	oracle_conservation(r, "after cleanup", oracle_cache_live(r), walk.total, 0);
	oracle_after_job(r, &walk);
	return st;
}
