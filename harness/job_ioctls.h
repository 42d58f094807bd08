/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A job-path input (input.h) as the VM_BIND ioctl sequence a client would
 * issue for it (ioctl_trace.h), for the device replay: one BO per input BO
 * and page protection the UAPI can ask for, one VM_BIND per job.
 */
#ifndef _VMBIND_JOB_IOCTLS_H
#define _VMBIND_JOB_IOCTLS_H

#include "input.h"

/* Writes the sequence to the open trace (ioctl_trace_start()). */
void vmbind_input_write_ioctls(const struct vmbind_input *in);

#endif
