// SPDX-License-Identifier: GPL-2.0-only
/*
 * The job driver. Each input: create the VM as msm does, run its jobs
 * (count the reservation over the MAP/MAP_NULL ops, allocate it, hand it to
 * the page table, run the ops in order, take it back, clean up — cleanup
 * also runs when allocate failed), destroy the VM, then check for leaks.
 * The oracles run at every step; see driver.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <linux/io-pgtable.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <shim/alloc.h>
#include <shim/dma.h>
#include <shim/finding.h>

#include "../model/table_model.h"
#include "../model/vm_model.h"
#include "driver.h"
#include "input.h"
#include "gpu_view.h"
#include "oracles.h"

#define PAGE 4096ull
#define SZ_2M_ (1ull << 21)

/* State of the input being run; static so nothing is lost on a longjmp. */
struct run {
	const struct vmbind_options *opts;
	const struct vmbind_backend *be;
	struct vmbind_result *res;
	struct vmbind_input in;
	void *vm;
	void *prealloc;		/* reservation of the running job */
	bool prealloc_set;	/* mmu->prealloc currently points at it */
	struct vm_model model, next;
	struct table_model tables;
	struct pt_op_list pt;
	struct range_list ranges;
	struct sg_table sgt[VMBIND_NR_BOS];
	struct scatterlist sgl[VMBIND_NR_BOS][VMBIND_MAX_SG];
	void *(*orig_alloc)(void *cookie, size_t size, gfp_t gfp);
	uint64_t work;
	uint64_t tables_reachable;	/* from the last walk */
	bool exact_tables;		/* the table model is exact */
	bool shadow_valid;		/* the shadow model is exact */
	bool unusable;
	unsigned int job;
	size_t job_first_op;	/* input index of the job's first op */
	int cur_op;		/* input index of the op being run, or -1 */
};

static struct run run;

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

static uint64_t cache_live(struct kmem_cache *cache)
{
	/* The cache may be missing: msm does not check kmem_cache_create(). */
	return cache ? shim_kmem_cache_live(cache) : 0;
}

static bool oracle_on(enum vmbind_oracle o)
{
	return run.opts->oracles & o;
}

/* ---- oracle 1: the pool never runs dry ---- */

static void *pool_checked_alloc(void *cookie, size_t size, gfp_t gfp)
{
	struct vmbind_prealloc_view v;

	if (oracle_on(VMBIND_ORACLE_POOL_DRY)) {
		if (!run.prealloc_set) {
			shim_finding_at("pool-dry", run.be->alloc_hook,
					run.be->source, 0,
					"page-table allocation outside a VM_BIND job (no reservation), job %u",
					run.job);
		} else {
			run.be->prealloc_view(run.vm, run.prealloc, &v);
			if (v.ptr >= v.count)
				shim_finding_at("pool-dry", run.be->alloc_hook,
						run.be->source, 0,
						"reservation exhausted in job %u: %u reserved, %u already used",
						run.job, v.count, v.ptr);
		}
	}
	return run.orig_alloc(cookie, size, gfp);
}

static void install_pool_check(void)
{
	struct io_pgtable *iop = io_pgtable_ops_to_pgtable(run.be->pgtbl_ops(run.vm));

	run.orig_alloc = iop->cfg.alloc;
	iop->cfg.alloc = pool_checked_alloc;
}

/* ---- helpers ---- */

static void build_sg_tables(void)
{
	for (int b = 0; b < VMBIND_NR_BOS; b++) {
		const struct vmbind_bo *bo = &run.in.bo[b];

		for (unsigned int i = 0; i < bo->nchunks; i++) {
			run.sgl[b][i] = (struct scatterlist){
				.length = (unsigned int)bo->chunk[i].len,
				.shim_phys = bo->chunk[i].phys,
			};
		}
		run.sgt[b] = (struct sg_table){
			.sgl = run.sgl[b],
			.nents = bo->nchunks,
			.orig_nents = bo->nchunks,
		};
	}
}

static void trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void trace(const char *fmt, ...)
{
	va_list ap;

	if (!run.opts->trace)
		return;
	va_start(ap, fmt);
	vfprintf(run.opts->trace, fmt, ap);
	va_end(ap);
}

