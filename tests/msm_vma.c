// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tree's drivers/gpu/drm/msm/msm_gem_vma.c (its VM_BIND ioctl, jobs
 * and drm_gpuvm callbacks, on the tree's drm_gpuvm.c, msm_iommu.c and
 * io-pgtable-arm.c), driven through msm_ioctl_vm_bind() against a model.
 *
 *   test_msm_vma random SEED JOBS [BREAK|none [KNOWN,...|none]]
 *   test_msm_vma enomem SEED JOBS [none [KNOWN,...|none]]
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
 * case NAME: one scenario of an error path (see the table at the end);
 * each prints what it sees, and its test's expectations are set by
 * configure from the tree (tests/msm_vma.cmake).
 *
 * KNOWN names the cases whose finding the tree has (configure reads
 * crashes/unit/msm-vma-*.md): the random runs go past them.
 *
 * BREAK breaks the stand-ins on purpose, to show the checks see it:
 * unpin-skip (a job's BOs are never unpinned), prot-nowrite (writable
 * BOs mapped read-only), sgt-shift (each BO's pages one page off).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <drm/drm_gpuvm.h>
#include <drm/gpu_scheduler.h>
#include <drm/msm_drm.h>
#include <linux/dma-resv.h>
#include <linux/iommu.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <shim/alloc.h>
#include <shim/finding.h>

#include "backend.h"
#include "gpu_view.h"
#include "msm_vma_shim.h"

#include "check.h"

extern const struct vmbind_backend vmbind_backend_kernel;

#define PG 4096ull
#define IAS 40
/* The window the ops land in: 1024 pages across a 1 GiB boundary. */
#define WIN_BASE 0x13ff00000ull
#define NPAGES 1024
#define NBO 6
#define NQ 2
#define MAX_OPS 8
#define USER_OPS 0x7f0000001000ull	/* where an op array is laid out */
#define MODEL_NONE (-1)
#define MODEL_NULL NBO

static unsigned long long rng_state;
static unsigned int rnd(unsigned int n)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return n ? (unsigned int)((rng_state >> 33) % n) : 0;
}

/* A BO: its size, flags and physical pages (chunks of its sg table). */
struct bo {
	bool open;		/* its handle is open */
	u32 handle;
	u32 flags;
	unsigned int npages;
	phys_addr_t phys[64];	/* of each page */
	struct drm_gem_object *obj;	/* valid while referenced */
};

struct page_model {
	int bo;			/* MODEL_NONE, MODEL_NULL or a BO */
	unsigned int pgoff;
};

static struct {
	struct vmbind_msm_dev d;
	bool open, unusable;
	u32 q[NQ];
	struct bo bo[NBO];
	struct page_model page[NPAGES];
	/* Queued jobs, oldest first: the queue of each. */
	unsigned int fifo[256], fifo_len;
	unsigned long ioctls, failed, ran;
} t;

static const char *break_name;

/*
 * Findings the tree is known to have (crashes/unit/msm-vma-*.md, as
 * configure matches them to the tree): the random runs go past them, by
 * suppressing the finding (the shim then skips the bad call) or by not
 * making the stimulus it needs.
 */
static struct {
	bool invalid_handle;	/* suppress: gem-bad-ref in vm_bind_job_lookup_ops() */
	bool bo_range_then_map;	/* suppress: gem-bad-ref in msm_vma_job_free() */
	bool killed_job;	/* close files only after their jobs ran */
	bool prealloc_bulk_enomem;	/* no slab failures (the page-table bulk allocation) */
	bool vma_new_warn;	/* suppress: WARN_ON(IS_ERR(vma)) in the sm_step callbacks */
	bool map_op_enomem;	/* a failed vm_op_enqueue() leaves the VM changed */
} known;

static int suppress_known(const char *sig)
{
	return (known.invalid_handle &&
		!strncmp(sig, "gem-bad-ref vm_bind_job_lookup_ops ", 35)) ||
	       (known.bo_range_then_map && !strncmp(sig, "gem-bad-ref msm_vma_job_free ", 29)) ||
	       (known.vma_new_warn && (!strncmp(sig, "warn msm_gem_vm_sm_step_map ", 28) ||
				       !strncmp(sig, "warn msm_gem_vm_sm_step_remap ", 30)));
}

