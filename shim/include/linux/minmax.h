/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_MINMAX_H
#define _SHIM_LINUX_MINMAX_H

#define min(a, b)                        \
	({                               \
		__typeof__(a) __ma = (a); \
		__typeof__(b) __mb = (b); \
		__ma < __mb ? __ma : __mb; \
	})
#define max(a, b)                        \
	({                               \
		__typeof__(a) __ma = (a); \
		__typeof__(b) __mb = (b); \
		__ma > __mb ? __ma : __mb; \
	})
#define MIN(a, b) min(a, b)
#define MAX(a, b) max(a, b)
#define min_t(type, a, b) min((type)(a), (type)(b))
#define max_t(type, a, b) max((type)(a), (type)(b))
#define umin(a, b) min_t(unsigned long long, a, b)
#define umax(a, b) max_t(unsigned long long, a, b)
#define clamp(v, lo, hi) min(max(v, lo), hi)
#define clamp_t(type, v, lo, hi) min_t(type, max_t(type, v, lo), hi)
#define min3(a, b, c) min(min(a, b), c)
#define swap(a, b)                          \
	do {                                \
		__typeof__(a) __tmp = (a); \
		(a) = (b);                  \
		(b) = __tmp;                \
	} while (0)

#endif
