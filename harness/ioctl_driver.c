// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctl path's driver (ioctl_path.h): a file with its BOs and submit
 * queues, VM_BIND requests made from decisions (valid ones, and ones the
 * UAPI must refuse), jobs run in the order they were queued, handles and
 * files closed while mapped, allocation failures, signals where an ioctl
 * sleeps (the client then makes the call again, as libdrm's drmIoctl()
 * and the kernel's restart do), and the findings the tree is known to
 * have gone past.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/compiler.h>	/* before the UAPI headers: __user */
#include <drm/msm_drm.h>
#include <drm/gpu_scheduler.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <shim/alloc.h>
#include <shim/finding.h>
#include <shim/signal.h>

#include "gpu_view.h"
#include "ioctl_path.h"
#include "ioctl_trace.h"
#include "scale_feedback.h"

/* A step of the set-up the harness cannot do without. */
#define must(cond) \
	do { \
		if (!(cond)) \
			ioctl_finding("harness", "set-up failed: %s", #cond); \
	} while (0)

struct ioctl_state ioctl_state;
struct ioctl_known ioctl_known;
static struct ioctl_state *const io = &ioctl_state;

/* ---- decisions ---- */

static unsigned long long rng_state;
static const uint8_t *src_data;
static size_t src_size, src_pos;
static bool src_bytes, src_done;

void ioctl_source_prng(unsigned long long seed)
{
	rng_state = seed;
	src_bytes = src_done = false;
}

void ioctl_source_bytes(const uint8_t *data, size_t size)
{
	src_data = data;
	src_size = size;
	src_pos = 0;
	src_bytes = true;
	src_done = false;
}

bool ioctl_source_exhausted(void)
{
	return src_done;
}

unsigned int ioctl_pick(unsigned int n)
{
	unsigned int v = 0;

	if (n <= 1)
		return 0;
	if (!src_bytes) {
		rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
		return (unsigned int)((rng_state >> 33) % n);
	}
	/* One byte per choice of up to 256, two for larger ones. */
	for (unsigned int k = 0; k < (n > 256 ? 2u : 1u); k++) {
		if (src_pos >= src_size) {
			src_done = true;
			return 0;
		}
		v = v << 8 | src_data[src_pos++];
	}
	return v % n;
}

int ioctl_suppress_known(const char *sig)
{
	return (ioctl_known.prr_page &&
		!strncmp(sig, "null-deref msm_iommu_pagetable_destroy ", 39)) ||
	       (ioctl_known.invalid_handle &&
		!strncmp(sig, "gem-bad-ref vm_bind_job_lookup_ops ", 35)) ||
	       (ioctl_known.bo_range_then_map && !strncmp(sig, "gem-bad-ref msm_vma_job_free ", 29)) ||
	       (ioctl_known.vma_new_warn && (!strncmp(sig, "warn msm_gem_vm_sm_step_map ", 28) ||
				       !strncmp(sig, "warn msm_gem_vm_sm_step_remap ", 30)));
}

/* An allocation whose failure leads to a known finding. */
static bool known_failure_site(const struct shim_site *at)
{
	return at && ((ioctl_known.prealloc_bulk_enomem &&
		       !strcmp(at->func, "msm_iommu_pagetable_prealloc_allocate")) ||
		      /* msm_gem_vma_new(), or the drm_gpuvm_bo it obtains */
		      (ioctl_known.vma_new_warn && (!strcmp(at->func, "msm_gem_vma_new") ||
					      !strcmp(at->func, "drm_gpuvm_bo_create"))) ||
		      (ioctl_known.map_op_enomem && !strcmp(at->func, "vm_op_enqueue")));
}

/* The names VMBIND_KNOWN takes (crashes/ notes), and what each sets. */
static const struct {
	const char *name;
	bool *set;
} known_names[] = {
	{ "invalid-handle", &ioctl_known.invalid_handle },
	{ "bo-range-then-map", &ioctl_known.bo_range_then_map },
	{ "killed-job", &ioctl_known.killed_job },
	{ "prealloc-bulk-enomem", &ioctl_known.prealloc_bulk_enomem },
	{ "vma-new-enomem", &ioctl_known.vma_new_warn },
	{ "remap-enomem", &ioctl_known.vma_new_warn },	/* the same stimulus */
	{ "map-op-enomem", &ioctl_known.map_op_enomem },
	{ "open-enomem", &ioctl_known.open_enomem },
	{ "prr-page-unchecked", &ioctl_known.prr_page },
	{ "prealloc-count-u32-wrap", &ioctl_known.count_u32_wrap },
	{ "prealloc-kvmalloc-warn", &ioctl_known.kvmalloc_warn },
	{ "throttle-signal", &ioctl_known.throttle_signal },
	{ "none", NULL },
};

bool ioctl_parse_known(char *list)
{
	for (char *n = strtok(list, ","); n; n = strtok(NULL, ",")) {
		size_t i = 0;

		while (i < sizeof(known_names) / sizeof(known_names[0]) &&
		       strcmp(n, known_names[i].name))
			i++;
		if (i == sizeof(known_names) / sizeof(known_names[0]))
			return false;
		if (known_names[i].set)
			*known_names[i].set = true;
	}
	return true;
}

/* ---- set-up ---- */

static void bo_create(unsigned int i)
{
	static const u32 flag_sets[] = { 0, MSM_BO_GPU_READONLY, MSM_BO_CACHED_COHERENT,
					 MSM_BO_GPU_READONLY | MSM_BO_CACHED_COHERENT };
	struct vmbind_msm_chunk c[64];
	struct ioctl_bo *b = &io->bo[i];
	unsigned int n = 0, p = 0;
	/* Each BO's pages in a region of its own; chunks of 1..8 pages. */
	phys_addr_t base = 0x880000000ull + (phys_addr_t)i * 0x1000000ull;
	/* Flags first, then size: the order inputs have always been read in. */
	u32 flags = flag_sets[ioctl_pick(4)];

	*b = (struct ioctl_bo){ .npages = 4 + ioctl_pick(60), .flags = flags };
	while (p < b->npages) {
		unsigned int len = 1 + ioctl_pick(8);

		if (len > b->npages - p)
			len = b->npages - p;
		c[n] = (struct vmbind_msm_chunk){ .phys = base + (phys_addr_t)(p + n) * 2 * IOCTL_PG,
						  .len = len * IOCTL_PG };
		for (unsigned int k = 0; k < len; k++)
			b->phys[p + k] = c[n].phys + k * IOCTL_PG;
		p += len;
		n++;
	}
	must(vmbind_msm_bo_new(&io->d, c, n, b->flags, &b->handle) == 0);
	ioctl_trace_bo(b->npages * IOCTL_PG, b->flags & MSM_BO_GPU_READONLY,
		       b->flags & MSM_BO_CACHED_COHERENT, b->handle, 0);
	b->open = true;
	b->obj = vmbind_msm_bo(&io->d, b->handle);
}

/* An allocation failure at each open of the file (IOCTL_RUN_OPEN_ENOMEM). */
static bool open_enomem;
/* Signals where an ioctl sleeps, and tiles requests (IOCTL_RUN_SIGNALS). */
static bool signals_mode;
/* An ioctl a signal interrupted: the client makes it again (next step),
 * unless the file is closed first. */
static struct ioctl_req restart;
static unsigned int restart_q;
static bool restart_pending;

void ioctl_dev_open(void)
{
	bool coherent = ioctl_pick(2), fail = open_enomem && !ioctl_known.open_enomem;
	int ret;

	gpu_view_enable(true);
	if (!io->ias)
		io->ias = IOCTL_IAS;	/* not from ioctl_run(): the tests' cases */
	/* The GPU's MMU, its page-table cache and PRR page, the VM: msm's open. */
	if (fail) {
		unsigned int nth = 1 + ioctl_pick(32);

		ioctl_trace_note("allocation %u of the open fails in the harness: not replayed", nth);
		shim_fault_fail_nth(nth, SHIM_FAM_ALL);
	}
	ret = vmbind_msm_dev_open(&io->d, io->ias, coherent);
	if (fail) {
		shim_fault_fail_nth(0, 0);
		/* A failed open must have undone itself; the client opens again. */
		if (ret)
			ret = vmbind_msm_dev_open(&io->d, io->ias, coherent);
	}
	ioctl_trace_open(io->ias, coherent);
	vmbind_msm_set_prealloc_hook(ioctl_check_reservation);
	if (ret) {
		ioctl_finding("harness", "vmbind_msm_dev_open(): %d", ret);
		abort();
	}
	for (unsigned int q = 0; q < IOCTL_NQ; q++) {
		must(vmbind_msm_queue_new(&io->d, MSM_SUBMITQUEUE_VM_BIND, &io->q[q]) == 0);
		ioctl_trace_queue(io->q[q], 0);
	}
	for (unsigned int i = 0; i < IOCTL_NBO; i++)
		bo_create(i);
	for (unsigned int p = 0; p < IOCTL_NPAGES; p++)
		io->page[p] = (struct ioctl_page){ .bo = IOCTL_MODEL_NONE };
	io->open = true;
	io->unusable = false;
	io->check_all = true;
	io->tiles = 0;
	io->tiles_dirty = ~0ull;
	io->fifo_len = 0;
	restart_pending = false;
}

/* ---- running queued jobs, in the order they were queued ---- */

bool ioctl_run_oldest(void)
{
	if (!io->fifo_len)
		return false;
	must(vmbind_msm_run(&io->d, io->q[io->fifo[0]], 1) == 1);
	ioctl_trace_run(io->q[io->fifo[0]], 1);
	memmove(io->fifo, io->fifo + 1, --io->fifo_len * sizeof(io->fifo[0]));
	io->ran++;
	return true;
}

/* An ioctl is being made: the client's thread, the one signals reach. */
static bool in_ioctl;

/* What the scheduler thread does while an ioctl waits on the throttle
 * (a thread no signal reaches). */
bool ioctl_wait_progress(void)
{
	bool was_in_ioctl = in_ioctl, ran;

	in_ioctl = false;
	ran = ioctl_run_oldest();
	in_ioctl = was_in_ioctl;
	return ran;
}

/* ---- signals ---- */

/*
 * Whether a signal arrives while the ioctl sleeps at site (the shim asks
 * only when it would sleep). Not in the scheduler's thread, and, past the
 * known finding, not in the throttle's wait.
 */
static bool signal_arrives(enum shim_signal_point point, const struct shim_site *site)
{
	(void)site;
	if (!signals_mode || !in_ioctl)
		return false;
	if (point == SHIM_SIGNAL_WAIT && ioctl_known.throttle_signal)
		return false;
	return ioctl_pick(8) == 7;	/* 0 once the input ended: none */
}

/* ---- one ioctl ---- */


static unsigned int pick_open_bo(void)
{
	unsigned int i = ioctl_pick(IOCTL_NBO);

	for (unsigned int k = 0; k < IOCTL_NBO; k++, i = (i + 1) % IOCTL_NBO)
		if (io->bo[i].open)
			return i;
	return IOCTL_NBO;
}

static void gen_op(struct drm_msm_vm_bind_op *op)
{
	unsigned int start = ioctl_pick(IOCTL_NPAGES), len = 1 + ioctl_pick(ioctl_pick(4) ? 16 : IOCTL_NPAGES);
	unsigned int kind = ioctl_pick(10), bo;

	if (start + len > IOCTL_NPAGES)
		len = IOCTL_NPAGES - start;
	*op = (struct drm_msm_vm_bind_op){
		.iova = IOCTL_WIN_BASE + start * IOCTL_PG,
		.range = len * IOCTL_PG,
		.flags = ioctl_pick(4) ? 0 : MSM_VM_BIND_OP_DUMP,
	};
	if (kind < 5 && (bo = pick_open_bo()) < IOCTL_NBO) {
		unsigned int npg = io->bo[bo].npages;

		if (len > npg)
			op->range = (len = npg) * IOCTL_PG;
		op->op = MSM_VM_BIND_OP_MAP;
		op->handle = io->bo[bo].handle;
		op->obj_offset = ioctl_pick(npg - len + 1) * IOCTL_PG;
	} else if (kind < 7) {
		op->op = MSM_VM_BIND_OP_MAP_NULL;
		op->flags = 0;
	} else {
		op->op = MSM_VM_BIND_OP_UNMAP;
		op->flags = 0;
	}
}

/* Requests over hundreds of GiB too (IOCTL_RUN_LARGE). */
static bool large_mode;

/*
 * A request of one op repeated, as sparse binds repeat them: MAP_NULL of
 * the whole VA or its upper half, or UNMAP of the whole VA; sometimes with
 * one op of the window last. No memory holds the tables of such a
 * MAP_NULL: -ENOMEM is the answer, unless the count goes wrong first.
 */
static void gen_large_req(struct ioctl_req *r)
{
	u64 top = 1ull << io->ias;
	unsigned int kind = ioctl_pick(3);
	struct drm_msm_vm_bind_op t = {
		.op = kind == 2 ? MSM_VM_BIND_OP_UNMAP : MSM_VM_BIND_OP_MAP_NULL,
		.iova = kind == 1 ? top / 2 : IOCTL_VA_START,
	};

	t.range = top - t.iova;
	r->n = 1 + ioctl_pick(IOCTL_MAX_LARGE_OPS);
	for (unsigned int i = 0; i < r->n; i++)
		r->op[i] = t;
	if (r->n > 1 && ioctl_pick(2))
		gen_op(&r->op[r->n - 1]);
	r->err = 0;
	r->why = REQ_OK;
	r->large = true;
	/* Past the known findings: a count of 2^32 pages or more (the wrap),
	 * or of more than INT_MAX bytes of pointers (kvmalloc's WARN). */
	for (;;) {
		u64 count = ioctl_tables_of(r->op, r->n, false);

		if (r->n == 1 || !((ioctl_known.count_u32_wrap && count >> 32) ||
				   (ioctl_known.kvmalloc_warn &&
				    (u32)count * sizeof(void *) > (u64)INT_MAX)))
			break;
		r->op[r->n - 2] = r->op[r->n - 1];
		r->n--;
	}
}

/*
 * Up to 64 ops on tiles far from the window, as a sparse image's
 * scattered tiles are bound: MAP_NULL, some UNMAP. A few such jobs queued
 * hold more than the throttle's 1024 page-table pages, and the next
 * VM_BIND waits for them (where a signal can interrupt it).
 */
static void gen_tiles_req(struct ioctl_req *r)
{
	r->n = ioctl_pick(2) ? IOCTL_MAX_LARGE_OPS : 1 + ioctl_pick(IOCTL_MAX_LARGE_OPS);
	for (unsigned int i = 0; i < r->n; i++)
		r->op[i] = (struct drm_msm_vm_bind_op){
			.op = ioctl_pick(4) == 3 ? MSM_VM_BIND_OP_UNMAP : MSM_VM_BIND_OP_MAP_NULL,
			.iova = IOCTL_TILE_IOVA(ioctl_pick(IOCTL_NTILES)),
			.range = IOCTL_TILE_PAGES * IOCTL_PG,
		};
	r->err = 0;
	r->why = REQ_OK;
}

static void gen_req(struct ioctl_req *r)
{
	r->large = false;
	if (large_mode && ioctl_pick(8) == 0) {
		gen_large_req(r);
		return;
	}
	if (signals_mode && ioctl_pick(8) == 0) {
		gen_tiles_req(r);
		return;
	}
	r->n = ioctl_pick(3) ? 1 + ioctl_pick(3) : 1 + ioctl_pick(IOCTL_MAX_OPS);
	for (unsigned int i = 0; i < r->n; i++)
		gen_op(&r->op[i]);
	r->err = 0;
	r->why = ioctl_pick(8) ? REQ_OK : 1 + ioctl_pick(REQ_NR - 1);
	switch (r->why) {
	case REQ_BAD_FLAGS:
		r->op[ioctl_pick(r->n)].flags |= 0x80;
		r->err = -EINVAL;
		break;
	case REQ_MISALIGNED:
		r->op[ioctl_pick(r->n)].iova += 0x800;
		r->err = -EINVAL;
		break;
	case REQ_BAD_HANDLE:
	case REQ_BO_RANGE: {
		/* A MAP in place of one op: of no handle, or past its BO's end. */
		struct drm_msm_vm_bind_op *op = &r->op[ioctl_pick(r->n)];
		unsigned int bo = pick_open_bo();

		if (bo == IOCTL_NBO) {
			r->why = REQ_OK;
			break;
		}
		op->op = MSM_VM_BIND_OP_MAP;
		op->handle = io->bo[bo].handle;
		op->obj_offset = 0;
		if (r->why == REQ_BAD_HANDLE) {
			op->handle = 200 + ioctl_pick(100);
		} else {
			op->obj_offset = io->bo[bo].npages * IOCTL_PG - IOCTL_PG;
			op->range = 2 * IOCTL_PG;
			if (op->iova + op->range > IOCTL_WIN_BASE + IOCTL_NPAGES * IOCTL_PG)
				op->iova -= IOCTL_PG;
		}
		r->err = -EINVAL;
		break;
	}
	case REQ_BAD_QUEUE:
		r->err = -ENOENT;
		break;
	case REQ_USER_FAULT:
		if (r->n == 1)
			r->n = 2, gen_op(&r->op[1]);
		r->err = -EFAULT;
		break;
	default:
		break;
	}
}

int ioctl_do(const struct ioctl_req *r, unsigned int q)
{
	struct drm_msm_vm_bind args = {
		.nr_ops = r->n,
		.queue_id = r->why == REQ_BAD_QUEUE ? 77 : io->q[q],
		.op_stride = sizeof(struct drm_msm_vm_bind_op),
	};
	static struct drm_msm_vm_bind_op user_ops[IOCTL_MAX_LARGE_OPS];

	ioctl_model_touch(r);
	if (r->n == 1) {
		args.op = r->op[0];
	} else {
		/* A faulting array: mapped one op short. */
		size_t mapped = (r->n - (r->why == REQ_USER_FAULT)) * sizeof(user_ops[0]);

		memcpy(user_ops, r->op, r->n * sizeof(r->op[0]));
		shim_user_unmap_all();
		args.ops = IOCTL_USER_OPS_END - mapped;
		shim_user_map(args.ops, user_ops, mapped);
	}
	return vmbind_msm_ioctl_vm_bind(&io->d, &args);
}

void ioctl_close_file(bool kill)
{
	if (kill && io->fifo_len)
		ioctl_trace_note("the harness kills the %u queued job(s) at close; a device may have run them",
				 io->fifo_len);
	ioctl_trace_close();
	shim_sched_set_flush_kills(kill);
	vmbind_msm_dev_close(&io->d);
	shim_sched_set_flush_kills(false);
	io->open = false;
	io->fifo_len = 0;
}

/* What a finding's report adds: the ioctl, and the last injected failure. */
void ioctl_print_context(FILE *out, void *arg)
{
	const struct shim_site *at = shim_fault_last_site();

	(void)arg;
	fprintf(out, "==vmbind== ioctl %lu, %u job(s) queued", io->ioctls, io->fifo_len);
	if (shim_fault_injected() && at)
		fprintf(out, "; the last allocation failure injected: %s %s:%d", at->func,
			at->file, at->line);
	fprintf(out, "\n");
}

/* The file closed and reopened, its findings forgotten (a known one). */
void ioctl_restart_quietly(void)
{
	shim_finding_set_quiet(1);
	ioctl_close_file(false);
	shim_finding_set_quiet(0);
	shim_findings_clear();
	shim_reset();
	shim_sched_reset();
	ioctl_dev_open();
}

/* One random ioctl (or the restart of an interrupted one) and what follows it. */
static void step(bool enomem)
{
	struct ioctl_req r;
	unsigned int q;
	unsigned long injected_before = shim_fault_injected();
	unsigned long signals_before;
	bool interrupted;
	int ret;

	if (restart_pending) {
		r = restart;
		q = restart_q;
		restart_pending = false;
	} else {
		q = ioctl_pick(IOCTL_NQ);
		gen_req(&r);
	}
	if (io->unusable)
		r.err = -EPIPE;
	if (enomem) {
		unsigned int nth = 1 + ioctl_pick(24);

		ioctl_trace_note("allocation %u of the next VM_BIND fails in the harness: not replayed",
				 nth);
		shim_fault_fail_nth(nth, ioctl_known.prealloc_bulk_enomem ?
				    SHIM_FAM_ALL & ~SHIM_FAM_MASK(SHIM_FAM_SLAB) : SHIM_FAM_ALL);
	}
	io->req = &r;
	signals_before = shim_signals_delivered();
	in_ioctl = true;
	ret = ioctl_do(&r, q);
	in_ioctl = false;
	interrupted = shim_signals_delivered() != signals_before;
	io->req = NULL;
	/* No memory for the tables of a large request: the UAPI allows that. */
	if (r.large && ret == -ENOMEM && !r.err)
		r.err = -ENOMEM;
	/*
	 * Interrupted: -ERESTARTSYS from a wait, -EINTR from a lock, and
	 * nothing changed (the checks below); whether the request was to be
	 * refused is not known yet. The client makes the same call again.
	 */
	if (interrupted) {
		if (ret == -ERESTARTSYS || ret == -EINTR) {
			restart = r;
			restart_q = q;
			restart_pending = true;
		}
		r.err = ret == -ERESTARTSYS ? -ERESTARTSYS : -EINTR;
	}
	if (enomem) {
		bool injected = shim_fault_injected() != injected_before;

		/* Whether the failure came before the request was refused is
		 * the driver's order: either error will do. */
		if (injected && ret == -ENOMEM)
			r.err = -ENOMEM;
		shim_fault_fail_nth(0, 0);
		if (injected && known_failure_site(shim_fault_last_site())) {
			/* A known finding follows: this file is given up. */
			io->ioctls++;
			io->failed++;
			ioctl_restart_quietly();	/* its close runs what was queued */
			return;
		}
	}
	io->ioctls++;
	if (shim_findings_count())
		return;	/* nothing the request queued may run */
	if (ret == 0 && r.err == 0) {
		ioctl_model_apply(&r);
		io->fifo[io->fifo_len++] = q;
		/* The throttle's count, one edge per bit length: the feedback
		 * that leads to its wait. */
		vmbind_scale_reserved((u64)vmbind_msm_vm_in_flight(&io->d));
	} else {
		io->failed++;
		if (ret != r.err)
			ioctl_finding("uapi-result",
				      "ioctl %lu (%u ops, request case %d%s): returned %d, the UAPI says %d",
				      io->ioctls, r.n, r.why,
				      interrupted ? ", a signal interrupted it" : "", ret, r.err);
		if (ret == 0)	/* accepted when it should not have been */
			io->fifo[io->fifo_len++] = q;
	}
	if (vmbind_msm_vm_unusable(&io->d) && !io->unusable) {
		/* Only a failure part-way through a job may do that. */
		if (ret != -ENOMEM || !enomem)
			ioctl_finding("uapi-unusable", "ioctl %lu: VM marked unusable (returned %d)",
				      io->ioctls, ret);
		io->unusable = true;
	}
	if (!io->unusable)
		ioctl_check_gpuvm("after the ioctl");

	/* Run some queued jobs; sometimes all. */
	switch (ioctl_pick(4)) {
	case 0:
		break;
	case 1:
		ioctl_run_oldest();
		break;
	default:
		while (ioctl_run_oldest())
			;
		break;
	}
	ioctl_check_idle("after running");

	/* The client is still in the call it restarts: no close meanwhile. */
	if (restart_pending)
		return;
	/* Sometimes a handle is closed while mapped, and a new BO made. */
	if (ioctl_pick(40) == 39) {
		unsigned int i = pick_open_bo();

		if (i < IOCTL_NBO) {
			must(vmbind_msm_handle_close(&io->d, io->bo[i].handle) == 0);
			ioctl_trace_gem_close(io->bo[i].handle, 0);
			io->bo[i].open = false;
		}
	}
	/* Sometimes the file is closed with jobs queued, and reopened. */
	if (ioctl_pick(150) == 149 || io->unusable) {
		ioctl_close_file(ioctl_pick(2) && !ioctl_known.killed_job);
		shim_alloc_check_leaks();
		if (shim_findings_count())
			return;
		shim_reset();
		shim_sched_reset();
		ioctl_dev_open();
	}
}

unsigned long ioctl_run(unsigned long steps, unsigned int flags)
{
	bool enomem = flags & IOCTL_RUN_ENOMEM;

	memset(io, 0, sizeof(*io));
	open_enomem = flags & IOCTL_RUN_OPEN_ENOMEM;
	large_mode = flags & IOCTL_RUN_LARGE;
	signals_mode = flags & IOCTL_RUN_SIGNALS;
	restart_pending = false;
	shim_signal_set_source(signal_arrives);
	io->ias = large_mode ? IOCTL_IAS_LARGE : IOCTL_IAS;
	ioctl_dev_open();
	for (unsigned long i = 0; i < steps && !shim_findings_count() && !ioctl_source_exhausted(); i++)
		step(enomem);
	if (!shim_findings_count()) {
		while (ioctl_run_oldest())
			;
		io->check_all = true;
		ioctl_check_idle("at the end");
		ioctl_close_file(false);
		shim_alloc_check_leaks();
	}
	return shim_findings_count();
}