static void finding_context(FILE *out, void *arg)
{
	struct vmbind_prealloc_view v = { 0 };

	if (shim_fault_injected()) {
		const struct shim_site *f = shim_fault_last_site();

		fprintf(out, "==vmbind== fault injection: allocation %u (%s) failed, at %s %s:%d\n",
			run.in.fail_nth, vmbind_fail_family_name(run.in.fail_family),
			f ? f->func : "?", f ? f->file : "?", f ? f->line : 0);
	}
	if (!run.vm)
		return;
	fprintf(out, "==vmbind== context: backend %s, job %u, ias %u, coherent_walk %d",
		run.be->name, run.job, run.in.ias, run.in.coherent_walk);
	if (run.cur_op >= 0 && (size_t)run.cur_op < run.in.nops) {
		fprintf(out, ", op %d: ", run.cur_op);
		vmbind_op_print(out, &run.in.ops[run.cur_op]);
	}
	fprintf(out, "\n");
	if (run.prealloc) {
		run.be->prealloc_view(run.vm, run.prealloc, &v);
		fprintf(out, "==vmbind== pool: %u reserved, %u used, %u left, page array %s\n",
			v.count, v.ptr, v.count - v.ptr,
			v.has_pages ? "allocated" : "NULL");
	}
	{
		uint64_t t[TABLE_LEVELS];

		table_model_count(&run.tables, t);
		fprintf(out, "==vmbind== page table before this job: root at level %d, tables per level L1 %llu L2 %llu L3 %llu (%llu reachable at the last walk)\n",
			run.tables.start_level, (unsigned long long)t[1],
			(unsigned long long)t[2], (unsigned long long)t[3],
			(unsigned long long)run.tables_reachable);
	}
}

/* Reservation count as the backend's job preparation does it. */
static void count_reservation(const struct vmbind_op *ops, size_t n)
{
	const struct vmbind_op *first = NULL, *last = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct vmbind_op *op = &ops[i];

		if (op->type == VMBIND_OP_UNMAP)
			continue;
		if (!run.be->gem_vma_6_17) {
			run.be->prealloc_count(run.vm, run.prealloc, op->iova,
					       op->range);
			continue;
		}
		/* vm_bind_prealloc_count(): runs of ops sharing a 2 MiB block */
		if (last && ((last->iova + last->range) & ~(SZ_2M_ - 1)) ==
				    (op->iova & ~(SZ_2M_ - 1))) {
			last = op;
			continue;
		}
		if (first)
			run.be->prealloc_count(run.vm, run.prealloc, first->iova,
					       (last->iova + last->range) - first->iova);
		first = last = op;
	}
	if (first)
		run.be->prealloc_count(run.vm, run.prealloc, first->iova,
				       (last->iova + last->range) - first->iova);
}

/* Expands the job's ops into page-table ops on a copy of the model. */
static void plan_job(const struct vmbind_op *ops, size_t n)
{
	vm_model_copy(&run.next, &run.model);
	pt_op_list_reset(&run.pt);
	range_list_reset(&run.ranges);
	for (size_t i = 0; i < n; i++) {
		const struct vmbind_op *op = &ops[i];
		struct vm_mapping m = {
			.iova = op->iova,
			.range = op->range,
			.bo = op->type == VMBIND_OP_MAP ? op->bo : VM_MODEL_NULL_BO,
			.bo_offset = op->bo_offset,
			.prot = op->prot,
		};

		size_t first_pt = run.pt.n;

		if (op->type == VMBIND_OP_UNMAP)
			vm_model_unmap(&run.next, op->iova, op->range, &run.pt);
		else if (!(run.be->gem_vma_6_17 &&
			   vm_model_is_inplace_remap(&run.next, &m)))
			vm_model_map(&run.next, &m, &run.pt);
		for (size_t k = first_pt; k < run.pt.n; k++)
			run.pt.ops[k].origin = (int)(run.job_first_op + i);
	}
	for (size_t i = 0; i < run.pt.n; i++)
		if (run.pt.ops[i].kind == PT_OP_MAP)
			range_list_add(&run.ranges, run.pt.ops[i].m.iova,
				       run.pt.ops[i].m.range);
}

static uint64_t planned_work(void)
{
	uint64_t w = 0;

	for (size_t i = 0; i < run.pt.n; i++)
		w += run.pt.ops[i].m.range / PAGE;
	return w;
}

