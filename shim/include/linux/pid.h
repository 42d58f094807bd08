/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: struct pid, never allocated here (a VM's pid stays NULL). */
#ifndef _SHIM_LINUX_PID_H
#define _SHIM_LINUX_PID_H

#include <linux/bug.h>

struct pid;

#define put_pid(pid) WARN_ON((pid) != NULL)

#endif