/* An allocation whose failure leads to a known finding. */
static bool known_failure_site(const struct shim_site *at)
{
	return at && ((known.prealloc_bulk_enomem &&
		       !strcmp(at->func, "msm_iommu_pagetable_prealloc_allocate")) ||
		      /* msm_gem_vma_new(), or the drm_gpuvm_bo it obtains */
		      (known.vma_new_warn && (!strcmp(at->func, "msm_gem_vma_new") ||
					      !strcmp(at->func, "drm_gpuvm_bo_create"))) ||
		      (known.map_op_enomem && !strcmp(at->func, "vm_op_enqueue")));
}

static bool parse_known(char *list)
{
	for (char *n = strtok(list, ","); n; n = strtok(NULL, ",")) {
		if (!strcmp(n, "invalid-handle"))
			known.invalid_handle = true;
		else if (!strcmp(n, "bo-range-then-map"))
			known.bo_range_then_map = true;
		else if (!strcmp(n, "killed-job"))
			known.killed_job = true;
		else if (!strcmp(n, "prealloc-bulk-enomem"))
			known.prealloc_bulk_enomem = true;
		else if (!strcmp(n, "vma-new-enomem") || !strcmp(n, "remap-enomem"))
			known.vma_new_warn = true;
		else if (!strcmp(n, "map-op-enomem"))
			known.map_op_enomem = true;
		else if (strcmp(n, "none") && strcmp(n, "throttle-signal"))
			return false;	/* (the random runs send no signals) */
	}
	return true;
}

/*
 * A check of the model that fails is a finding, KIND named after what
 * differs, reported where the test checks it (deduplicated like any).
 */
#define model_finding(kind, ...) \
	shim_finding_at(kind, __func__, __FILE__, __LINE__, __VA_ARGS__)

/* ---- set-up ---- */

static void bo_create(unsigned int i)
{
	static const u32 flag_sets[] = { 0, MSM_BO_GPU_READONLY, MSM_BO_CACHED_COHERENT,
					 MSM_BO_GPU_READONLY | MSM_BO_CACHED_COHERENT };
	struct vmbind_msm_chunk c[64];
	struct bo *b = &t.bo[i];
	unsigned int n = 0, p = 0;
	/* Each BO's pages in a region of its own; chunks of 1..8 pages. */
	phys_addr_t base = 0x880000000ull + (phys_addr_t)i * 0x1000000ull;

	*b = (struct bo){ .npages = 4 + rnd(60), .flags = flag_sets[rnd(4)] };
	while (p < b->npages) {
		unsigned int len = 1 + rnd(8);

		if (len > b->npages - p)
			len = b->npages - p;
		c[n] = (struct vmbind_msm_chunk){ .phys = base + (phys_addr_t)(p + n) * 2 * PG,
						  .len = len * PG };
		for (unsigned int k = 0; k < len; k++)
			b->phys[p + k] = c[n].phys + k * PG;
		p += len;
		n++;
	}
	CHECK_EQ(vmbind_msm_bo_new(&t.d, c, n, b->flags, &b->handle), 0);
	b->open = true;
	b->obj = vmbind_msm_bo(&t.d, b->handle);
}

static void dev_open(void)
{
	int ret;

	gpu_view_enable(true);
	ret = vmbind_msm_dev_open(&t.d, IAS, rnd(2));
	CHECK_EQ(ret, 0);
	if (ret)
		exit(1);
	for (unsigned int q = 0; q < NQ; q++)
		CHECK_EQ(vmbind_msm_queue_new(&t.d, MSM_SUBMITQUEUE_VM_BIND, &t.q[q]), 0);
	for (unsigned int i = 0; i < NBO; i++)
		bo_create(i);
	for (unsigned int p = 0; p < NPAGES; p++)
		t.page[p] = (struct page_model){ .bo = MODEL_NONE };
	t.open = true;
	t.unusable = false;
	t.fifo_len = 0;
}

/* ---- running queued jobs, in the order they were queued ---- */

static bool run_oldest(void)
{
	if (!t.fifo_len)
		return false;
	CHECK_EQ(vmbind_msm_run(&t.d, t.q[t.fifo[0]], 1), 1);
	memmove(t.fifo, t.fifo + 1, --t.fifo_len * sizeof(t.fifo[0]));
	t.ran++;
	return true;
}

