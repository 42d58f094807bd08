/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One VM_BIND job, sequenced as msm does (the backend's vmbind_job_rules):
 * count the reservation over the MAP/MAP_NULL ops, pin, allocate it, hand
 * it to the page table, run the ops in order, take it back, clean up.
 */
#ifndef _VMBIND_JOB_H
#define _VMBIND_JOB_H

#include <stddef.h>

#include "run.h"

enum vmbind_job_status job_run(struct vmbind_run *r,
			       const struct vmbind_op *ops, size_t n);

#endif
