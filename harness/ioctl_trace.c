// SPDX-License-Identifier: GPL-2.0-only
/* The device replay's trace writer (ioctl_trace.h). */
#include <stdarg.h>

#include "ioctl_trace.h"

static FILE *trace;

static const char *ret_text(int ret)
{
	static char buf[24];

	if (ret == IOCTL_TRACE_NO_RET)
		return "";
	snprintf(buf, sizeof(buf), " ret=%d", ret);
	return buf;
}

bool ioctl_trace_start(const char *path, const char *input)
{
	trace = fopen(path, "w");
	if (!trace) {
		perror(path);
		return false;
	}
	fprintf(trace, "vmbind-ioctls 1\n# the ioctl sequence of %s\n", input);
	return true;
}

bool ioctl_trace_on(void)
{
	return trace;
}

bool ioctl_trace_finish(void)
{
	bool ok;

	if (!trace)
		return true;
	fprintf(trace, "end\n");
	ok = !ferror(trace);
	ok &= fclose(trace) == 0;
	trace = NULL;
	return ok;
}

void ioctl_trace_open(unsigned int ias, bool coherent)
{
	if (trace)
		fprintf(trace, "open ias=%u coherent=%d\n", ias, coherent);
}

void ioctl_trace_queue(unsigned int id, int ret)
{
	if (trace)
		fprintf(trace, "queue vm_bind id=%u%s\n", id, ret_text(ret));
}

void ioctl_trace_bo(uint64_t size, bool readonly, bool cached, unsigned int handle, int ret)
{
	if (trace)
		fprintf(trace, "bo size=0x%llx readonly=%d cached=%d handle=%u%s\n",
			(unsigned long long)size, readonly, cached, handle, ret_text(ret));
}

void ioctl_trace_vm_bind(const struct ioctl_trace_bind *b, const struct ioctl_trace_op *op,
			 unsigned int nops, int ret)
{
	if (!trace)
		return;
	fprintf(trace, "vm_bind flags=0x%x nr_ops=%u fence_fd=%d queue_id=%u in_syncobjs=0x%llx out_syncobjs=0x%llx nr_in_syncobjs=%u nr_out_syncobjs=%u syncobj_stride=%u",
		b->flags, b->nr_ops, b->fence_fd, b->queue_id,
		(unsigned long long)b->in_syncobjs, (unsigned long long)b->out_syncobjs,
		b->nr_in_syncobjs, b->nr_out_syncobjs, b->syncobj_stride);
	if (b->ops_any)
		fprintf(trace, " op_stride=auto");
	else
		fprintf(trace, " op_stride=%u", b->op_stride);
	if (b->inline_op)
		fprintf(trace, " ops=inline");
	else if (b->ops_any)
		fprintf(trace, " ops=any");
	else
		fprintf(trace, " ops=0x%llx mapped=%zu", (unsigned long long)b->ops, b->mapped);
	fprintf(trace, "%s\n", ret_text(ret));
	for (unsigned int i = 0; i < nops; i++) {
		fprintf(trace, " op op=");
		if (op[i].op)
			fprintf(trace, "%s", op[i].op);
		else
			fprintf(trace, "%u", op[i].op_num);
		fprintf(trace, " handle=%u obj_offset=0x%llx iova=0x%llx range=0x%llx flags=0x%x pad=0x%x\n",
			op[i].handle, (unsigned long long)op[i].obj_offset,
			(unsigned long long)op[i].iova, (unsigned long long)op[i].range,
			op[i].flags, op[i].pad);
	}
}

static void hex(const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(trace, "%02x", ((const unsigned char *)p)[i]);
}

void ioctl_trace_capture(const void *args, size_t args_len, const void *ops, size_t ops_len)
{
	if (!trace)
		return;
	fprintf(trace, "# in-process args=");
	hex(args, args_len);
	fprintf(trace, " ops=");
	hex(ops, ops_len);
	fprintf(trace, "\n");
}

void ioctl_trace_gem_close(unsigned int handle, int ret)
{
	if (trace)
		fprintf(trace, "gem_close handle=%u%s\n", handle, ret_text(ret));
}

void ioctl_trace_run(unsigned int queue, unsigned int jobs)
{
	if (trace)
		fprintf(trace, "run queue=%u jobs=%u\n", queue, jobs);
}

void ioctl_trace_note(const char *fmt, ...)
{
	va_list ap;

	if (!trace)
		return;
	fprintf(trace, "note ");
	va_start(ap, fmt);
	vfprintf(trace, fmt, ap);
	va_end(ap);
	fprintf(trace, "\n");
}

void ioctl_trace_close(void)
{
	if (trace)
		fprintf(trace, "close\n");
}
