/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: atomics on GCC builtins. */
#ifndef _SHIM_LINUX_ATOMIC_H
#define _SHIM_LINUX_ATOMIC_H

#include <linux/compiler.h>
#include <linux/types.h>

#define ATOMIC_INIT(i) { (i) }

static inline int atomic_read(const atomic_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *v, int i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

#define atomic_inc(v) ((void)atomic_add_return(1, v))
#define atomic_dec(v) ((void)atomic_add_return(-1, v))
#define atomic_add(i, v) ((void)atomic_add_return(i, v))
#define atomic_sub(i, v) ((void)atomic_add_return(-(i), v))
#define atomic_inc_return(v) atomic_add_return(1, v)
#define atomic_dec_return(v) atomic_add_return(-1, v)
#define atomic_dec_and_test(v) (atomic_add_return(-1, v) == 0)

static inline s64 atomic64_read(const atomic64_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic64_set(atomic64_t *v, s64 i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline s64 atomic64_add_return(s64 i, atomic64_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

#define atomic64_add(i, v) ((void)atomic64_add_return(i, v))
#define atomic64_sub(i, v) ((void)atomic64_add_return(-(i), v))
#define atomic_long_read atomic64_read
#define atomic_long_set atomic64_set
#define atomic_long_add atomic64_add
#define atomic_long_sub atomic64_sub

/* Returns the old value, like the kernel's cmpxchg family. */
#define cmpxchg(ptr, old, new)                                             \
	({                                                                 \
		__typeof__(*(ptr)) __old = (old);                          \
		__atomic_compare_exchange_n((ptr), &__old, (new), false,   \
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
		__old;                                                     \
	})
#define cmpxchg64(ptr, old, new) cmpxchg(ptr, old, new)
#define cmpxchg_relaxed(ptr, old, new) cmpxchg(ptr, old, new)
#define cmpxchg64_relaxed(ptr, old, new) cmpxchg(ptr, old, new)
/* Updates *oldp with the current value on failure, as the kernel's. */
#define try_cmpxchg(ptr, oldp, new)                                      \
	__atomic_compare_exchange_n((ptr), (oldp), (new), false,         \
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define xchg(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)

#endif
