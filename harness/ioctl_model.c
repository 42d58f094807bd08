// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctl path's model of the UAPI (ioctl_path.h), from msm_drm.h's
 * comments and not from drm_gpuvm: after a request succeeded, each window
 * page maps what the last op naming it says (MAP: its BO's page at
 * obj_offset; MAP_NULL: the NULL/PRR page; UNMAP: nothing), and each tile
 * likewise; and which pages and tiles the next check of the GPU's view
 * covers. Built without the engines' instrumentation: its page loops say
 * nothing about the code under test.
 */
#include <linux/compiler.h>	/* before the UAPI headers: __user */
#include <drm/msm_drm.h>

#include "ioctl_path.h"

static struct ioctl_state *const io = &ioctl_state;

static const u64 win_end = IOCTL_WIN_BASE + IOCTL_NPAGES * IOCTL_PG;

int ioctl_tile_of(u64 iova, u64 range)
{
	u64 k = (iova + IOCTL_PG - IOCTL_TILE_BASE) >> 30;

	if (iova + IOCTL_PG < IOCTL_TILE_BASE || k >= IOCTL_NTILES ||
	    iova != IOCTL_TILE_IOVA(k) || range != IOCTL_TILE_PAGES * IOCTL_PG)
		return -1;
	return (int)k;
}

/* The tiles [start, end) covers wholly (which), or touches at all. */
static u64 tiles_in(u64 start, u64 end, bool whole)
{
	u64 mask = 0;

	for (unsigned int k = 0; k < IOCTL_NTILES; k++) {
		u64 t = IOCTL_TILE_IOVA(k), t_end = t + IOCTL_TILE_PAGES * IOCTL_PG;

		if (whole ? start <= t && t_end <= end : start < t_end && t < end)
			mask |= 1ull << k;
	}
	return mask;
}

static bool same_op(const struct drm_msm_vm_bind_op *a, const struct drm_msm_vm_bind_op *b)
{
	return a->op == b->op && a->handle == b->handle && a->obj_offset == b->obj_offset &&
	       a->iova == b->iova && a->range == b->range;
}

void ioctl_model_apply(const struct ioctl_req *r)
{
	for (unsigned int i = 0; i < r->n; i++) {
		const struct drm_msm_vm_bind_op *op = &r->op[i];
		u64 from = op->iova > IOCTL_WIN_BASE ? op->iova : IOCTL_WIN_BASE;
		u64 to = op->iova + op->range < win_end ? op->iova + op->range : win_end;
		unsigned int p0, n, skip;
		u64 tiles = tiles_in(op->iova, op->iova + op->range, true);
		int bo = IOCTL_MODEL_NONE;

		/* The same op again (sparse binds repeat one) changes nothing. */
		if (i && same_op(op, &r->op[i - 1]))
			continue;
		/* Only MAP_NULL ops and whole-VA UNMAPs reach the tiles, whole. */
		if (op->op == MSM_VM_BIND_OP_MAP_NULL)
			io->tiles |= tiles;
		else
			io->tiles &= ~tiles;
		if (to <= from)
			continue;
		p0 = (from - IOCTL_WIN_BASE) / IOCTL_PG;
		n = (to - from) / IOCTL_PG;
		skip = (from - op->iova) / IOCTL_PG;
		if (op->op == MSM_VM_BIND_OP_MAP_NULL)
			bo = IOCTL_MODEL_NULL;
		for (int k = 0; k < IOCTL_NBO && op->op == MSM_VM_BIND_OP_MAP; k++)
			if (io->bo[k].open && io->bo[k].handle == op->handle)
				bo = k;
		for (unsigned int k = 0; k < n; k++)
			io->page[p0 + k] = (struct ioctl_page){
				.bo = bo,
				.pgoff = bo >= 0 && bo < IOCTL_NBO ? op->obj_offset / IOCTL_PG + skip + k : 0,
			};
	}
}

/*
 * Whether it succeeds or not (a failed ioctl must change nothing): the
 * window's pages each op names, and its tiles. Ops past the window name
 * none of its pages; the checks after an open and at the end cover every
 * page, whatever changed.
 */
void ioctl_model_touch(const struct ioctl_req *r)
{
	for (unsigned int i = 0; i < r->n; i++) {
		const struct drm_msm_vm_bind_op *op = &r->op[i];
		u64 start = op->iova & ~(IOCTL_PG - 1), end = op->iova + op->range;

		if (end < start) {	/* wraps: every page */
			io->check_all = true;
			io->tiles_dirty = ~0ull;
			continue;
		}
		if (i && same_op(op, &r->op[i - 1]))
			continue;
		io->tiles_dirty |= tiles_in(start, end, false);
		if (start < IOCTL_WIN_BASE)
			start = IOCTL_WIN_BASE;
		if (end > win_end)
			end = win_end;
		for (u64 a = start; a < end; a += IOCTL_PG)
			io->dirty[(a - IOCTL_WIN_BASE) / IOCTL_PG] = true;
	}
}