/* Runs the planned page-table ops; false if one failed. */
static bool execute_job(void)
{
	bool failed = false;

	for (size_t i = 0; i < run.pt.n; i++) {
		const struct pt_op *op = &run.pt.ops[i];
		int ret;

		run.cur_op = op->origin;
		if (op->kind == PT_OP_UNMAP) {
			ret = run.be->unmap(run.vm, op->m.iova, op->m.range);
			run.res->pages_unmapped += op->m.range / PAGE;
		} else {
			/* After a failure the 6.17 driver skips MAPs, still UNMAPs. */
			if (failed)
				continue;
			ret = run.be->map(run.vm, op->m.iova,
					  op->m.bo == VM_MODEL_NULL_BO ? NULL :
									  &run.sgt[op->m.bo],
					  op->m.bo_offset, op->m.range, op->m.prot);
			run.res->pages_mapped += op->m.range / PAGE;
		}
		if (ret) {
			trace("    %s iova=%#llx range=%#llx failed: %d\n",
			      op->kind == PT_OP_MAP ? "map" : "unmap",
			      (unsigned long long)op->m.iova,
			      (unsigned long long)op->m.range, ret);
			failed = true;
			if (!run.be->gem_vma_6_17)
				break;
		}
	}
	run.cur_op = -1;
	return !failed;
}

/* ---- oracle 2: conservation; and the exact table count ---- */

static void check_conservation(const char *when, uint64_t live,
			       uint64_t tables, uint64_t unused)
{
	if (!oracle_on(VMBIND_ORACLE_CONSERVATION) || live == tables + unused)
		return;
	shim_finding_at("conservation", "vmbind_job", "harness/driver.c", 0,
			"%s of job %u: %llu live msm-mmu-pt objects, but %llu tables reachable from the root + %llu reserved pages unused",
			when, run.job, (unsigned long long)live,
			(unsigned long long)tables, (unsigned long long)unused);
}

static void check_table_model(const struct pt_walk *w)
{
	uint64_t want[TABLE_LEVELS];

	if (!oracle_on(VMBIND_ORACLE_CONSERVATION) || !run.exact_tables)
		return;
	table_model_count(&run.tables, want);
	for (int l = 0; l < TABLE_LEVELS; l++) {
		if (want[l] == w->tables[l])
			continue;
		shim_finding_at("table-count", "vmbind_job", "harness/driver.c", 0,
				"after job %u: %llu level-%d tables in the page table, the model expects %llu",
				run.job, (unsigned long long)w->tables[l], l,
				(unsigned long long)want[l]);
		return;
	}
}

/* ---- oracle 4: shadow mapping ---- */

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

/* The shadow (iova_to_phys) and the GPU's view of one page. */
static void check_page(const struct vmbind_input *in, uint64_t iova)
{
	if (oracle_on(VMBIND_ORACLE_SHADOW))
		oracle_check_page(run.be, run.vm, &run.model, in, iova, run.job);
	if (oracle_on(VMBIND_ORACLE_GPU_VIEW))
		oracle_check_gpu_view(run.be, run.vm, &run.model, in, iova,
				      run.job);
}

static void check_shadow(void)
{
	const struct vmbind_input *in = &run.in;
	uint64_t va_pages = (in->va_end - in->va_start) / PAGE;
	size_t nmaps;

	if (!(oracle_on(VMBIND_ORACLE_SHADOW) || oracle_on(VMBIND_ORACLE_GPU_VIEW)) ||
	    !run.shadow_valid)
		return;
	gpu_view_begin();
	/* Every page the job touched. */
	for (size_t i = 0; i < run.pt.n; i++) {
		const struct pt_op *op = &run.pt.ops[i];

		for (uint64_t a = op->m.iova; a < op->m.iova + op->m.range; a += PAGE)
			check_page(in, a);
	}
	/* The edges of up to 64 mappings and their neighbours. */
	nmaps = run.model.n < 64 ? run.model.n : 64;
	for (size_t i = 0; i < nmaps; i++) {
		const struct vm_mapping *m = &run.model.maps[i];
		uint64_t probe[4] = { m->iova - PAGE, m->iova,
				      m->iova + m->range - PAGE, m->iova + m->range };

		for (int k = 0; k < 4; k++)
			if (probe[k] >= in->va_start && probe[k] < in->va_end)
				check_page(in, probe[k]);
	}
	/* A deterministic sample of the rest. */
	for (unsigned int k = 0; k < 16; k++) {
		uint64_t page = mix(((uint64_t)run.job << 32) | k) % va_pages;

		check_page(in, in->va_start + page * PAGE);
	}
}

/* ---- one job ---- */

/* Stand-in for vm_bind_job_pin_objects(): one allocation that may fail. */
static bool pin_job_objects(void)
{
	void *pages = kmalloc(64, GFP_KERNEL);

	kfree(pages);
	return pages != NULL;
}

static enum vmbind_job_status run_job(const struct vmbind_op *ops, size_t n)
{
	const struct vmbind_backend *be = run.be;
	struct kmem_cache *cache = be->pt_cache(run.vm);
	struct vmbind_prealloc_view v;
	uint64_t needed, per_level[TABLE_LEVELS], live, unused;
	struct pt_walk walk;
	bool ok;

