/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: sync files. No fd names a fence here: sync_file_get_fence() gives
 * NULL (an invalid in-fence, -EINVAL), sync_file_create() is never reached
 * (see <linux/file.h>) and gives NULL.
 */
#ifndef _SHIM_LINUX_SYNC_FILE_H
#define _SHIM_LINUX_SYNC_FILE_H

#include <linux/dma-fence.h>
#include <linux/file.h>

struct sync_file {
	struct file *file;
};

static inline struct dma_fence *sync_file_get_fence(int fd)
{
	(void)fd;
	return NULL;
}

static inline struct sync_file *sync_file_create(struct dma_fence *fence)
{
	(void)fence;
	WARN_ON(1);
	return NULL;
}

#endif
