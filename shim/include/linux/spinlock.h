/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (instrumented): spinlocks for a single-threaded harness, checked as
 * the shim's mutexes are: taking a held spinlock is a self-deadlock and
 * releasing a free one a bad unlock, both findings.
 */
#ifndef _SHIM_LINUX_SPINLOCK_H
#define _SHIM_LINUX_SPINLOCK_H

#include <linux/bug.h>
#include <linux/types.h>
#include <shim/finding.h>
#include <shim/site.h>

typedef struct {
	bool shim_locked;
	const struct shim_site *shim_owner;
} spinlock_t;

#define DEFINE_SPINLOCK(name) spinlock_t name = { 0 }

static inline void spin_lock_init(spinlock_t *lock)
{
	*lock = (spinlock_t){ 0 };
}

static inline void __shim_spin_lock(spinlock_t *lock,
				    const struct shim_site *site)
{
	if (lock->shim_locked) {
		shim_finding("deadlock", site,
			     "spin_lock(%p): already held (taken at %s %s:%d); single-threaded, so this spins forever",
			     (void *)lock, lock->shim_owner->func,
			     lock->shim_owner->file, lock->shim_owner->line);
		return;
	}
	lock->shim_locked = true;
	lock->shim_owner = site;
}

static inline void __shim_spin_unlock(spinlock_t *lock,
				      const struct shim_site *site)
{
	if (!lock->shim_locked) {
		shim_finding("bad-unlock", site,
			     "spin_unlock(%p): spinlock is not held", (void *)lock);
		return;
	}
	lock->shim_locked = false;
	lock->shim_owner = NULL;
}

#define spin_lock(lock) __shim_spin_lock((lock), SHIM_SITE)
#define spin_unlock(lock) __shim_spin_unlock((lock), SHIM_SITE)
#define spin_is_locked(lock) ((lock)->shim_locked)
#define assert_spin_locked(lock) WARN_ON(!(lock)->shim_locked)

#endif