	if (!n)
		return VMBIND_JOB_EMPTY;
	if (run.unusable)
		return VMBIND_JOB_REJECTED;

	plan_job(ops, n);

	/* prepare: count, check sufficiency, allocate */
	run.prealloc = be->prealloc_new(run.vm);
	count_reservation(ops, n);
	be->prealloc_view(run.vm, run.prealloc, &v);
	needed = table_model_needed(&run.tables, &run.ranges, per_level);
	trace("  job %u: %zu ops -> %zu page-table ops; reserved %u, needed %llu (L1 %llu, L2 %llu, L3 %llu)\n",
	      run.job, n, run.pt.n, v.count, (unsigned long long)needed,
	      (unsigned long long)per_level[1], (unsigned long long)per_level[2],
	      (unsigned long long)per_level[3]);
	if (be->gem_vma_6_17) {
		/* Differential figure: the seed patch counted every op alone. */
		uint64_t seed = 0;

		for (size_t i = 0; i < n; i++)
			if (ops[i].type != VMBIND_OP_UNMAP)
				seed += seed_formula_count(ops[i].iova, ops[i].range);
		run.res->seed_count_total += seed;
		if (seed != v.count)
			trace("  job %u: the seed patch's count would be %llu (kernel %u, %+lld)\n",
			      run.job, (unsigned long long)seed, v.count,
			      (long long)v.count - (long long)seed);
	}
	run.res->reserved_total += v.count;
	run.res->needed_total += needed;
	if (oracle_on(VMBIND_ORACLE_RESERVATION) && run.exact_tables &&
	    v.count < needed)
		shim_finding_at("reservation-short", "prealloc_count", be->source, 0,
				"job %u reserves %u page-table pages but its ops need %llu new tables (L1 %llu, L2 %llu, L3 %llu): the pool would run dry",
				run.job, v.count, (unsigned long long)needed,
				(unsigned long long)per_level[1],
				(unsigned long long)per_level[2],
				(unsigned long long)per_level[3]);

	/*
	 * Linux >= 6.17 pins the BOs (allocating) between counting and
	 * prealloc_allocate(); when that fails, msm_vma_job_free() still runs
	 * prealloc_cleanup() on a reservation that was never allocated. This
	 * allocation stands in for that step, so fault injection reaches it.
	 */
	if (be->gem_vma_6_17 && !pin_job_objects()) {
		trace("  job %u: pinning the job's objects failed\n", run.job);
		be->prealloc_cleanup(run.vm, run.prealloc);
		be->prealloc_free(run.vm, run.prealloc);
		run.prealloc = NULL;
		check_conservation("after failed pin", cache_live(cache),
				   run.tables_reachable, 0);
		return VMBIND_JOB_PREPARE_FAILED;
	}
	if (be->prealloc_allocate(run.vm, run.prealloc)) {
		trace("  job %u: prealloc_allocate failed\n", run.job);
		/* msm always runs cleanup, also when allocate failed */
		be->prealloc_cleanup(run.vm, run.prealloc);
		be->prealloc_free(run.vm, run.prealloc);
		run.prealloc = NULL;
		check_conservation("after failed prepare", cache_live(cache),
				   run.tables_reachable, 0);
		return VMBIND_JOB_PREPARE_FAILED;
	}
	be->prealloc_view(run.vm, run.prealloc, &v);
	check_conservation("start", cache_live(cache),
			   run.tables_reachable, v.count);

	if (run.work + planned_work() > run.opts->work_budget) {
		be->prealloc_cleanup(run.vm, run.prealloc);
		be->prealloc_free(run.vm, run.prealloc);
		run.prealloc = NULL;
		run.res->over_budget = true;
		return VMBIND_JOB_OVER_BUDGET;
	}
	run.work += planned_work();

	/* run: msm_vma_job_run() */
	be->set_prealloc(run.vm, run.prealloc);
	run.prealloc_set = true;
	ok = execute_job();
	be->set_prealloc(run.vm, NULL);
	run.prealloc_set = false;

	be->prealloc_view(run.vm, run.prealloc, &v);
	live = cache_live(cache);
	unused = v.count - v.ptr;
	run.res->used_total += v.ptr;
	trace("  job %u: used %u, returned %llu\n", run.job, v.ptr,
	      (unsigned long long)unused);

	/* free: msm_vma_job_free() */
	be->prealloc_cleanup(run.vm, run.prealloc);
	be->prealloc_free(run.vm, run.prealloc);
	run.prealloc = NULL;

