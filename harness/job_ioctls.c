// SPDX-License-Identifier: GPL-2.0-only
/*
 * The job path's inputs as ioctl sequences (job_ioctls.h). The UAPI gives
 * a mapping its protection through the BO's flags: read-only
 * (MSM_BO_GPU_READONLY) and cached (MSM_BO_CACHED_COHERENT); so each
 * input BO gets one GEM object per protection its MAP ops use. IOMMU_PRIV
 * has no UAPI and is noted; so is the harness's fault injection.
 */
#include <linux/iommu.h>

#include "ioctl_trace.h"
#include "job_ioctls.h"

#define JOB_BO_VARIANTS 4	/* readonly x cached */

static unsigned int variant(const struct vmbind_op *op)
{
	return !(op->prot & IOMMU_WRITE) | !!(op->prot & IOMMU_CACHE) << 1;
}

void vmbind_input_write_ioctls(const struct vmbind_input *in)
{
	unsigned int handle[VMBIND_NR_BOS][JOB_BO_VARIANTS] = { { 0 } }, next = 1, job = 0;
	bool priv_noted = false;
	size_t start = 0;

	if (in->fail_nth)
		ioctl_trace_note("allocation %u (%s) fails in the harness: not replayed",
				 in->fail_nth, vmbind_fail_family_name(in->fail_family));
	ioctl_trace_open(in->ias, in->coherent_walk);
	ioctl_trace_queue(0, IOCTL_TRACE_NO_RET);
	for (size_t i = 0; i < in->nops; i++) {
		const struct vmbind_op *op = &in->ops[i];
		unsigned int v = variant(op);

		if (op->type != VMBIND_OP_MAP || handle[op->bo][v])
			continue;
		handle[op->bo][v] = next++;
		ioctl_trace_bo(in->bo[op->bo].size, v & 1, v & 2, handle[op->bo][v],
			       IOCTL_TRACE_NO_RET);
	}
	for (size_t i = 0; i <= in->nops; i++) {
		static struct ioctl_trace_op ops[VMBIND_MAX_OPS];
		struct ioctl_trace_bind b = { .ops_any = true };
		unsigned int n = 0;

		if (i < in->nops && in->ops[i].type != VMBIND_OP_END_JOB)
			continue;
		for (size_t k = start; k < i; k++) {
			const struct vmbind_op *op = &in->ops[k];

			ops[n] = (struct ioctl_trace_op){
				.op = op->type == VMBIND_OP_MAP ? "map" :
				      op->type == VMBIND_OP_MAP_NULL ? "map_null" : "unmap",
				.iova = op->iova,
				.range = op->range,
			};
			if (op->type == VMBIND_OP_MAP) {
				ops[n].handle = handle[op->bo][variant(op)];
				ops[n].obj_offset = op->bo_offset;
				if ((op->prot & IOMMU_PRIV) && !priv_noted) {
					ioctl_trace_note("op %zu (and any later one) asks for IOMMU_PRIV, which the UAPI has no flag for: mapped without",
							 k);
					priv_noted = true;
				}
			}
			n++;
		}
		start = i + 1;
		if (!n)
			continue;
		b.nr_ops = n;
		b.inline_op = n == 1;
		ioctl_trace_note("job %u", job++);
		ioctl_trace_vm_bind(&b, ops, n, IOCTL_TRACE_NO_RET);
		ioctl_trace_run(0, 1);
	}
	ioctl_trace_close();
}
