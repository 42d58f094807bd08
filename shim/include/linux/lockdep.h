/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: the lockdep assertions the compiled code makes, checked against
 * the shim's locks (a failed assertion is a WARN, as lockdep's splat).
 * lockdep_is_held() knows mutexes and the ww_mutex base of a dma_resv.
 */
#ifndef _SHIM_LINUX_LOCKDEP_H
#define _SHIM_LINUX_LOCKDEP_H

#include <linux/bug.h>
#include <linux/container_of.h>
#include <linux/mutex.h>
#include <linux/ww_mutex.h>

enum { LOCK_STATE_UNKNOWN = -1, LOCK_STATE_NOT_HELD = 0, LOCK_STATE_HELD = 1 };

#define lockdep_is_held(l)                                                       \
	_Generic((l),                                                            \
		struct ww_mutex_base *: (int)container_of((struct ww_mutex_base *)(l), \
						     struct ww_mutex, base)->locked, \
		struct mutex *: (int)((struct mutex *)(l))->shim_locked)
#define lockdep_assert(c) WARN_ON(!(c))
#define lockdep_assert_once(c) WARN_ON_ONCE(!(c))

#endif
