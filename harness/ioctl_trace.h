/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ioctl sequence of an input, as text, for the device replay
 * (tools/replay-device, device/replay_device.c; README, "On the
 * hardware"). One line per call, fields as key=value:
 *   vmbind-ioctls 1                 first line
 *   open ias=N coherent=0|1         a render node opened, VM_BIND enabled
 *   queue vm_bind id=N ret=R        a VM_BIND submit queue
 *   bo size=B readonly=0|1 cached=0|1 handle=H ret=R
 *   vm_bind flags=.. nr_ops=.. fence_fd=.. queue_id=.. in_syncobjs=..
 *           out_syncobjs=.. nr_in_syncobjs=.. nr_out_syncobjs=..
 *           syncobj_stride=.. op_stride=N|auto ops=inline|ADDR|any mapped=BYTES
 *           ret=R
 *    op op=map|map_null|unmap|N handle=.. obj_offset=.. iova=.. range=..
 *           flags=.. pad=..        (one line per op in user memory)
 *   # in-process args=HEX ops=HEX   the bytes msm_ioctl_vm_bind() got
 *   gem_close handle=H ret=R
 *   run queue=N jobs=J              jobs the harness ran (the device's
 *                                   scheduler runs them on its own)
 *   note TEXT                       what the UAPI cannot replay
 *   close
 *   end
 * ret= is the harness's result (-errno), for comparison on the device,
 * left out where there is none. op_stride=auto and ops=any (the job path)
 * leave the records' size and place to the replayer. The writer needs no
 * UAPI header: the job path writes traces on any tree.
 */
#ifndef _VMBIND_IOCTL_TRACE_H
#define _VMBIND_IOCTL_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A result the writer does not know (the job path makes no ioctls). */
#define IOCTL_TRACE_NO_RET (-2147483647 - 1)

struct ioctl_trace_bind {
	uint32_t flags, nr_ops;
	int32_t fence_fd;
	uint32_t queue_id;
	uint64_t in_syncobjs, out_syncobjs;
	uint32_t nr_in_syncobjs, nr_out_syncobjs, syncobj_stride, op_stride;
	bool inline_op;
	/* The op array anywhere, op_stride its records' size: ops=any op_stride=auto */
	bool ops_any;
	uint64_t ops;		/* the op array's user address */
	size_t mapped;		/* its bytes that are user memory */
};

struct ioctl_trace_op {
	const char *op;		/* "map", "map_null", "unmap", or NULL: op_num */
	uint32_t op_num, handle;
	uint64_t obj_offset, iova, range;
	uint32_t flags, pad;
};

/* Opens the trace at path for input (false on an I/O error). */
bool ioctl_trace_start(const char *path, const char *input);
bool ioctl_trace_on(void);
/* Writes "end" and closes it (false on an I/O error). */
bool ioctl_trace_finish(void);

void ioctl_trace_open(unsigned int ias, bool coherent);
void ioctl_trace_queue(unsigned int id, int ret);
void ioctl_trace_bo(uint64_t size, bool readonly, bool cached, unsigned int handle, int ret);
void ioctl_trace_vm_bind(const struct ioctl_trace_bind *b, const struct ioctl_trace_op *op,
			 unsigned int nops, int ret);
void ioctl_trace_capture(const void *args, size_t args_len, const void *ops, size_t ops_len);
void ioctl_trace_gem_close(unsigned int handle, int ret);
void ioctl_trace_run(unsigned int queue, unsigned int jobs);
void ioctl_trace_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ioctl_trace_close(void);

#endif