	if (ok) {
		struct vm_model tmp = run.model;

		run.model = run.next;
		run.next = tmp;
		table_model_commit(&run.tables, &run.ranges);
	} else {
		/* What a failed op left behind is no longer predicted. */
		run.exact_tables = false;
		run.shadow_valid = false;
		run.unusable = true;
	}

	oracle_walk_tables(be, run.vm, run.in.ias, &walk);
	run.tables_reachable = walk.total;
	check_conservation("end", live, walk.total, unused);
	check_conservation("after cleanup", cache_live(cache), walk.total, 0);
	check_table_model(&walk);
	check_shadow();
	return ok ? VMBIND_JOB_OK : VMBIND_JOB_OP_FAILED;
}

static void reset_run_state(const struct vmbind_options *opts,
			    struct vmbind_result *res)
{
	/* A previous input may have ended in a longjmp: drop its leftovers. */
	if (run.prealloc && run.be)
		run.be->prealloc_free(NULL, run.prealloc);
	run.prealloc = NULL;
	run.prealloc_set = false;
	run.vm = NULL;
	run.opts = opts;
	run.be = opts->backend;
	run.res = res;
	run.work = 0;
	run.tables_reachable = 0;
	run.exact_tables = true;
	run.shadow_valid = true;
	run.unusable = false;
	run.job = 0;
	run.job_first_op = 0;
	run.cur_op = -1;
	run.model.n = 0;
	run.next.n = 0;
	table_model_free(&run.tables);
	memset(res, 0, sizeof(*res));
}

void vmbind_run(const uint8_t *data, size_t size,
		const struct vmbind_options *opts, struct vmbind_result *res)
{
	struct vmbind_vm_config cfg;
	size_t start = 0;

	reset_run_state(opts, res);
	shim_reset();
	shim_mem_set_budget(opts->mem_budget);
	shim_finding_set_context(finding_context, NULL);

	vmbind_input_free(&run.in);
	vmbind_input_decode(data, size, &run.in);
	if (opts->trace) {
		vmbind_input_print(opts->trace, &run.in);
		for (size_t i = 0; i < run.in.nops; i++) {
			fprintf(opts->trace, "  op %3zu: ", i);
			vmbind_op_print(opts->trace, &run.in.ops[i]);
			fprintf(opts->trace, "\n");
		}
	}
	build_sg_tables();
	table_model_init(&run.tables, run.in.ias);

	/* Fault injection covers VM creation, every job and the teardown. */
	if (run.in.fail_nth)
		shim_fault_fail_nth(run.in.fail_nth,
				    vmbind_fail_family_mask(run.in.fail_family));

	/* A non-coherent walker reads what was made visible to the device. */
	gpu_view_enable(oracle_on(VMBIND_ORACLE_GPU_VIEW) && !run.in.coherent_walk);
	cfg = (struct vmbind_vm_config){
		.ias = run.in.ias,
		.oas = 48,
		.coherent_walk = run.in.coherent_walk,
	};
	if (run.be->vm_create(&run.vm, &cfg)) {
		trace("vm_create failed\n");
		run.vm = NULL;
		goto checks;
	}
	res->vm_created = true;
	install_pool_check();

	for (size_t i = 0; i <= run.in.nops; i++) {
		enum vmbind_job_status st;

		if (i < run.in.nops && run.in.ops[i].type != VMBIND_OP_END_JOB)
			continue;
		run.job_first_op = start;
		st = run_job(&run.in.ops[start], i - start);
		if (st != VMBIND_JOB_EMPTY) {
			trace("  job %u: %s\n", run.job, vmbind_job_status_name(st));
			res->jobs++;
			if (st == VMBIND_JOB_OK || st == VMBIND_JOB_OP_FAILED)
				res->jobs_run++;
			run.job++;
		}
		start = i + 1;
		if (st == VMBIND_JOB_OVER_BUDGET)
			break;
	}

	run.be->vm_destroy(run.vm);
	run.vm = NULL;
checks:
	if (shim_fault_injected()) {
		const struct shim_site *f = shim_fault_last_site();

		trace("fault injection: allocation %u (%s) failed, at %s %s:%d\n",
		      run.in.fail_nth, vmbind_fail_family_name(run.in.fail_family),
		      f->func, f->file, f->line);
	}
	shim_fault_fail_nth(0, 0);
	if (oracle_on(VMBIND_ORACLE_SHIM)) {
		shim_alloc_check_leaks();
		shim_dma_check_leaks();
	}
	shim_finding_set_context(NULL, NULL);
	shim_reset();
}
