// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctl path's checks (ioctl_path.h), against the UAPI's per-page
 * model (ioctl_model.c): the drm_gpuvm VA list after each ioctl; whenever
 * no job is queued, the GPU's view (gpu_view.c: address, permissions,
 * memory type) of every page and tile a request named since (every one
 * after an open and at the end) and every account (the throttle's
 * in-flight count, BO pins and references, queue references, scheduler
 * jobs and fences); and each job's page-table reservation when it is
 * allocated. A check that fails
 * is a finding named after what differs.
 */
#include <drm/drm_gpuvm.h>
#include <drm/gpu_scheduler.h>
#include <linux/dma-resv.h>
#include <linux/iommu.h>

#include "backend.h"
#include "gpu_view.h"
#include "ioctl_path.h"

extern const struct vmbind_backend vmbind_backend_kernel;

static struct ioctl_state *const io = &ioctl_state;

void ioctl_check_gpuvm(const char *when)
{
	struct drm_gpuvm *vm = vmbind_msm_vm(&io->d);
	int seen[IOCTL_NPAGES];
	u64 tiles_seen = 0;
	struct drm_gpuva *va;

	for (unsigned int p = 0; p < IOCTL_NPAGES; p++)
		seen[p] = 0;
	drm_gpuvm_for_each_va(va, vm) {
		u64 end = va->va.addr + va->va.range;
		int bo = IOCTL_MODEL_NULL;

		if (va == &vm->kernel_alloc_node)
			continue;
		if (va->va.addr < IOCTL_WIN_BASE || end > IOCTL_WIN_BASE + IOCTL_NPAGES * IOCTL_PG) {
			int k = ioctl_tile_of(va->va.addr, va->va.range);

			if (k < 0 || va->gem.obj || !(io->tiles >> k & 1) || (tiles_seen >> k & 1)) {
				ioctl_finding("uapi-vm",
					      "%s: a VA at %#llx (%#llx bytes, bo %s) outside the window, not a tile the UAPI says MAP_NULL mapped",
					      when, (unsigned long long)va->va.addr,
					      (unsigned long long)va->va.range,
					      va->gem.obj ? "yes" : "none");
				return;
			}
			tiles_seen |= 1ull << k;
			continue;
		}
		if (va->gem.obj) {
			bo = IOCTL_MODEL_NONE;
			for (int i = 0; i < IOCTL_NBO; i++)
				if (io->bo[i].obj == va->gem.obj)
					bo = i;
		}
		for (u64 a = va->va.addr; a < end; a += IOCTL_PG) {
			u64 off = va->gem.offset + (a - va->va.addr);
			unsigned int p = (a - IOCTL_WIN_BASE) / IOCTL_PG;

			seen[p]++;
			if (io->page[p].bo != bo || (bo != IOCTL_MODEL_NULL && io->page[p].pgoff != off / IOCTL_PG)) {
				ioctl_finding("uapi-vm",
					      "%s: drm_gpuvm maps iova %#llx to bo %d page %llu, the UAPI says bo %d page %u (%d: none, %d: NULL)",
					      when, (unsigned long long)a, bo,
					      (unsigned long long)(off / IOCTL_PG), io->page[p].bo,
					      io->page[p].pgoff, IOCTL_MODEL_NONE, IOCTL_MODEL_NULL);
				return;
			}
		}
	}
	for (unsigned int p = 0; p < IOCTL_NPAGES; p++) {
		if (seen[p] != (io->page[p].bo != IOCTL_MODEL_NONE)) {
			ioctl_finding("uapi-vm",
				      "%s: iova %#llx is in %d drm_gpuva(s), the UAPI says bo %d (%d: none, %d: NULL)",
				      when, IOCTL_WIN_BASE + p * IOCTL_PG, seen[p], io->page[p].bo, IOCTL_MODEL_NONE,
				      IOCTL_MODEL_NULL);
			return;
		}
	}
	if (tiles_seen != io->tiles) {
		unsigned int k = __builtin_ctzll(tiles_seen ^ io->tiles);

		ioctl_finding("uapi-vm", "%s: tile %u (iova %#llx) is %sin a drm_gpuva, the UAPI says it is %s",
			      when, k, IOCTL_TILE_IOVA(k), tiles_seen >> k & 1 ? "" : "not ",
			      io->tiles >> k & 1 ? "MAP_NULL mapped" : "unmapped");
	}
}

