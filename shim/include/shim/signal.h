/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Signals for a single-threaded harness. A caller the kernel would put to
 * sleep interruptibly (a wait_event_interruptible() whose condition is
 * false; a *_lock_interruptible() of a lock another thread holds) can be
 * woken by a signal instead: the pending ones a test set
 * (<linux/wait.h>), or one the harness's source says arrives there. The
 * shim never sleeps, so an uncontended lock is taken as in the kernel,
 * without looking at signals; the source stands for the other thread that
 * holds it when it says a signal arrives.
 */
#ifndef _SHIM_SIGNAL_H
#define _SHIM_SIGNAL_H

#include <stdbool.h>

struct shim_site;

enum shim_signal_point {
	SHIM_SIGNAL_WAIT,	/* wait_event_interruptible(), condition false */
	SHIM_SIGNAL_LOCK,	/* an interruptible lock, held elsewhere */
};

/* The harness's say: true when a signal arrives while the caller at site
 * sleeps. NULL (the default): none does. */
void shim_signal_set_source(bool (*fn)(enum shim_signal_point point,
				       const struct shim_site *site));
/* Asks the source (false without one); counts what it delivers. */
bool shim_signal_arrives(enum shim_signal_point point, const struct shim_site *site);
/* Signals delivered so far: pending ones consumed and arrivals. */
unsigned long shim_signals_delivered(void);

#endif
