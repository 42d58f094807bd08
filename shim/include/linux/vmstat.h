/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: node/lruvec statistics, kept so accounting imbalances can be seen. */
#ifndef _SHIM_LINUX_VMSTAT_H
#define _SHIM_LINUX_VMSTAT_H

#include <linux/mm_types.h>

enum node_stat_item {
	NR_IOMMU_PAGES,
	NR_SECONDARY_PAGETABLE,
	NR_PAGETABLE,
	NR_VM_NODE_STAT_ITEMS,
};

extern long shim_node_stat[NR_VM_NODE_STAT_ITEMS];
extern pg_data_t shim_pgdat;

static inline pg_data_t *page_pgdat(const struct page *page)
{
	(void)page;
	return &shim_pgdat;
}

static inline void mod_node_page_state(pg_data_t *pgdat,
				       enum node_stat_item item, long delta)
{
	(void)pgdat;
	shim_node_stat[item] += delta;
}

static inline void mod_lruvec_page_state(struct page *page,
					 enum node_stat_item item, long delta)
{
	(void)page;
	shim_node_stat[item] += delta;
}

#define lruvec_stat_mod_folio(folio, item, delta) \
	mod_lruvec_page_state(&(folio)->page, item, delta)

#endif
