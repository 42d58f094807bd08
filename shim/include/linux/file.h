/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: file descriptors for out-fences. The stand-in process has no fd
 * table: get_unused_fd_flags() returns -EMFILE, so MSM_VM_BIND_FENCE_FD_OUT
 * fails before a job exists (out-fences are left out of this harness).
 */
#ifndef _SHIM_LINUX_FILE_H
#define _SHIM_LINUX_FILE_H

#include <linux/bug.h>
#include <linux/errno.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 02000000
#endif

struct file;

static inline int get_unused_fd_flags(unsigned int flags)
{
	(void)flags;
	return -EMFILE;
}

/* Never reached with an fd (see above): a WARN if they are. */
#define put_unused_fd(fd) WARN_ON(1)
#define fd_install(fd, file) WARN_ON(1)
#define fput(file) WARN_ON(1)

#endif