/* What the scheduler thread does while an ioctl waits on the throttle. */
static bool wait_progress(void)
{
	return run_oldest();
}

/* ---- the model's checks ---- */

static void check_gpuvm_matches_model(const char *when)
{
	struct drm_gpuvm *vm = vmbind_msm_vm(&t.d);
	int seen[NPAGES];
	struct drm_gpuva *va;

	for (unsigned int p = 0; p < NPAGES; p++)
		seen[p] = 0;
	drm_gpuvm_for_each_va(va, vm) {
		if (va == &vm->kernel_alloc_node)
			continue;
		for (u64 a = va->va.addr; a < va->va.addr + va->va.range; a += PG) {
			u64 off = va->gem.offset + (a - va->va.addr);
			int bo = MODEL_NULL;
			unsigned int p;

			if (a < WIN_BASE || a >= WIN_BASE + NPAGES * PG) {
				model_finding("uapi-vm", "%s: a VA at %#llx, outside the window",
					      when, (unsigned long long)a);
				return;
			}
			p = (a - WIN_BASE) / PG;
			seen[p]++;
			if (va->gem.obj) {
				bo = MODEL_NONE;
				for (int i = 0; i < NBO; i++)
					if (t.bo[i].obj == va->gem.obj)
						bo = i;
			}
			if (t.page[p].bo != bo || (bo != MODEL_NULL && t.page[p].pgoff != off / PG)) {
				model_finding("uapi-vm",
					      "%s: drm_gpuvm maps iova %#llx to bo %d page %llu, the UAPI says bo %d page %u (%d: none, %d: NULL)",
					      when, (unsigned long long)a, bo,
					      (unsigned long long)(off / PG), t.page[p].bo,
					      t.page[p].pgoff, MODEL_NONE, MODEL_NULL);
				return;
			}
		}
	}
	for (unsigned int p = 0; p < NPAGES; p++) {
		if (seen[p] != (t.page[p].bo != MODEL_NONE)) {
			model_finding("uapi-vm",
				      "%s: iova %#llx is in %d drm_gpuva(s), the UAPI says bo %d (%d: none, %d: NULL)",
				      when, WIN_BASE + p * PG, seen[p], t.page[p].bo, MODEL_NONE,
				      MODEL_NULL);
			return;
		}
	}
}

static int prot_of(const struct bo *b)
{
	int prot = IOMMU_READ;

	if (!(b->flags & MSM_BO_GPU_READONLY))
		prot |= IOMMU_WRITE;
	if (b->flags & MSM_BO_CACHED_COHERENT)
		prot |= IOMMU_CACHE;
	return prot;
}

static void check_gpu_view(void)
{
	const struct io_pgtable_cfg *hw = vmbind_backend_kernel.hw_cfg(t.d.kvm);

	if (!hw) {
		model_finding("gpu-view", "the page table was never given to the SMMU");
		return;
	}
	gpu_view_begin();
	for (unsigned int p = 0; p < NPAGES; p++) {
		const struct page_model *m = &t.page[p];
		struct gpu_view_expect want = { .mapped = m->bo != MODEL_NONE };

		if (m->bo == MODEL_NULL) {
			want.phys = vmbind_backend_kernel.prr_phys(t.d.kvm);
			want.prot = IOMMU_READ | IOMMU_WRITE;
		} else if (want.mapped) {
			want.phys = t.bo[m->bo].phys[m->pgoff];
			want.prot = prot_of(&t.bo[m->bo]);
		}
		if (!gpu_view_check_page(hw, WIN_BASE + p * PG, &want, t.ioctls))
			break;
	}
}

