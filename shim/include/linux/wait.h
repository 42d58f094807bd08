/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: wait queues for a single-threaded harness. While the condition of
 * wait_event*() is false: a signal the test made pending
 * (shim_signal_pending_set()) or one the harness's source says arrives
 * (<shim/signal.h>) gives -ERESTARTSYS, as an interrupted wait does; else
 * the harness's progress function (shim_wait_set_progress()) does what
 * another thread would meanwhile (runs a queued job) and the
 * condition is evaluated again; when nothing is left that could make it
 * true, that is a "wait-forever" finding (never a hang). wake_up() counts
 * wake-ups.
 */
#ifndef _SHIM_LINUX_WAIT_H
#define _SHIM_LINUX_WAIT_H

#include <linux/errno.h>
#include <linux/types.h>
#include <shim/signal.h>
#include <shim/site.h>

typedef struct wait_queue_head {
	bool inited;
	unsigned long wakeups;
} wait_queue_head_t;

static inline void init_waitqueue_head(wait_queue_head_t *wq)
{
	*wq = (wait_queue_head_t){ .inited = true };
}

#define wake_up(wq) ((void)((wq)->wakeups++))
#define wake_up_all(wq) wake_up(wq)

/* A signal for the next interruptible wait(s) of the harness: n of them. */
void shim_signal_pending_set(unsigned int n);
unsigned int shim_signal_pending(void);
/* Consumes one pending signal: true when the wait is interrupted. */
bool shim_wait_interrupted(void);
/* What runs while a caller waits; returns false when nothing could run. */
void shim_wait_set_progress(bool (*fn)(void));
bool shim_wait_progress(void);
/* The wait's condition is false and nothing pending could change it. */
void shim_wait_forever(const char *cond, const struct shim_site *site);

#define wait_event_interruptible(wq, condition)                       \
	({                                                            \
		int __ret = 0;                                        \
		(void)(wq);                                           \
		while (!(condition)) {                                \
			if (shim_wait_interrupted() ||                \
			    shim_signal_arrives(SHIM_SIGNAL_WAIT,     \
						SHIM_SITE)) {         \
				__ret = -ERESTARTSYS;                 \
				break;                                \
			}                                             \
			if (!shim_wait_progress()) {                  \
				shim_wait_forever(#condition, SHIM_SITE); \
				break;                                \
			}                                             \
		}                                                     \
		__ret;                                                \
	})

#define wait_event(wq, condition)                                     \
	do {                                                          \
		(void)(wq);                                           \
		while (!(condition)) {                                \
			if (!shim_wait_progress()) {                  \
				shim_wait_forever(#condition, SHIM_SITE); \
				break;                                \
			}                                             \
		}                                                     \
	} while (0)

#endif
