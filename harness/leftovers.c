// SPDX-License-Identifier: GPL-2.0-only
/*
 * What an input that ended in a longjmp (a finding) left behind, dropped
 * before the next one. Whether there is anything depends on the input
 * before, so this gives the engines no feedback (it is not in
 * vmbind_harness_feedback): the driver's edges depend on the current input
 * only (AFL++ stability).
 */
#include "run.h"

void vmbind_run_drop_leftovers(struct vmbind_run *r)
{
	if (r->prealloc && r->be)
		r->be->prealloc_free(NULL, r->prealloc);
	r->prealloc = NULL;
}