/* Accounts that must be idle when no job is queued. */
static void check_idle(const char *when)
{
	struct shim_sched_stats s;
	bool mapped[NBO] = { 0 };

	if (t.fifo_len)
		return;
	for (unsigned int p = 0; p < NPAGES; p++)
		if (t.page[p].bo >= 0 && t.page[p].bo < NBO)
			mapped[t.page[p].bo] = true;
	if (vmbind_msm_vm_in_flight(&t.d))
		model_finding("vm-account",
			      "%s: prealloc_throttle.in_flight is %d with no job queued (expected 0)",
			      when, vmbind_msm_vm_in_flight(&t.d));
	for (unsigned int i = 0; i < NBO; i++) {
		struct vmbind_msm_bo_state st;

		if (!t.bo[i].open && !mapped[i])
			continue;	/* may be freed */
		/* An unusable VM's mappings are not the model's any more. */
		if (!shim_gem_registered(t.bo[i].obj) && t.unusable && !t.bo[i].open)
			continue;
		if (!shim_gem_registered(t.bo[i].obj)) {
			model_finding("bo-freed",
				      "%s: BO %u was freed while %s (the UAPI keeps it alive)", when,
				      i, mapped[i] ? "mapped" : "its handle was open");
			t.bo[i].open = false;
			for (unsigned int p = 0; p < NPAGES; p++)
				if (t.page[p].bo == (int)i)
					t.page[p].bo = MODEL_NONE;
			continue;
		}
		vmbind_msm_bo_state(t.bo[i].obj, &st);
		if (st.pin_count)
			model_finding("bo-pin", "%s: BO %u pinned %d times with no job queued",
				      when, i, st.pin_count);
		if (!t.unusable && st.refs != (unsigned int)t.bo[i].open + mapped[i])
			model_finding("bo-ref",
				      "%s: BO %u has %u references with no job queued, expected %u (handle %d, mapped %d)",
				      when, i, st.refs, (unsigned int)t.bo[i].open + mapped[i],
				      t.bo[i].open, mapped[i]);
	}
	for (unsigned int q = 0; q < NQ; q++) {
		unsigned int refs = vmbind_msm_queue_refs(&t.d, t.q[q]);

		if (refs != 1)
			model_finding("queue-ref",
				      "%s: queue %u has %u references with no job queued, expected 1",
				      when, q, refs);
	}
	shim_sched_stats(&s);
	/* Fences live: only ones BOs' reservations keep (closing frees them). */
	if (s.inited != s.cleaned_up || s.fences_live > shim_dma_resv_fences_held())
		model_finding("sched-job",
			      "%s: %lu scheduler jobs initialised, %lu cleaned up, %lu fences live, %lu in reservations",
			      when, s.inited, s.cleaned_up, s.fences_live,
			      shim_dma_resv_fences_held());
	if (!t.unusable)
		check_gpu_view();
}

/* ---- one ioctl ---- */

enum req_error {
	REQ_OK,
	REQ_BAD_FLAGS,		/* op flags outside MSM_VM_BIND_OP_FLAGS */
	REQ_MISALIGNED,		/* an iova not page aligned */
	REQ_BAD_HANDLE,		/* a MAP of a handle that is not open */
	REQ_BO_RANGE,		/* a MAP past the end of its BO */
	REQ_BAD_QUEUE,		/* a queue id that does not exist */
	REQ_USER_FAULT,		/* the op array is not user memory */
	REQ_NR,
};

struct req {
	struct drm_msm_vm_bind_op op[MAX_OPS];
	unsigned int n;
	int err;		/* what the UAPI says the ioctl returns */
	enum req_error why;
};

static unsigned int pick_open_bo(void)
{
	unsigned int i = rnd(NBO);

	for (unsigned int k = 0; k < NBO; k++, i = (i + 1) % NBO)
		if (t.bo[i].open)
			return i;
	return NBO;
}

static void gen_op(struct drm_msm_vm_bind_op *op)
{
	unsigned int start = rnd(NPAGES), len = 1 + rnd(rnd(4) ? 16 : NPAGES);
	unsigned int kind = rnd(10), bo;

	if (start + len > NPAGES)
		len = NPAGES - start;
	*op = (struct drm_msm_vm_bind_op){
		.iova = WIN_BASE + start * PG,
		.range = len * PG,
		.flags = rnd(4) ? 0 : MSM_VM_BIND_OP_DUMP,
	};
	if (kind < 5 && (bo = pick_open_bo()) < NBO) {
		unsigned int npg = t.bo[bo].npages;

		if (len > npg)
			op->range = (len = npg) * PG;
		op->op = MSM_VM_BIND_OP_MAP;
		op->handle = t.bo[bo].handle;
		op->obj_offset = rnd(npg - len + 1) * PG;
	} else if (kind < 7) {
		op->op = MSM_VM_BIND_OP_MAP_NULL;
		op->flags = 0;
	} else {
		op->op = MSM_VM_BIND_OP_UNMAP;
		op->flags = 0;
	}
}

