/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: the RCU pointer accessors the rbtree code uses. The harness is
 * single-threaded: there are no readers to publish to, so these are plain
 * (volatile) accesses.
 */
#ifndef _SHIM_LINUX_RCUPDATE_H
#define _SHIM_LINUX_RCUPDATE_H

#include <linux/compiler.h>

#define rcu_assign_pointer(p, v) WRITE_ONCE((p), (v))
#define RCU_INIT_POINTER(p, v) WRITE_ONCE((p), (v))
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_read_lock() do { } while (0)
#define rcu_read_unlock() do { } while (0)
/* No grace period to wait for: freed at once (include <linux/slab.h>). */
#define kfree_rcu(ptr, rhf) kfree(ptr)

#endif
