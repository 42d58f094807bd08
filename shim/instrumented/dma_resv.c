// SPDX-License-Identifier: GPL-2.0-only
/*
 * ww_mutex and dma_resv for a single-threaded harness (semantics in
 * <linux/ww_mutex.h> and <linux/dma-resv.h>).
 */
#include <linux/dma-resv.h>
#include <linux/errno.h>
#include <linux/ww_mutex.h>
#include <shim/finding.h>
#include <shim/signal.h>
#include <shim/warn.h>

#include "internal.h"

struct ww_class reservation_ww_class = { .name = "reservation_ww_class" };

static unsigned long contend_countdown;
static unsigned long contentions;

void shim_ww_mutex_inject_contention(unsigned long nth)
{
	contend_countdown = nth;
}

unsigned long shim_ww_mutex_contentions(void)
{
	return contentions;
}

/* Fences the reservation objects hold, all together. */
static unsigned long fences_held;

void shim_ww_reset(void)
{
	contend_countdown = 0;
	contentions = 0;
	fences_held = 0;
}

void shim_ww_mutex_init(struct ww_mutex *lock, struct ww_class *ww_class)
{
	(void)ww_class;
	*lock = (struct ww_mutex){ .inited = true };
}

void shim_ww_acquire_init(struct ww_acquire_ctx *ctx,
			  struct ww_class *ww_class,
			  const struct shim_site *site)
{
	(void)site;
	*ctx = (struct ww_acquire_ctx){ .ww_class = ww_class, .inited = true };
}

void shim_ww_acquire_done(struct ww_acquire_ctx *ctx,
			  const struct shim_site *site)
{
	if (!ctx->inited)
		shim_finding("ww-mutex", site,
			     "ww_acquire_done(%p): context not initialised",
			     (void *)ctx);
	ctx->done = true;
}

void shim_ww_acquire_fini(struct ww_acquire_ctx *ctx,
			  const struct shim_site *site)
{
	if (!ctx->inited)
		shim_finding("ww-mutex", site,
			     "ww_acquire_fini(%p): context not initialised",
			     (void *)ctx);
	else if (ctx->acquired)
		shim_finding("ww-mutex", site,
			     "ww_acquire_fini(%p): %u ww_mutex(es) still held",
			     (void *)ctx, ctx->acquired);
	ctx->inited = false;
}

int shim_ww_mutex_lock(struct ww_mutex *lock, struct ww_acquire_ctx *ctx,
		       bool slow, const struct shim_site *site)
{
	if (!lock->inited) {
		shim_finding("ww-mutex", site,
			     "ww_mutex_lock(%p): mutex not initialised",
			     (void *)lock);
		return -EINVAL;
	}
	if (ctx && !ctx->inited) {
		shim_finding("ww-mutex", site,
			     "ww_mutex_lock(%p): acquire context %p not initialised",
			     (void *)lock, (void *)ctx);
		return -EINVAL;
	}
	if (ctx && ctx->done)
		shim_finding("ww-mutex", site,
			     "ww_mutex_lock(%p): context %p is past ww_acquire_done()",
			     (void *)lock, (void *)ctx);
	if (lock->locked) {
		if (ctx && lock->ctx == ctx && !slow)
			return -EALREADY;
		shim_finding("deadlock", site,
			     "ww_mutex_lock(%p): already held (ctx %p, taken at %s %s:%d), requested with ctx %p; single-threaded, so this blocks forever",
			     (void *)lock, (void *)lock->ctx,
			     lock->owner->func, lock->owner->file,
			     lock->owner->line, (void *)ctx);
		return -EDEADLK;
	}
	if (slow) {
		if (!ctx || ctx->acquired)
			shim_finding("ww-mutex", site,
				     "ww_mutex_lock_slow(%p): context %p holds %u lock(s); back off first",
				     (void *)lock, (void *)ctx,
				     ctx ? ctx->acquired : 0);
		if (ctx && ctx->contending && ctx->contending != lock)
			shim_finding("ww-mutex", site,
				     "ww_mutex_lock_slow(%p): the contended lock was %p",
				     (void *)lock, (const void *)ctx->contending);
	} else if (ctx && ctx->contending) {
		shim_finding("ww-mutex", site,
			     "ww_mutex_lock(%p): context %p got -EDEADLK for %p and must lock it with the _slow variant first",
			     (void *)lock, (void *)ctx,
			     (const void *)ctx->contending);
	}
	if (!slow && ctx && ctx->acquired && contend_countdown &&
	    --contend_countdown == 0) {
		contentions++;
		ctx->contending = lock;
		return -EDEADLK;
	}
	lock->locked = true;
	lock->ctx = ctx;
	lock->owner = site;
	if (ctx) {
		ctx->acquired++;
		ctx->contending = NULL;
	}
	return 0;
}

int shim_ww_mutex_lock_interruptible(struct ww_mutex *lock, struct ww_acquire_ctx *ctx,
				     bool slow, const struct shim_site *site)
{
	/* Held by this context: -EALREADY, no sleep, no signal looked at. */
	if (!(lock->locked && ctx && lock->ctx == ctx) &&
	    shim_signal_arrives(SHIM_SIGNAL_LOCK, site))
		return -EINTR;
	return shim_ww_mutex_lock(lock, ctx, slow, site);
}