static void gen_req(struct req *r)
{
	r->n = rnd(3) ? 1 + rnd(3) : 1 + rnd(MAX_OPS);
	for (unsigned int i = 0; i < r->n; i++)
		gen_op(&r->op[i]);
	r->err = 0;
	r->why = rnd(8) ? REQ_OK : 1 + rnd(REQ_NR - 1);
	switch (r->why) {
	case REQ_BAD_FLAGS:
		r->op[rnd(r->n)].flags |= 0x80;
		r->err = -EINVAL;
		break;
	case REQ_MISALIGNED:
		r->op[rnd(r->n)].iova += 0x800;
		r->err = -EINVAL;
		break;
	case REQ_BAD_HANDLE:
	case REQ_BO_RANGE: {
		/* A MAP in place of one op: of no handle, or past its BO's end. */
		struct drm_msm_vm_bind_op *op = &r->op[rnd(r->n)];
		unsigned int bo = pick_open_bo();

		if (bo == NBO) {
			r->why = REQ_OK;
			break;
		}
		op->op = MSM_VM_BIND_OP_MAP;
		op->handle = t.bo[bo].handle;
		op->obj_offset = 0;
		if (r->why == REQ_BAD_HANDLE) {
			op->handle = 200 + rnd(100);
		} else {
			op->obj_offset = t.bo[bo].npages * PG - PG;
			op->range = 2 * PG;
			if (op->iova + op->range > WIN_BASE + NPAGES * PG)
				op->iova -= PG;
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

/* The model after the ops of a successful ioctl, in order. */
static void model_apply(const struct req *r)
{
	for (unsigned int i = 0; i < r->n; i++) {
		const struct drm_msm_vm_bind_op *op = &r->op[i];
		unsigned int p0 = (op->iova - WIN_BASE) / PG, n = op->range / PG;
		int bo = MODEL_NONE;

		if (op->op == MSM_VM_BIND_OP_MAP_NULL)
			bo = MODEL_NULL;
		for (int k = 0; k < NBO && op->op == MSM_VM_BIND_OP_MAP; k++)
			if (t.bo[k].open && t.bo[k].handle == op->handle)
				bo = k;
		for (unsigned int k = 0; k < n; k++)
			t.page[p0 + k] = (struct page_model){
				.bo = bo,
				.pgoff = bo >= 0 && bo < NBO ? op->obj_offset / PG + k : 0,
			};
	}
}

static int do_ioctl(const struct req *r, unsigned int q)
{
	struct drm_msm_vm_bind args = {
		.nr_ops = r->n,
		.queue_id = r->why == REQ_BAD_QUEUE ? 77 : t.q[q],
		.op_stride = sizeof(struct drm_msm_vm_bind_op),
	};
	static struct drm_msm_vm_bind_op user_ops[MAX_OPS];

	if (r->n == 1) {
		args.op = r->op[0];
	} else {
		memcpy(user_ops, r->op, r->n * sizeof(r->op[0]));
		shim_user_unmap_all();
		/* A faulting array: mapped one op short. */
		shim_user_map(USER_OPS, user_ops,
			      (r->n - (r->why == REQ_USER_FAULT)) * sizeof(user_ops[0]));
		args.ops = USER_OPS;
	}
	return vmbind_msm_ioctl_vm_bind(&t.d, &args);
}

static void close_file(bool kill)
{
	shim_sched_set_flush_kills(kill);
	vmbind_msm_dev_close(&t.d);
	shim_sched_set_flush_kills(false);
	t.open = false;
	t.fifo_len = 0;
}

/* What a finding's report adds: the ioctl, and the last injected failure. */
static void print_context(FILE *out, void *arg)
{
	const struct shim_site *at = shim_fault_last_site();

	(void)arg;
	fprintf(out, "==vmbind== ioctl %lu, %u job(s) queued", t.ioctls, t.fifo_len);
	if (shim_fault_injected() && at)
		fprintf(out, "; the last allocation failure injected: %s %s:%d", at->func,
			at->file, at->line);
	fprintf(out, "\n");
}

/* The file closed and reopened, its findings forgotten (a known one). */
static void restart_quietly(void)
{
	shim_finding_set_quiet(1);
	close_file(false);
	shim_finding_set_quiet(0);
	shim_findings_clear();
	shim_reset();
	shim_sched_reset();
	dev_open();
}

/* One random ioctl and what follows it. */
static void step(bool enomem)
{
	struct req r;
	unsigned int q = rnd(NQ);
	unsigned long injected_before = shim_fault_injected();
	int ret;

	gen_req(&r);
	if (t.unusable)
		r.err = -EPIPE;
	if (enomem)
		shim_fault_fail_nth(1 + rnd(24), known.prealloc_bulk_enomem ?
				    SHIM_FAM_ALL & ~SHIM_FAM_MASK(SHIM_FAM_SLAB) : SHIM_FAM_ALL);
	ret = do_ioctl(&r, q);
	if (enomem) {
		bool injected = shim_fault_injected() != injected_before;

		/* Whether the failure came before the request was refused is
		 * the driver's order: either error will do. */
		if (injected && ret == -ENOMEM)
			r.err = -ENOMEM;
		shim_fault_fail_nth(0, 0);
		if (injected && known_failure_site(shim_fault_last_site())) {
			/* A known finding follows: this file is given up. */
			t.ioctls++;
			t.failed++;
			t.fifo_len += !ret;
			restart_quietly();
			return;
		}
	}
	t.ioctls++;
	if (ret == 0 && r.err == 0) {
		model_apply(&r);
		t.fifo[t.fifo_len++] = q;
	} else {
		t.failed++;
		if (ret != r.err)
			model_finding("uapi-result",
				      "ioctl %lu (%u ops, request case %d): returned %d, the UAPI says %d",
				      t.ioctls, r.n, r.why, ret, r.err);
		if (ret == 0)	/* accepted when it should not have been */
			t.fifo[t.fifo_len++] = q;
	}
	if (vmbind_msm_vm_unusable(&t.d) && !t.unusable) {
		/* Only a failure part-way through a job may do that. */
		if (ret != -ENOMEM || !enomem)
			model_finding("uapi-unusable", "ioctl %lu: VM marked unusable (returned %d)",
				      t.ioctls, ret);
		t.unusable = true;
	}
	if (!t.unusable)
		check_gpuvm_matches_model("after the ioctl");

	/* Run some queued jobs; sometimes all. */
	switch (rnd(4)) {
	case 0:
		break;
	case 1:
		run_oldest();
		break;
	default:
		while (run_oldest())
			;
		break;
	}
	check_idle("after running");

	/* Sometimes a handle is closed while mapped, and a new BO made. */
	if (!rnd(40)) {
		unsigned int i = pick_open_bo();

		if (i < NBO) {
			CHECK_EQ(vmbind_msm_handle_close(&t.d, t.bo[i].handle), 0);
			t.bo[i].open = false;
		}
	}
	/* Sometimes the file is closed with jobs queued, and reopened. */
	if (!rnd(150) || t.unusable) {
		close_file(rnd(2) && !known.killed_job);
		shim_alloc_check_leaks();
		if (shim_findings_count())
			return;
		shim_reset();
		shim_sched_reset();
		dev_open();
	}
}

static int run_random(unsigned int seed, unsigned long jobs, bool enomem)
{
	rng_state = seed;
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	shim_finding_set_suppress(suppress_known);
	shim_finding_set_context(print_context, NULL);
	shim_wait_set_progress(wait_progress);
	dev_open();
	for (unsigned long i = 0; i < jobs && !failures && !shim_findings_count(); i++)
		step(enomem);
	if (!shim_findings_count()) {
		while (run_oldest())
			;
		check_idle("at the end");
		close_file(false);
		shim_alloc_check_leaks();
	}
	printf("msm_vma: %lu ioctls, %lu refused or failed, %lu jobs run: %lu finding(s)%s%s\n",
	       t.ioctls, t.failed, t.ran, shim_findings_count(),
	       shim_findings_count() ? ", first: " : "",
	       shim_findings_count() ? shim_findings_first() : "");
	return failures || shim_findings_count();
}

/* ---- error-path scenarios ---- */

/* Ends a scenario: jobs run, accounts checked, the file closed. */
static int case_end(const char *name, bool kill)
{
	if (!kill) {
		while (run_oldest())
			;
		check_idle("before closing");
	}
	close_file(kill);
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
	struct req r = { .op = { *op }, .n = 1 };

	return do_ioctl(&r, q);
}

static struct drm_msm_vm_bind_op map_op(unsigned int bo, unsigned int page, unsigned int n,
					unsigned int bo_page)
{
	return (struct drm_msm_vm_bind_op){
		.op = MSM_VM_BIND_OP_MAP, .handle = t.bo[bo].handle,
		.iova = WIN_BASE + page * PG, .range = n * PG, .obj_offset = bo_page * PG,
	};
}

/* A request the UAPI accepts, checked as the random runs check it. */
static void bind_ok(const struct req *r, unsigned int q)
{
	int ret = do_ioctl(r, q);

	if (ret)
		model_finding("uapi-result", "a valid request returned %d", ret);
	model_apply(r);
	t.fifo[t.fifo_len++] = q;
	check_gpuvm_matches_model("after the ioctl");
}

/* A MAP of a handle that is not open: -EINVAL, and nothing else. */
static int case_invalid_handle(void)
{
	struct drm_msm_vm_bind_op op = map_op(0, 0, 1, 0);

	op.handle = 200;
	CHECK_EQ(bind1(&op, 0), -EINVAL);
	check_gpuvm_matches_model("after the refused ioctl");
	return case_end("invalid-handle", false);
}

/* Two MAPs, the first past the end of its BO: -EINVAL, and nothing else. */
static int case_bo_range_then_map(void)
{
	struct req r = { .n = 2 };

	r.op[0] = map_op(0, 0, 2, t.bo[0].npages - 1);
	r.op[1] = map_op(1, 64, 1, 0);
	CHECK_EQ(do_ioctl(&r, 0), -EINVAL);
	check_gpuvm_matches_model("after the refused ioctl");
	return case_end("bo-range-then-map", false);
}

/* A MAP job still queued when the file is closed and its queue killed. */
static int case_killed_job(void)
{
	struct req r = { .op = { map_op(0, 0, 1, 0) }, .n = 1 };

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
static int fail_allocation(const char *name, const struct req *pre, const struct req *r,
			   const char *func, unsigned int which)
{
	unsigned int seen = 0;

	for (unsigned long n = 1; n < 400; n++) {
		const struct shim_site *at;
		int ret;

		if (pre) {
			bind_ok(pre, 0);
			while (run_oldest())
				;
		}
		shim_fault_fail_nth(n, SHIM_FAM_ALL);
		ret = do_ioctl(r, 0);
		shim_fault_fail_nth(0, 0);
		at = shim_fault_last_site();
		if (!shim_fault_injected() || !at || strcmp(at->func, func) || ++seen < which) {
			/* Not the allocation wanted: start again. */
			if (!ret)
				t.fifo[t.fifo_len++] = 0;
			if (!shim_fault_injected())
				break;	/* past the ioctl's last allocation */
			restart_quietly();
			continue;
		}
		printf("case %s: allocation %lu (%s %s:%d) failed: ioctl returned %d%s\n", name, n,
		       at->func, at->file, at->line, ret,
		       vmbind_msm_vm_unusable(&t.d) ? ", VM marked unusable" : "");
		CHECK(ret == -ENOMEM || ret == 0, "the ioctl returned %d", ret);
		t.unusable = vmbind_msm_vm_unusable(&t.d);
		if (!ret) {
			model_apply(r);
			t.fifo[t.fifo_len++] = 0;
		}
		if (!t.unusable)
			check_gpuvm_matches_model("after the failed ioctl");
		if (pre && !t.unusable) {
			/* The first mapping keeps its BO alive with its handle closed. */
			while (run_oldest())
				;
			check_idle("after the failed ioctl");
			CHECK_EQ(vmbind_msm_handle_close(&t.d, t.bo[0].handle), 0);
			t.bo[0].open = false;
		}
		return case_end(name, false);
	}
	CHECK(0, "no allocation in %s failed", func);
	return failures;
}

/* Two MAPs and a MAP_NULL; the second MAP splits the first. */
static void three_ops(struct req *r)
{
	*r = (struct req){ .n = 3 };
	r->op[0] = map_op(0, 0, 4, 0);
	r->op[1] = map_op(1, 1, 1, 0);
	r->op[2] = (struct drm_msm_vm_bind_op){
		.op = MSM_VM_BIND_OP_MAP_NULL, .iova = WIN_BASE + 600 * PG, .range = 8 * PG,
	};
}

/* The page-table pages' bulk allocation fails. */
static int case_prealloc_bulk_enomem(void)
{
	struct req r;

	three_ops(&r);
	/* msm_iommu_pagetable_prealloc_allocate(): the array, then the bulk. */
	return fail_allocation("prealloc-bulk-enomem", NULL, &r,
			       "msm_iommu_pagetable_prealloc_allocate", 2);
}

/* The new VMA of a MAP fails to allocate. */
static int case_vma_new_enomem(void)
{
	struct req r = { .op = { map_op(0, 0, 4, 0) }, .n = 1 };

	return fail_allocation("vma-new-enomem", NULL, &r, "msm_gem_vma_new", 1);
}

/* The page-table op of a MAP fails to allocate. */
static int case_map_op_enomem(void)
{
	struct req r = { .op = { map_op(0, 0, 4, 0) }, .n = 1 };

	return fail_allocation("map-op-enomem", NULL, &r, "vm_op_enqueue", 1);
}

/*
 * A MAP that splits a mapping made (and run) before: the allocation of
 * the remaining part's VMA fails, its WARN aside (vma-new-enomem).
 */
static int case_remap_enomem(void)
{
	struct req pre = { .op = { map_op(0, 0, 4, 0) }, .n = 1 };
	struct req r = { .op = { map_op(1, 1, 1, 0) }, .n = 1 };

	known.vma_new_warn = true;
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
		t.fifo[t.fifo_len++] = 0;
	}
	printf("case %s: %d page-table pages in flight\n", name, vmbind_msm_vm_in_flight(&t.d));
	CHECK(vmbind_msm_vm_in_flight(&t.d) > 1024);
	op.iova = 10ull << 30;
	shim_signal_pending_set(signal);
	ret = bind1(&op, 1);
	shim_signal_pending_set(0);
	if (signal) {
		CHECK_EQ(ret, -ERESTARTSYS);
		CHECK_EQ(t.fifo_len, 2);
	} else {
		CHECK_EQ(ret, 0);
		CHECK(t.fifo_len < 2);	/* one ran while the ioctl waited */
		t.fifo[t.fifo_len++] = 1;
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
		t.fifo[t.fifo_len++] = 0;
	}
	op.iova = 10ull << 30;
	ret = bind1(&op, 1);
	CHECK(shim_findings_have_kind("wait-forever"), "the wait that cannot end was not reported");
	CHECK(!strncmp(shim_findings_first(), "wait-forever vm_bind_prealloc_count ", 36));
	shim_findings_clear();
	if (!ret)	/* the wait gave up and the ioctl went on */
		t.fifo[t.fifo_len++] = 1;
	shim_wait_set_progress(wait_progress);
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
};

static int usage(void)
{
	fprintf(stderr, "usage: test_msm_vma random|enomem SEED JOBS [BREAK|none [KNOWN,...|none]] | case NAME\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && argc <= 6 && (!strcmp(argv[1], "random") || !strcmp(argv[1], "enomem"))) {
		if (argc == 6 && !parse_known(argv[5]))
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
				  !strcmp(argv[1], "enomem")) ? 1 : 0;
	}
	if (argc == 3 && !strcmp(argv[1], "case")) {
		for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
			if (strcmp(argv[2], cases[i].name))
				continue;
			rng_state = 1;
			shim_finding_set_mode(SHIM_FINDING_RECORD);
			shim_finding_set_suppress(suppress_known);
			shim_wait_set_progress(wait_progress);
			dev_open();
			return cases[i].fn() ? 1 : 0;
		}
	}
	return usage();
}