u64 ioctl_tables_of(const struct drm_msm_vm_bind_op *op, unsigned int n, bool merge)
{
	/* The tables of each level: one per 512 GiB (L1), 1 GiB (L2), 2 MiB (L3). */
	static const unsigned int shift[] = { 39, 30, 21 };
	u64 total = 0;

	for (unsigned int l = 0; l < 3; l++) {
		u64 lo[IOCTL_MAX_LARGE_OPS], hi[IOCTL_MAX_LARGE_OPS], end = 0;
		unsigned int k = 0;
		bool any = false;

		for (unsigned int i = 0; i < n && k < IOCTL_MAX_LARGE_OPS; i++) {
			u64 a = op[i].iova, b = op[i].iova + op[i].range;
			unsigned int j = k++;

			if (op[i].op == MSM_VM_BIND_OP_UNMAP || !op[i].range || b < a) {
				k--;
				continue;
			}
			/* Insertion by first table. */
			for (; j && lo[j - 1] > a >> shift[l]; j--) {
				lo[j] = lo[j - 1];
				hi[j] = hi[j - 1];
			}
			lo[j] = a >> shift[l];
			hi[j] = (b - 1) >> shift[l];
		}
		for (unsigned int j = 0; j < k; j++) {
			u64 from = lo[j];

			if (merge && any && from <= end)
				from = end + 1;	/* tables already counted */
			if (hi[j] >= from)
				total += hi[j] - from + 1;
			if (!any || hi[j] > end)
				end = hi[j];
			any = true;
		}
	}
	return total;
}

bool ioctl_check_reservation(u32 count)
{
	const struct ioctl_req *r = io->req;
	u64 need;

	if (!r || r->err)
		return false;
	need = ioctl_tables_of(r->op, r->n, true);
	if (count >= need)
		return false;
	/* The signature the job path gives the same bug (crashes/). */
	shim_finding_at("reservation-short", "prealloc_count", "drivers/gpu/drm/msm/msm_iommu.c", 0,
			"ioctl %lu (%u ops): the job reserves %u page-table pages, but its MAP/MAP_NULL ops need %llu tables on an empty table (the worst case the count is for): the pool would run dry",
			io->ioctls, r->n, count, (unsigned long long)need);
	return true;
}

static int prot_of(const struct ioctl_bo *b)
{
	int prot = IOMMU_READ;

	if (!(b->flags & MSM_BO_GPU_READONLY))
		prot |= IOMMU_WRITE;
	if (b->flags & MSM_BO_CACHED_COHERENT)
		prot |= IOMMU_CACHE;
	return prot;
}

/* What the GPU must see at a page the model says maps bo (or NONE/NULL). */
static struct gpu_view_expect expect(int bo, unsigned int pgoff)
{
	struct gpu_view_expect want = { .mapped = bo != IOCTL_MODEL_NONE };

	if (bo == IOCTL_MODEL_NULL) {
		want.phys = vmbind_backend_kernel.prr_phys(io->d.kvm);
		want.prot = IOMMU_READ | IOMMU_WRITE;
	} else if (want.mapped) {
		want.phys = io->bo[bo].phys[pgoff];
		want.prot = prot_of(&io->bo[bo]);
	}
	return want;
}

/*
 * Whether window page q continues the run from page p: the same BO at the
 * next offsets and physical pages (step IOCTL_PG), or nothing / the PRR
 * page like it (step 0).
 */
static bool continues_run(unsigned int p, unsigned int q, u64 step)
{
	const struct ioctl_page *a = &io->page[p], *b = &io->page[q];

	if (b->bo != a->bo)
		return false;
	if (!step)
		return true;
	return b->pgoff == a->pgoff + (q - p) && b->pgoff < ARRAY_SIZE(io->bo[0].phys) &&
	       io->bo[a->bo].phys[b->pgoff] == io->bo[a->bo].phys[a->pgoff] + (q - p) * IOCTL_PG;
}

