/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: dma_fence, only as far as dma_resv bookkeeping needs it. Fences
 * are counted by the dma_resv stand-in, not referenced or signalled.
 */
#ifndef _SHIM_LINUX_DMA_FENCE_H
#define _SHIM_LINUX_DMA_FENCE_H

#include <linux/types.h>

struct dma_fence {
	u64 context;
	u64 seqno;
};

#endif
