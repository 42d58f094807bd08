/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (instrumented): mutexes for a single-threaded harness. Taking a
 * mutex that is already held can only be a self-deadlock, and releasing one
 * that is not held is a bug; both are findings, as lockdep would report.
 * mutex_lock_interruptible() gives -EINTR when the harness's signal source
 * says so (<shim/signal.h>).
 */
#ifndef _SHIM_LINUX_MUTEX_H
#define _SHIM_LINUX_MUTEX_H

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <shim/finding.h>
#include <shim/signal.h>
#include <shim/site.h>

struct mutex {
	bool shim_inited;
	bool shim_locked;
	const struct shim_site *shim_owner;
};

#define DEFINE_MUTEX(name) struct mutex name = { .shim_inited = true }

static inline void __shim_mutex_init(struct mutex *lock)
{
	*lock = (struct mutex){ .shim_inited = true };
}

static inline void __shim_mutex_lock(struct mutex *lock,
				     const struct shim_site *site)
{
	if (lock->shim_locked) {
		shim_finding("deadlock", site,
			     "mutex_lock(%p): already held (taken at %s %s:%d); single-threaded, so this blocks forever",
			     (void *)lock, lock->shim_owner->func,
			     lock->shim_owner->file, lock->shim_owner->line);
		return;
	}
	lock->shim_locked = true;
	lock->shim_owner = site;
}

static inline int __shim_mutex_trylock(struct mutex *lock,
				       const struct shim_site *site)
{
	if (lock->shim_locked)
		return 0;
	lock->shim_locked = true;
	lock->shim_owner = site;
	return 1;
}

static inline void __shim_mutex_unlock(struct mutex *lock,
				       const struct shim_site *site)
{
	if (!lock->shim_locked) {
		shim_finding("bad-unlock", site,
			     "mutex_unlock(%p): mutex is not held", (void *)lock);
		return;
	}
	lock->shim_locked = false;
	lock->shim_owner = NULL;
}

#define mutex_init(lock) __shim_mutex_init(lock)
#define mutex_destroy(lock) ((void)(lock))
#define mutex_lock(lock) __shim_mutex_lock((lock), SHIM_SITE)
#define mutex_lock_interruptible(lock)                               \
	(shim_signal_arrives(SHIM_SIGNAL_LOCK, SHIM_SITE) ? -EINTR : \
	 (__shim_mutex_lock((lock), SHIM_SITE), 0))
#define mutex_lock_killable(lock) (__shim_mutex_lock((lock), SHIM_SITE), 0)
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
#define mutex_trylock(lock) __shim_mutex_trylock((lock), SHIM_SITE)
#define mutex_unlock(lock) __shim_mutex_unlock((lock), SHIM_SITE)
#define mutex_is_locked(lock) ((lock)->shim_locked)
#define lockdep_assert_held(lock) \
	WARN_ON(!(lock)->shim_locked)

#endif
