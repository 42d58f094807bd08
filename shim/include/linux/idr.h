/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: an idr as a small fixed table of ids 1..SHIM_IDR_MAX (GEM handles
 * of one drm_file); idr_alloc() takes the lowest free id in [start, end).
 */
#ifndef _SHIM_LINUX_IDR_H
#define _SHIM_LINUX_IDR_H

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/types.h>

#define SHIM_IDR_MAX 64

struct idr {
	void *ptr[SHIM_IDR_MAX + 1];
};

static inline void idr_init(struct idr *idr)
{
	*idr = (struct idr){ 0 };
}

static inline void idr_destroy(struct idr *idr)
{
	(void)idr;
}

static inline void *idr_find(const struct idr *idr, unsigned long id)
{
	return id <= SHIM_IDR_MAX ? idr->ptr[id] : NULL;
}

static inline int idr_alloc(struct idr *idr, void *ptr, int start, int end,
			    gfp_t gfp)
{
	(void)gfp;
	if (start < 1)
		start = 1;
	if (end <= 0 || end > SHIM_IDR_MAX + 1)
		end = SHIM_IDR_MAX + 1;
	for (int id = start; id < end; id++) {
		if (!idr->ptr[id]) {
			idr->ptr[id] = ptr;
			return id;
		}
	}
	return -ENOSPC;
}

static inline void *idr_remove(struct idr *idr, unsigned long id)
{
	void *p = idr_find(idr, id);

	if (p)
		idr->ptr[id] = NULL;
	return p;
}

#endif
