// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tree's drivers/gpu/drm/msm/msm_gem_vma.c (its VM_BIND ioctl, jobs
 * and drm_gpuvm callbacks, on the tree's drm_gpuvm.c, msm_iommu.c and
 * io-pgtable-arm.c), driven through msm_ioctl_vm_bind() against a model.
 *
 *   test_msm_vma random SEED JOBS [BREAK|none [KNOWN,...|none]]
 *   test_msm_vma enomem SEED JOBS [none [KNOWN,...|none]]
 *   test_msm_vma large SEED JOBS [BREAK|none [KNOWN,...|none]]
 *   test_msm_vma signals SEED JOBS [BREAK|none [KNOWN,...|none]]
 *   test_msm_vma case NAME
 *
 * random: from a deterministic PRNG, JOBS VM_BIND ioctls of 1..8 MAP,
 * MAP_NULL and UNMAP ops (inline for one op, else an op array in simulated
 * user memory) on two submit queues, over BOs of several sg shapes and
 * flags, with a few the ioctl must refuse (bad flags, alignment, handle,
 * range, queue, user pointer). Queued jobs run now and then, in the order
 * they were queued; handles are closed while mapped; now and then the
 * file is closed with jobs queued (run or killed) and reopened.
 *
 * The model is the UAPI's (include/uapi/drm/msm_drm.h), kept per page and
 * independent of drm_gpuvm: nothing, (BO, page of the BO, its flags), or
 * the NULL (PRR) page. Checked:
 *   - after every ioctl: its result is the one the UAPI gives for the
 *     request (0, or the error the model expects); the drm_gpuvm VA list
 *     equals the model page for page (a failed ioctl changed nothing);
 *   - whenever no job is queued: every page of the window looks to the GPU
 *     as the model says (harness/gpu_view.c: address, permissions, memory
 *     type), and every account is idle: the reservations in flight are 0,
 *     no BO is pinned, each BO's references are its handle's plus one per
 *     VM it is mapped in, each queue holds only its own reference, every
 *     scheduler job was freed and its fences released;
 *   - at the end the file is closed: every BO is freed, and the shim
 *     reports no leak, no double or wrong free and no other finding.
 * enomem: the same with one allocation failure injected per ioctl, at a
 *   random point: the ioctl succeeds, or fails and changes nothing, or
 *   fails and marks the VM unusable (-EPIPE from then on, as the UAPI
 *   says), and every account is idle once the jobs ran.
 *
 * large: the random run at ias 48 with large-range requests too (one op
 *   repeated up to 64 times: MAP_NULL of the whole VA or its upper half,
 *   UNMAP of the whole VA): each job's page-table reservation must cover
 *   the tables its ops need on an empty table; a MAP_NULL whose tables no
 *   memory holds may fail with -ENOMEM and change nothing.
 *
 * signals: the random run with signals where an ioctl sleeps (its
 *   interruptible locks, taken by another thread as far as the ioctl
 *   knows, and the throttle's wait) and requests of up to 64 tiles far
 *   from the window (the throttle's count climbs): an interrupted ioctl
 *   returns -EINTR or -ERESTARTSYS, changes nothing, and is made again.
 *
 * case NAME: one scenario of an error path (see the table at the end);
 * each prints what it sees, and its test's expectations are set by
 * configure from the tree (tests/msm_vma.cmake).
 *
 * KNOWN names the cases whose finding the tree has (configure reads
 * crashes/unit/msm-vma-*.md): the random runs go past them.
 *
 * BREAK breaks the stand-ins on purpose, to show the checks see it:
 * unpin-skip (a job's BOs are never unpinned), prot-nowrite (writable
 * BOs mapped read-only), sgt-shift (each BO's pages one page off),
 * queue-ref (a queue reference too many per ioctl), handle-put (a closed
 * handle drops two references), error-zero (the ioctl's errors become 0),
 * unusable (a successful VM_BIND marks the VM unusable), count-short (a
 * job's page-table reservation one page short), signal-zero (an
 * interrupted VM_BIND returns 0), far-unmap (unmaps of the tiles, far up
 * the VA, skipped).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/wait.h>
#include <shim/alloc.h>
#include <shim/finding.h>
#include <shim/signal.h>

#include "ioctl_path.h"

#include "check.h"

static struct ioctl_state *const io = &ioctl_state;
static const char *break_name;

static int run_random(unsigned int seed, unsigned long jobs, unsigned int flags)
{
	ioctl_source_prng(seed);
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	shim_finding_set_suppress(ioctl_suppress_known);
	shim_finding_set_context(ioctl_print_context, NULL);
	shim_wait_set_progress(ioctl_wait_progress);
	ioctl_run(jobs, flags);
	printf("msm_vma: %lu ioctls, %lu refused or failed, %lu jobs run, %lu signals: %lu finding(s)%s%s\n",
	       io->ioctls, io->failed, io->ran, shim_signals_delivered(), shim_findings_count(),
	       shim_findings_count() ? ", first: " : "",
	       shim_findings_count() ? shim_findings_first() : "");
	return failures || shim_findings_count();
}

/* ---- error-path scenarios ---- */

/* Ends a scenario: jobs run, accounts checked, the file closed. */
static int case_end(const char *name, bool kill)
{
	if (!kill) {
		while (ioctl_run_oldest())
			;
		ioctl_check_idle("before closing");
	}
	ioctl_close_file(kill);
	shim_alloc_check_leaks();
	if (shim_findings_count() > 1)
		printf("case %s: first finding: %s\ncase %s: last finding: %s\n", name,
		       shim_findings_first(), name, shim_findings_last());
	else if (shim_findings_count())
		printf("case %s: first finding: %s\n", name, shim_findings_first());
	else
		printf("case %s: no finding\n", name);
	return failures;
}

static int bind1(const struct drm_msm_vm_bind_op *op, unsigned int q)
{
	struct ioctl_req r = { .op = { *op }, .n = 1 };

	return ioctl_do(&r, q);
}

static struct drm_msm_vm_bind_op map_op(unsigned int bo, unsigned int page, unsigned int n,
					unsigned int bo_page)
{
	return (struct drm_msm_vm_bind_op){
		.op = MSM_VM_BIND_OP_MAP, .handle = io->bo[bo].handle,
		.iova = IOCTL_WIN_BASE + page * IOCTL_PG, .range = n * IOCTL_PG, .obj_offset = bo_page * IOCTL_PG,
	};
}

/* A request the UAPI accepts, checked as the random runs check it. */
static void bind_ok(const struct ioctl_req *r, unsigned int q)
{
	int ret = ioctl_do(r, q);

	if (ret)
		ioctl_finding("uapi-result", "a valid request returned %d", ret);
	ioctl_model_apply(r);
	io->fifo[io->fifo_len++] = q;
	ioctl_check_gpuvm("after the ioctl");
}

/* A MAP of a handle that is not open: -EINVAL, and nothing else. */
static int case_invalid_handle(void)
{
	struct drm_msm_vm_bind_op op = map_op(0, 0, 1, 0);

	op.handle = 200;
	CHECK_EQ(bind1(&op, 0), -EINVAL);
	ioctl_check_gpuvm("after the refused ioctl");
	return case_end("invalid-handle", false);
}

/* Two MAPs, the first past the end of its BO: -EINVAL, and nothing else. */
static int case_bo_range_then_map(void)
{
	struct ioctl_req r = { .n = 2 };

	r.op[0] = map_op(0, 0, 2, io->bo[0].npages - 1);
	r.op[1] = map_op(1, 64, 1, 0);
	CHECK_EQ(ioctl_do(&r, 0), -EINVAL);
	ioctl_check_gpuvm("after the refused ioctl");
	return case_end("bo-range-then-map", false);
}

/* A MAP job still queued when the file is closed and its queue killed. */
static int case_killed_job(void)
{
	struct ioctl_req r = { .op = { map_op(0, 0, 1, 0) }, .n = 1 };

	bind_ok(&r, 0);
	return case_end("killed-job", true);
}

/*
 * The allocation of function FUNC (the which-th of the ioctl's calls
 * there) fails in the ioctl of request r, made after request pre ran:
 * each allocation is failed in turn until it is that one. The result is
 * checked as the UAPI says: -ENOMEM and the VM unchanged, or the VM
 * marked unusable (-EPIPE from then on); the accounts idle.
 */
static int fail_allocation(const char *name, const struct ioctl_req *pre, const struct ioctl_req *r,
			   const char *func, unsigned int which)
{
	unsigned int seen = 0;

	for (unsigned long n = 1; n < 400; n++) {
		const struct shim_site *at;
		int ret;

		if (pre) {
			bind_ok(pre, 0);
			while (ioctl_run_oldest())
				;
		}
		shim_fault_fail_nth(n, SHIM_FAM_ALL);
		ret = ioctl_do(r, 0);
		shim_fault_fail_nth(0, 0);
		at = shim_fault_last_site();
		if (!shim_fault_injected() || !at || strcmp(at->func, func) || ++seen < which) {
			/* Not the allocation wanted: start again. */
			if (!ret)
				io->fifo[io->fifo_len++] = 0;
			if (!shim_fault_injected())
				break;	/* past the ioctl's last allocation */
			ioctl_restart_quietly();
			continue;
		}
		printf("case %s: allocation %lu (%s %s:%d) failed: ioctl returned %d%s\n", name, n,
		       at->func, at->file, at->line, ret,
		       vmbind_msm_vm_unusable(&io->d) ? ", VM marked unusable" : "");
		CHECK(ret == -ENOMEM || ret == 0, "the ioctl returned %d", ret);
		io->unusable = vmbind_msm_vm_unusable(&io->d);
		if (!ret) {
			ioctl_model_apply(r);
			io->fifo[io->fifo_len++] = 0;
		}
		if (!io->unusable)
			ioctl_check_gpuvm("after the failed ioctl");
		if (pre && !io->unusable) {
			/* The first mapping keeps its BO alive with its handle closed. */
			while (ioctl_run_oldest())
				;
			ioctl_check_idle("after the failed ioctl");
			CHECK_EQ(vmbind_msm_handle_close(&io->d, io->bo[0].handle), 0);
			io->bo[0].open = false;
		}
		return case_end(name, false);
	}
	CHECK(0, "no allocation in %s failed", func);
	return failures;
}

/* Two MAPs and a MAP_NULL; the second MAP splits the first. */
static void three_ops(struct ioctl_req *r)
{
	*r = (struct ioctl_req){ .n = 3 };
	r->op[0] = map_op(0, 0, 4, 0);
	r->op[1] = map_op(1, 1, 1, 0);
	r->op[2] = (struct drm_msm_vm_bind_op){
		.op = MSM_VM_BIND_OP_MAP_NULL, .iova = IOCTL_WIN_BASE + 600 * IOCTL_PG, .range = 8 * IOCTL_PG,
	};
}

/* The page-table pages' bulk allocation fails. */
static int case_prealloc_bulk_enomem(void)
{
	struct ioctl_req r;

	three_ops(&r);
	/* msm_iommu_pagetable_prealloc_allocate(): the array, then the bulk. */
	return fail_allocation("prealloc-bulk-enomem", NULL, &r,
			       "msm_iommu_pagetable_prealloc_allocate", 2);
}

/* The new VMA of a MAP fails to allocate. */
static int case_vma_new_enomem(void)
{
	struct ioctl_req r = { .op = { map_op(0, 0, 4, 0) }, .n = 1 };

	return fail_allocation("vma-new-enomem", NULL, &r, "msm_gem_vma_new", 1);
}

/* The page-table op of a MAP fails to allocate. */
static int case_map_op_enomem(void)
{
	struct ioctl_req r = { .op = { map_op(0, 0, 4, 0) }, .n = 1 };

	return fail_allocation("map-op-enomem", NULL, &r, "vm_op_enqueue", 1);
}

/*
 * A MAP that splits a mapping made (and run) before: the allocation of
 * the remaining part's VMA fails, its WARN aside (vma-new-enomem).
 */
static int case_remap_enomem(void)
{
	struct ioctl_req pre = { .op = { map_op(0, 0, 4, 0) }, .n = 1 };
	struct ioctl_req r = { .op = { map_op(1, 1, 1, 0) }, .n = 1 };

	ioctl_known.vma_new_warn = true;
	return fail_allocation("remap-enomem", &pre, &r, "msm_gem_vma_new", 1);
}

/*
 * The prealloc throttle: two queued jobs hold more than 1024 page-table
 * pages; a third waits. With a signal pending the wait is interrupted
 * (-ERESTARTSYS) and the in-flight count must come back to 0 once the
 * jobs ran; with none, the scheduler (the progress function) runs the
 * queued jobs meanwhile and the third goes through.
 */
static int throttle(const char *name, bool signal)
{
	struct drm_msm_vm_bind_op op = { .op = MSM_VM_BIND_OP_MAP_NULL, .range = 1ull << 30 };
	int ret;

	for (unsigned int i = 0; i < 2; i++) {
		op.iova = (8ull + i) << 30;	/* far from the window */
		CHECK_EQ(bind1(&op, 0), 0);
		io->fifo[io->fifo_len++] = 0;
	}
	printf("case %s: %d page-table pages in flight\n", name, vmbind_msm_vm_in_flight(&io->d));
	CHECK(vmbind_msm_vm_in_flight(&io->d) > 1024);
	op.iova = 10ull << 30;
	shim_signal_pending_set(signal);
	ret = bind1(&op, 1);
	shim_signal_pending_set(0);
	if (signal) {
		CHECK_EQ(ret, -ERESTARTSYS);
		CHECK_EQ(io->fifo_len, 2);
	} else {
		CHECK_EQ(ret, 0);
		CHECK(io->fifo_len < 2);	/* one ran while the ioctl waited */
		io->fifo[io->fifo_len++] = 1;
	}
	return case_end(name, false);
}

static int case_throttle_signal(void)
{
	return throttle("throttle-signal", true);
}

static int case_throttle_wait(void)
{
	return throttle("throttle-wait", false);
}

/*
 * Without the progress function the same wait can never end: the shim's
 * wait-forever finding (checked, then forgotten: the case is of the shim).
 */
static int case_throttle_stuck(void)
{
	struct drm_msm_vm_bind_op op = { .op = MSM_VM_BIND_OP_MAP_NULL, .range = 1ull << 30 };
	int ret;

	shim_wait_set_progress(NULL);
	for (unsigned int i = 0; i < 2; i++) {
		op.iova = (8ull + i) << 30;
		CHECK_EQ(bind1(&op, 0), 0);
		io->fifo[io->fifo_len++] = 0;
	}
	op.iova = 10ull << 30;
	ret = bind1(&op, 1);
	CHECK(shim_findings_have_kind("wait-forever"), "the wait that cannot end was not reported");
	CHECK(!strncmp(shim_findings_first(), "wait-forever vm_bind_prealloc_count ", 36));
	shim_findings_clear();
	if (!ret)	/* the wait gave up and the ioctl went on */
		io->fifo[io->fifo_len++] = 1;
	shim_wait_set_progress(ioctl_wait_progress);
	return case_end("throttle-stuck", false);
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "invalid-handle", case_invalid_handle },
	{ "bo-range-then-map", case_bo_range_then_map },
	{ "killed-job", case_killed_job },
	{ "prealloc-bulk-enomem", case_prealloc_bulk_enomem },
	{ "vma-new-enomem", case_vma_new_enomem },
	{ "map-op-enomem", case_map_op_enomem },
	{ "remap-enomem", case_remap_enomem },
	{ "throttle-signal", case_throttle_signal },
	{ "throttle-wait", case_throttle_wait },
	{ "throttle-stuck", case_throttle_stuck },
};

static const struct {
	const char *name;
	enum vmbind_msm_break b;
} breaks[] = {
	{ "unpin-skip", VMBIND_MSM_BREAK_UNPIN_SKIP },
	{ "prot-nowrite", VMBIND_MSM_BREAK_PROT_NOWRITE },
	{ "sgt-shift", VMBIND_MSM_BREAK_SGT_SHIFT },
	{ "queue-ref", VMBIND_MSM_BREAK_QUEUE_REF },
	{ "handle-put", VMBIND_MSM_BREAK_HANDLE_PUT },
	{ "error-zero", VMBIND_MSM_BREAK_ERROR_ZERO },
	{ "unusable", VMBIND_MSM_BREAK_UNUSABLE },
	{ "count-short", VMBIND_MSM_BREAK_COUNT_SHORT },
	{ "signal-zero", VMBIND_MSM_BREAK_SIGNAL_ZERO },
	{ "far-unmap", VMBIND_MSM_BREAK_FAR_UNMAP },
};

static int usage(void)
{
	fprintf(stderr, "usage: test_msm_vma random|enomem|large|signals SEED JOBS [BREAK|none [KNOWN,...|none]] | case NAME\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && argc <= 6 &&
	    (!strcmp(argv[1], "random") || !strcmp(argv[1], "enomem") || !strcmp(argv[1], "large") ||
	     !strcmp(argv[1], "signals"))) {
		if (argc == 6 && !ioctl_parse_known(argv[5]))
			return usage();
		if (argc >= 5 && strcmp(argv[4], "none")) {
			unsigned int i;

			for (i = 0; i < ARRAY_SIZE(breaks); i++)
				if (!strcmp(argv[4], breaks[i].name))
					break;
			if (i == ARRAY_SIZE(breaks))
				return usage();
			break_name = breaks[i].name;
			vmbind_msm_set_break(breaks[i].b);
		}
		return run_random(strtoul(argv[2], NULL, 0), strtoul(argv[3], NULL, 0),
				  !strcmp(argv[1], "enomem") ? IOCTL_RUN_ENOMEM :
				  !strcmp(argv[1], "large") ? IOCTL_RUN_LARGE :
				  !strcmp(argv[1], "signals") ? IOCTL_RUN_SIGNALS : 0) ? 1 : 0;
	}
	if (argc == 3 && !strcmp(argv[1], "case")) {
		for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
			if (strcmp(argv[2], cases[i].name))
				continue;
			ioctl_source_prng(1);
			shim_finding_set_mode(SHIM_FINDING_RECORD);
			shim_finding_set_suppress(ioctl_suppress_known);
			shim_wait_set_progress(ioctl_wait_progress);
			ioctl_dev_open();
			return cases[i].fn() ? 1 : 0;
		}
	}
	return usage();
}