static void check_gpu_view(void)
{
	const struct io_pgtable_cfg *hw = vmbind_backend_kernel.hw_cfg(io->d.kvm);
	u64 tiles = io->check_all ? ~0ull : io->tiles_dirty;

	if (!hw) {
		ioctl_finding("gpu-view", "the page table was never given to the SMMU");
		return;
	}
	gpu_view_begin();
	for (unsigned int p = 0, q; p < IOCTL_NPAGES; p = q) {
		struct gpu_view_expect want;
		u64 step;

		q = p + 1;
		if (!io->check_all && !io->dirty[p])
			continue;
		want = expect(io->page[p].bo, io->page[p].pgoff);
		step = io->page[p].bo >= 0 && io->page[p].bo < IOCTL_NBO ? IOCTL_PG : 0;
		/* A run: the pages after it to check that continue it. */
		while (q < IOCTL_NPAGES && (io->check_all || io->dirty[q]) &&
		       continues_run(p, q, step))
			q++;
		for (unsigned int k = p; k < q; k++)
			io->dirty[k] = false;
		if (!gpu_view_check_run(hw, IOCTL_WIN_BASE + p * IOCTL_PG, q - p, &want, step,
					io->ioctls))
			return;
	}
	io->check_all = false;
	for (; tiles; tiles &= tiles - 1) {
		unsigned int k = __builtin_ctzll(tiles);
		struct gpu_view_expect want = expect(io->tiles >> k & 1 ? IOCTL_MODEL_NULL :
						     IOCTL_MODEL_NONE, 0);

		for (unsigned int p = 0; p < IOCTL_TILE_PAGES; p++)
			if (!gpu_view_check_page(hw, IOCTL_TILE_IOVA(k) + p * IOCTL_PG, &want,
						 io->ioctls))
				return;
	}
	io->tiles_dirty = 0;
}

/* Accounts that must be idle when no job is queued. */
void ioctl_check_idle(const char *when)
{
	struct shim_sched_stats s;
	bool mapped[IOCTL_NBO] = { 0 };

	if (io->fifo_len)
		return;
	for (unsigned int p = 0; p < IOCTL_NPAGES; p++)
		if (io->page[p].bo >= 0 && io->page[p].bo < IOCTL_NBO)
			mapped[io->page[p].bo] = true;
	if (vmbind_msm_vm_in_flight(&io->d))
		ioctl_finding("vm-account",
			      "%s: prealloc_throttle.in_flight is %d with no job queued (expected 0)",
			      when, vmbind_msm_vm_in_flight(&io->d));
	for (unsigned int i = 0; i < IOCTL_NBO; i++) {
		struct vmbind_msm_bo_state st;

		if (!io->bo[i].open && !mapped[i])
			continue;	/* may be freed */
		/* An unusable VM's mappings are not the model's any more. */
		if (!shim_gem_registered(io->bo[i].obj) && io->unusable && !io->bo[i].open)
			continue;
		if (!shim_gem_registered(io->bo[i].obj)) {
			ioctl_finding("bo-freed",
				      "%s: BO %u was freed while %s (the UAPI keeps it alive)", when,
				      i, mapped[i] ? "mapped" : "its handle was open");
			io->bo[i].open = false;
			for (unsigned int p = 0; p < IOCTL_NPAGES; p++)
				if (io->page[p].bo == (int)i)
					io->page[p].bo = IOCTL_MODEL_NONE;
			continue;
		}
		vmbind_msm_bo_state(io->bo[i].obj, &st);
		if (st.pin_count)
			ioctl_finding("bo-pin", "%s: BO %u pinned %d times with no job queued",
				      when, i, st.pin_count);
		if (!io->unusable && st.refs != (unsigned int)io->bo[i].open + mapped[i])
			ioctl_finding("bo-ref",
				      "%s: BO %u has %u references with no job queued, expected %u (handle %d, mapped %d)",
				      when, i, st.refs, (unsigned int)io->bo[i].open + mapped[i],
				      io->bo[i].open, mapped[i]);
	}
	for (unsigned int q = 0; q < IOCTL_NQ; q++) {
		unsigned int refs = vmbind_msm_queue_refs(&io->d, io->q[q]);

		if (refs != 1)
			ioctl_finding("queue-ref",
				      "%s: queue %u has %u references with no job queued, expected 1",
				      when, q, refs);
	}
	shim_sched_stats(&s);
	/* Fences live: only ones BOs' reservations keep (closing frees them). */
	if (s.inited != s.cleaned_up || s.fences_live > shim_dma_resv_fences_held())
		ioctl_finding("sched-job",
			      "%s: %lu scheduler jobs initialised, %lu cleaned up, %lu fences live, %lu in reservations",
			      when, s.inited, s.cleaned_up, s.fences_live,
			      shim_dma_resv_fences_held());
	if (!io->unusable)
		check_gpu_view();
}

