/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (instrumented): wound/wait mutexes for a single-threaded harness,
 * with the semantics dma_resv and drm_exec rely on:
 *   - locking a ww_mutex the same acquire context already holds returns
 *     -EALREADY;
 *   - locking one that is held otherwise (another context, or no context)
 *     can only deadlock here: a finding;
 *   - -EDEADLK (back off: release everything, then lock the contended one
 *     with the _slow variant) happens only when injected
 *     (shim_ww_mutex_inject_contention()), and only for a context that
 *     already holds a lock, as in the kernel;
 *   - the _slow variants require the context to hold nothing;
 *   - ww_acquire_fini() with locks still held, and unlocking a free
 *     ww_mutex, are findings;
 *   - the _interruptible variants give -EINTR when the harness's signal
 *     source says so (<shim/signal.h>), unless the context holds the lock.
 */
#ifndef _SHIM_LINUX_WW_MUTEX_H
#define _SHIM_LINUX_WW_MUTEX_H

#include <linux/types.h>
#include <shim/site.h>

struct ww_class {
	const char *name;
};

struct ww_acquire_ctx {
	const struct ww_class *ww_class;
	unsigned int acquired;
	bool inited;
	bool done;
	/* The lock -EDEADLK was returned for: the next lock must be it, _slow. */
	const struct ww_mutex *contending;
};

/* What lockdep_is_held(&lock->base) is asked about (<linux/lockdep.h>). */
struct ww_mutex_base {
	char unused;
};

struct ww_mutex {
	struct ww_mutex_base base;
	bool inited;
	bool locked;
	struct ww_acquire_ctx *ctx;
	const struct shim_site *owner;
};

#define DEFINE_WW_CLASS(classname) \
	struct ww_class classname = { .name = #classname }

void shim_ww_mutex_init(struct ww_mutex *lock, struct ww_class *ww_class);
void shim_ww_acquire_init(struct ww_acquire_ctx *ctx,
			  struct ww_class *ww_class,
			  const struct shim_site *site);
void shim_ww_acquire_done(struct ww_acquire_ctx *ctx,
			  const struct shim_site *site);
void shim_ww_acquire_fini(struct ww_acquire_ctx *ctx,
			  const struct shim_site *site);
int shim_ww_mutex_lock(struct ww_mutex *lock, struct ww_acquire_ctx *ctx,
		       bool slow, const struct shim_site *site);
int shim_ww_mutex_lock_interruptible(struct ww_mutex *lock, struct ww_acquire_ctx *ctx,
				     bool slow, const struct shim_site *site);
bool shim_ww_mutex_trylock(struct ww_mutex *lock, struct ww_acquire_ctx *ctx,
			   const struct shim_site *site);
void shim_ww_mutex_unlock(struct ww_mutex *lock, const struct shim_site *site);

/*
 * Contention injection, for tests and the harness: the nth next lock
 * (1 = the very next) taken with a context that already holds a lock
 * returns -EDEADLK; 0 disables. Returns how many were injected so far.
 */
void shim_ww_mutex_inject_contention(unsigned long nth);
unsigned long shim_ww_mutex_contentions(void);

#define ww_mutex_init(lock, class) shim_ww_mutex_init((lock), (class))
#define ww_mutex_destroy(lock) ((void)(lock))
#define ww_acquire_init(ctx, class) shim_ww_acquire_init((ctx), (class), SHIM_SITE)
#define ww_acquire_done(ctx) shim_ww_acquire_done((ctx), SHIM_SITE)
#define ww_acquire_fini(ctx) shim_ww_acquire_fini((ctx), SHIM_SITE)
#define ww_mutex_lock(lock, ctx) shim_ww_mutex_lock((lock), (ctx), false, SHIM_SITE)
#define ww_mutex_lock_interruptible(lock, ctx) \
	shim_ww_mutex_lock_interruptible((lock), (ctx), false, SHIM_SITE)
#define ww_mutex_lock_slow(lock, ctx) \
	((void)shim_ww_mutex_lock((lock), (ctx), true, SHIM_SITE))
#define ww_mutex_lock_slow_interruptible(lock, ctx) \
	shim_ww_mutex_lock_interruptible((lock), (ctx), true, SHIM_SITE)
#define ww_mutex_trylock(lock, ctx) shim_ww_mutex_trylock((lock), (ctx), SHIM_SITE)
#define ww_mutex_unlock(lock) shim_ww_mutex_unlock((lock), SHIM_SITE)
#define ww_mutex_is_locked(lock) ((lock)->locked)

#endif
