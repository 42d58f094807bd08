/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: user memory is what the harness laid out with shim_user_map()
 * (shim/instrumented/user_mem.c): copy_from_user() and copy_to_user() of
 * a range not wholly inside one such region copy nothing of it and return
 * the number of bytes not copied, as the kernel's do on a fault.
 */
#ifndef _SHIM_LINUX_UACCESS_H
#define _SHIM_LINUX_UACCESS_H

#include <linux/compiler.h>
#include <linux/types.h>

/* Make [uaddr, uaddr + len) user memory backed by buf (harness memory). */
void shim_user_map(u64 uaddr, void *buf, size_t len);
void shim_user_unmap_all(void);
unsigned long shim_user_faults(void);
/* How many of the max bytes from uaddr are user memory (no fault counted). */
size_t shim_user_readable(u64 uaddr, size_t max);

unsigned long shim_copy_from_user(void *to, const void __user *from,
				  unsigned long n);
unsigned long shim_copy_to_user(void __user *to, const void *from,
				unsigned long n);

#define copy_from_user(to, from, n) shim_copy_from_user((to), (from), (n))
#define copy_to_user(to, from, n) shim_copy_to_user((to), (from), (n))

static inline void __user *u64_to_user_ptr(u64 v)
{
	return (void __user *)(uintptr_t)v;
}
#define u64_to_user_ptr(x) u64_to_user_ptr((u64)(x))

#endif
