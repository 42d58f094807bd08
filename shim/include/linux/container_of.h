/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_CONTAINER_OF_H
#define _SHIM_LINUX_CONTAINER_OF_H

#include <linux/compiler.h>

#define container_of(ptr, type, member)                                \
	({                                                             \
		void *__mptr = (void *)(ptr);                          \
		((type *)(__mptr - __builtin_offsetof(type, member))); \
	})

#define container_of_const(ptr, type, member) container_of(ptr, type, member)

#endif
