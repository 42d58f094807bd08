/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_NUMA_H
#define _SHIM_LINUX_NUMA_H

#define NUMA_NO_NODE (-1)
#define MAX_NUMNODES 1

#endif
