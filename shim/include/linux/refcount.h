/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (instrumented): refcount_t. As the kernel's, an increment from zero
 * (use after free) and a decrement below zero are reported, here as
 * findings ("refcount"); the count then saturates instead of wrapping.
 */
#ifndef _SHIM_LINUX_REFCOUNT_H
#define _SHIM_LINUX_REFCOUNT_H

#include <linux/types.h>
#include <shim/finding.h>
#include <shim/site.h>

typedef struct {
	int refs;
} refcount_t;

#define REFCOUNT_INIT(n) { .refs = (n) }
#define REFCOUNT_SATURATED (-(1 << 30))

static inline void refcount_set(refcount_t *r, int n)
{
	r->refs = n;
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return r->refs;
}

static inline void __shim_refcount_inc(refcount_t *r,
				       const struct shim_site *site)
{
	if (r->refs == REFCOUNT_SATURATED)
		return;
	if (r->refs <= 0) {
		shim_finding("refcount", site,
			     "refcount_t %p: addition on %d; use-after-free",
			     (void *)r, r->refs);
		r->refs = REFCOUNT_SATURATED;
		return;
	}
	r->refs++;
}

static inline bool __shim_refcount_inc_not_zero(refcount_t *r)
{
	if (r->refs == 0)
		return false;
	if (r->refs != REFCOUNT_SATURATED)
		r->refs++;
	return true;
}

/* True when the count dropped to zero. */
static inline bool __shim_refcount_dec_and_test(refcount_t *r,
						const struct shim_site *site)
{
	if (r->refs == REFCOUNT_SATURATED)
		return false;
	if (r->refs <= 0) {
		shim_finding("refcount", site,
			     "refcount_t %p: underflow (decrement of %d); use-after-free",
			     (void *)r, r->refs);
		r->refs = REFCOUNT_SATURATED;
		return false;
	}
	return --r->refs == 0;
}

#define refcount_inc(r) __shim_refcount_inc((r), SHIM_SITE)
#define refcount_inc_not_zero(r) __shim_refcount_inc_not_zero(r)
#define refcount_dec_and_test(r) __shim_refcount_dec_and_test((r), SHIM_SITE)

#endif
