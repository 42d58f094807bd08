/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (instrumented): kref on the shim's refcount_t, so a get after the
 * last put and a put too many are findings. kref_put_mutex() takes the
 * mutex only when the count drops to zero, and the release function must
 * drop it, as in the kernel.
 */
#ifndef _SHIM_LINUX_KREF_H
#define _SHIM_LINUX_KREF_H

#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n) { .refcount = REFCOUNT_INIT(n) }

static inline void kref_init(struct kref *kref)
{
	refcount_set(&kref->refcount, 1);
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return refcount_read(&kref->refcount);
}

#define kref_get(k) refcount_inc(&(k)->refcount)

#define kref_put(k, release)                                         \
	({                                                              \
		struct kref *__k = (k);                              \
		int __released = 0;                                     \
		if (refcount_dec_and_test(&__k->refcount)) {            \
			(release)(__k);                                 \
			__released = 1;                                 \
		}                                                       \
		__released;                                             \
	})

#define kref_put_mutex(k, release, lock)                            \
	({                                                              \
		struct kref *__k = (k);                              \
		int __released = 0;                                     \
		if (refcount_dec_and_test(&__k->refcount)) {            \
			mutex_lock(lock);                              \
			(release)(__k);                                 \
			__released = 1;                                 \
		}                                                       \
		__released;                                             \
	})

#define kref_get_unless_zero(k) refcount_inc_not_zero(&(k)->refcount)

#endif
