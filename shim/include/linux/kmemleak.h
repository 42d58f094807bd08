/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim (stub): kmemleak annotations have no effect; the shim tracks leaks. */
#ifndef _SHIM_LINUX_KMEMLEAK_H
#define _SHIM_LINUX_KMEMLEAK_H

static inline void kmemleak_ignore(const void *ptr)
{
	(void)ptr;
}

static inline void kmemleak_not_leak(const void *ptr)
{
	(void)ptr;
}

#endif
