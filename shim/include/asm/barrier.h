/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: barriers. The harness is single-threaded; fences keep the ordering. */
#ifndef _SHIM_ASM_BARRIER_H
#define _SHIM_ASM_BARRIER_H

#define mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define dma_wmb() wmb()
#define dma_rmb() rmb()
#define smp_mb() mb()
#define smp_rmb() rmb()
#define smp_wmb() wmb()

#endif