bool shim_ww_mutex_trylock(struct ww_mutex *lock, struct ww_acquire_ctx *ctx,
			   const struct shim_site *site)
{
	if (lock->locked)
		return false;
	return shim_ww_mutex_lock(lock, ctx, false, site) == 0;
}

void shim_ww_mutex_unlock(struct ww_mutex *lock, const struct shim_site *site)
{
	if (!lock->locked) {
		shim_finding("bad-unlock", site,
			     "ww_mutex_unlock(%p): mutex is not held", (void *)lock);
		return;
	}
	if (lock->ctx)
		lock->ctx->acquired--;
	lock->locked = false;
	lock->ctx = NULL;
	lock->owner = NULL;
}

void shim_dma_resv_init(struct dma_resv *obj, const struct shim_site *site)
{
	(void)site;
	*obj = (struct dma_resv){ .inited = true };
	shim_ww_mutex_init(&obj->lock, &reservation_ww_class);
}

void shim_dma_resv_fini(struct dma_resv *obj, const struct shim_site *site)
{
	if (!obj->inited)
		shim_finding("dma-resv", site,
			     "dma_resv_fini(%p): not initialised (or finished twice)",
			     (void *)obj);
	else if (obj->lock.locked)
		shim_finding("dma-resv", site,
			     "dma_resv_fini(%p): still locked (taken at %s %s:%d)",
			     (void *)obj, obj->lock.owner->func,
			     obj->lock.owner->file, obj->lock.owner->line);
	for (unsigned int i = 0; i < obj->num_fences; i++)
		dma_fence_put(obj->fences[i]);
	fences_held -= obj->num_fences;
	obj->num_fences = 0;
	obj->inited = false;
}

unsigned long shim_dma_resv_fences_held(void)
{
	return fences_held;
}

int shim_dma_resv_lock(struct dma_resv *obj, struct ww_acquire_ctx *ctx,
		       bool slow, const struct shim_site *site)
{
	int ret;

	if (!obj->inited) {
		shim_finding("dma-resv", site,
			     "dma_resv_lock(%p): not initialised", (void *)obj);
		return -EINVAL;
	}
	ret = shim_ww_mutex_lock(&obj->lock, ctx, slow, site);
	if (!ret)
		obj->reserved = 0;
	return ret;
}

int shim_dma_resv_lock_interruptible(struct dma_resv *obj, struct ww_acquire_ctx *ctx,
				     bool slow, const struct shim_site *site)
{
	int ret;

	if (!obj->inited)
		return shim_dma_resv_lock(obj, ctx, slow, site);	/* its finding */
	ret = shim_ww_mutex_lock_interruptible(&obj->lock, ctx, slow, site);
	if (!ret)
		obj->reserved = 0;
	return ret;
}

bool shim_dma_resv_trylock(struct dma_resv *obj, const struct shim_site *site)
{
	if (!obj->inited || obj->lock.locked)
		return false;
	return shim_dma_resv_lock(obj, NULL, false, site) == 0;
}

void shim_dma_resv_unlock(struct dma_resv *obj, const struct shim_site *site)
{
	obj->reserved = 0;
	shim_ww_mutex_unlock(&obj->lock, site);
}

void shim_dma_resv_assert_held(struct dma_resv *obj,
			       const struct shim_site *site)
{
	if (!obj->lock.locked)
		shim_warn("dma_resv_assert_held(): lock not held", site);
}

int shim_dma_resv_reserve_fences(struct dma_resv *obj, unsigned int num_fences,
				 const struct shim_site *site)
{
	shim_dma_resv_assert_held(obj, site);
	/* Room for num_fences more: reservations do not add up. */
	if (num_fences > obj->reserved)
		obj->reserved = num_fences;
	if (obj->num_fences + obj->reserved > SHIM_DMA_RESV_SLOTS) {
		shim_finding("harness", site, "dma_resv_reserve_fences(%p, %u): more than %d slots",
			     (void *)obj, num_fences, SHIM_DMA_RESV_SLOTS);
		obj->reserved = SHIM_DMA_RESV_SLOTS - obj->num_fences;
	}
	return 0;
}

void shim_dma_resv_add_fence(struct dma_resv *obj, struct dma_fence *fence,
			     enum dma_resv_usage usage,
			     const struct shim_site *site)
{
	(void)usage;
	shim_dma_resv_assert_held(obj, site);
	for (unsigned int i = 0; i < obj->num_fences; i++) {
		struct dma_fence *old = obj->fences[i];

		if ((old->context == fence->context && fence->seqno >= old->seqno) ||
		    old->signaled) {
			obj->fences[i] = dma_fence_get(fence);
			dma_fence_put(old);
			return;
		}
	}
	if (!obj->reserved) {
		shim_finding("dma-resv", site,
			     "dma_resv_add_fence(%p): no fence slot reserved (dma_resv_reserve_fences()) since the lock was taken",
			     (void *)obj);
		return;
	}
	obj->reserved--;
	obj->fences[obj->num_fences++] = dma_fence_get(fence);
	fences_held++;
}
