/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (instrumented): reservation objects. The lock is the shim's
 * ww_mutex (see <linux/ww_mutex.h> for what is a finding); fences are
 * stored, with a reference, as dma-resv.c keeps them: dma_resv_add_fence()
 * needs the lock held, and replaces a fence of the same context (not
 * earlier) or a signalled one; otherwise it takes a slot, which
 * dma_resv_reserve_fences() must have reserved since the lock was taken
 * (the kernel's CONFIG_DEBUG_MUTEXES forgets reservations at unlock, as
 * here). dma_resv_fini() drops the fences.
 * dma_resv_assert_held() of an unlocked object is a WARN, as lockdep's.
 */
#ifndef _SHIM_LINUX_DMA_RESV_H
#define _SHIM_LINUX_DMA_RESV_H

#include <linux/bits.h>
#include <linux/dma-fence.h>
#include <linux/types.h>
#include <linux/ww_mutex.h>
#include <shim/site.h>

extern struct ww_class reservation_ww_class;

enum dma_resv_usage {
	DMA_RESV_USAGE_KERNEL,
	DMA_RESV_USAGE_WRITE,
	DMA_RESV_USAGE_READ,
	DMA_RESV_USAGE_BOOKKEEP,
};

#define SHIM_DMA_RESV_SLOTS 16

struct dma_resv {
	struct ww_mutex lock;
	bool inited;
	unsigned int reserved;	/* free slots reserved since the lock was taken */
	unsigned int num_fences;
	struct dma_fence *fences[SHIM_DMA_RESV_SLOTS];
};

/* Fences held by all reservation objects. */
unsigned long shim_dma_resv_fences_held(void);

void shim_dma_resv_init(struct dma_resv *obj, const struct shim_site *site);
void shim_dma_resv_fini(struct dma_resv *obj, const struct shim_site *site);
int shim_dma_resv_lock(struct dma_resv *obj, struct ww_acquire_ctx *ctx,
		       bool slow, const struct shim_site *site);
int shim_dma_resv_lock_interruptible(struct dma_resv *obj, struct ww_acquire_ctx *ctx,
				     bool slow, const struct shim_site *site);
bool shim_dma_resv_trylock(struct dma_resv *obj, const struct shim_site *site);
void shim_dma_resv_unlock(struct dma_resv *obj, const struct shim_site *site);
void shim_dma_resv_assert_held(struct dma_resv *obj,
			       const struct shim_site *site);
int shim_dma_resv_reserve_fences(struct dma_resv *obj, unsigned int num_fences,
				 const struct shim_site *site);
void shim_dma_resv_add_fence(struct dma_resv *obj, struct dma_fence *fence,
			     enum dma_resv_usage usage,
			     const struct shim_site *site);

#define dma_resv_init(obj) shim_dma_resv_init((obj), SHIM_SITE)
#define dma_resv_fini(obj) shim_dma_resv_fini((obj), SHIM_SITE)
#define dma_resv_lock(obj, ctx) shim_dma_resv_lock((obj), (ctx), false, SHIM_SITE)
#define dma_resv_lock_interruptible(obj, ctx) \
	shim_dma_resv_lock_interruptible((obj), (ctx), false, SHIM_SITE)
#define dma_resv_lock_slow(obj, ctx) \
	((void)shim_dma_resv_lock((obj), (ctx), true, SHIM_SITE))
#define dma_resv_lock_slow_interruptible(obj, ctx) \
	shim_dma_resv_lock_interruptible((obj), (ctx), true, SHIM_SITE)
#define dma_resv_trylock(obj) shim_dma_resv_trylock((obj), SHIM_SITE)
#define dma_resv_unlock(obj) shim_dma_resv_unlock((obj), SHIM_SITE)
#define dma_resv_is_locked(obj) ((obj)->lock.locked)
#define dma_resv_held(obj) ((obj)->lock.locked)
#define dma_resv_locking_ctx(obj) ((obj)->lock.ctx)
#define dma_resv_assert_held(obj) shim_dma_resv_assert_held((obj), SHIM_SITE)
#define dma_resv_reserve_fences(obj, n) \
	shim_dma_resv_reserve_fences((obj), (n), SHIM_SITE)
#define dma_resv_add_fence(obj, fence, usage) \
	shim_dma_resv_add_fence((obj), (fence), (usage), SHIM_SITE)

#endif
