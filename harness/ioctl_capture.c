// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctl path's trace of VM_BIND calls (ioctl_trace.h): at the stand-in
 * boundary, after each msm_ioctl_vm_bind(), the arguments as they were
 * passed and the op array as user memory holds it, field by field (what
 * the device replay rebuilds) and byte for byte (what it is checked
 * against). A call a signal interrupted is only noted: a device would not
 * see the signal, and the client's restart is the call it makes.
 */
#include <stdlib.h>

#include <linux/compiler.h>	/* before the UAPI headers: __user */
#include <drm/msm_drm.h>
#include <linux/errno.h>
#include <linux/uaccess.h>

#include "ioctl_path.h"
#include "ioctl_trace.h"

static const char *op_name(u32 op)
{
	switch (op) {
	case MSM_VM_BIND_OP_MAP:
		return "map";
	case MSM_VM_BIND_OP_MAP_NULL:
		return "map_null";
	case MSM_VM_BIND_OP_UNMAP:
		return "unmap";
	}
	return NULL;
}

static struct ioctl_trace_op trace_op(const struct drm_msm_vm_bind_op *op)
{
	return (struct ioctl_trace_op){
		.op = op_name(op->op),
		.op_num = op->op,
		.handle = op->handle,
		.obj_offset = op->obj_offset,
		.iova = op->iova,
		.range = op->range,
		.flags = op->flags,
		.pad = op->pad,
	};
}

static void capture_vm_bind(const struct drm_msm_vm_bind *a, int ret)
{
	struct ioctl_trace_bind b = {
		.flags = a->flags,
		.nr_ops = a->nr_ops,
		.fence_fd = a->fence_fd,
		.queue_id = a->queue_id,
		.in_syncobjs = a->in_syncobjs,
		.out_syncobjs = a->out_syncobjs,
		.nr_in_syncobjs = a->nr_in_syncobjs,
		.nr_out_syncobjs = a->nr_out_syncobjs,
		.syncobj_stride = a->syncobj_stride,
		.op_stride = a->op_stride,
		.inline_op = a->nr_ops == 1,
		.ops = a->ops,
	};
	/* The records the harness lays out are whole ops, op_stride apart. */
	unsigned int stride = a->op_stride ? a->op_stride : 1, n = 0;
	size_t want = (size_t)a->nr_ops * stride;
	struct ioctl_trace_op *ops;
	unsigned char *bytes;

	/* Interrupted by the harness's signal: the client's restart follows. */
	if (ret == -ERESTARTSYS || ret == -EINTR) {
		ioctl_trace_note("a signal interrupted a VM_BIND here in the harness (%d): not replayed; the same call follows",
				 ret);
		return;
	}
	if (b.inline_op) {
		struct ioctl_trace_op op = trace_op(&a->op);

		ioctl_trace_vm_bind(&b, &op, 1, ret);
		ioctl_trace_capture(a, sizeof(*a), NULL, 0);
		return;
	}
	b.mapped = shim_user_readable(a->ops, want);
	bytes = malloc(b.mapped + 1);
	ops = calloc(b.mapped / stride + 1, sizeof(*ops));
	if (!bytes || !ops || copy_from_user(bytes, u64_to_user_ptr(a->ops), b.mapped)) {
		ioctl_trace_note("the op array could not be read back: not traced");
		free(bytes);
		free(ops);
		return;
	}
	if (stride >= sizeof(struct drm_msm_vm_bind_op))
		for (; (n + 1) * (size_t)stride <= b.mapped; n++)
			ops[n] = trace_op((const void *)(bytes + (size_t)n * stride));
	ioctl_trace_vm_bind(&b, ops, n, ret);
	ioctl_trace_capture(a, sizeof(*a), bytes, b.mapped);
	free(bytes);
	free(ops);
}

void ioctl_capture_install(void)
{
	vmbind_msm_set_vm_bind_hook(ioctl_trace_on() ? capture_vm_bind : NULL);
}
