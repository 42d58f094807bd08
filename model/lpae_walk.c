// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage-1 walk, 4 KiB granule (Arm ARM D8, "VMSAv8-64 translation table
 * format descriptors"): the input size is 64 - T0SZ bits; each level
 * resolves 9 bits, level 3 the last 9 above the 12-bit page offset; the
 * walk starts at the level that leaves 1..9 bits for the first table.
 */
#include <stddef.h>

#include "lpae_walk.h"

enum lpae_memtype lpae_memtype_of(uint8_t attr)
{
	unsigned int outer = attr >> 4, inner = attr & 15;
	/* WB: 0b01RW with RW != 0 (transient) or 0b11RW (non-transient). */
	bool outer_wb = (outer & 0xc) == 0xc || ((outer & 0xc) == 0x4 && (outer & 3));
	bool inner_wb = (inner & 0xc) == 0xc || ((inner & 0xc) == 0x4 && (inner & 3));

	if (!outer)
		return LPAE_MEM_DEVICE;
	if (inner == 0x4)
		return LPAE_MEM_NORMAL_NC;
	if (inner_wb && outer_wb)
		return LPAE_MEM_NORMAL_WB;
	return LPAE_MEM_NORMAL_OTHER;
}

const char *lpae_memtype_name(enum lpae_memtype t)
{
	static const char *const names[] = {
		[LPAE_MEM_DEVICE] = "device",
		[LPAE_MEM_NORMAL_NC] = "normal non-cacheable",
		[LPAE_MEM_NORMAL_WB] = "normal write-back",
		[LPAE_MEM_NORMAL_OTHER] = "normal (other cacheability)",
	};

	return t <= LPAE_MEM_NORMAL_OTHER ? names[t] : "?";
}

/* Fills the leaf's attributes and the effective permissions. */
static void leaf(const struct lpae_walk_cfg *cfg, uint64_t d, int level,
		 uint64_t iova, struct lpae_walk_result *r)
{
	unsigned int offset_bits = 12 + 9 * (3 - level);
	uint64_t tables = r->table_attrs;

	r->out = (d & LPAE_DESC_OA_MASK & ~((1ull << offset_bits) - 1)) |
		 (iova & ((1ull << offset_bits) - 1));
	r->attrindx = LPAE_DESC_ATTRINDX(d);
	r->attr = (uint8_t)(cfg->mair >> (8 * r->attrindx));
	r->memtype = lpae_memtype_of(r->attr);
	r->sh = LPAE_DESC_SH(d);
	r->ng = d & LPAE_DESC_NG;
	r->af = d & LPAE_DESC_AF;
	r->dbm = d & LPAE_DESC_DBM;
	r->contig = d & LPAE_DESC_CONTIG;
	r->write = !(d & LPAE_DESC_AP2) && !(tables & LPAE_TABLE_AP1);
	r->unpriv = (d & LPAE_DESC_AP1) && !(tables & LPAE_TABLE_AP0);
	r->uxn = (d & LPAE_DESC_UXN) || (tables & LPAE_TABLE_UXN);
	r->pxn = (d & LPAE_DESC_PXN) || (tables & LPAE_TABLE_PXN);
	r->status = r->af ? LPAE_WALK_OK : LPAE_WALK_FAULT_ACCESS;
}

enum lpae_walk_status lpae_walk(const struct lpae_walk_cfg *cfg, uint64_t iova,
				struct lpae_walk_result *r)
{
	unsigned int ias = 64 - cfg->t0sz;
	/* Levels needed for ias - 12 bits at 9 per level. */
	int first = 4 - (int)((ias - 12 + 8) / 9), level = first;
	uint64_t table = cfg->ttbr & LPAE_DESC_OA_MASK;
	struct lpae_walk_prefix *p = cfg->prefix;

	*r = (struct lpae_walk_result){ .table_attrs_level = -1 };
	r->status = LPAE_WALK_FAULT_TRANSLATION;
	r->level = level;
	if (ias < 25 || ias > 48 || (ias < 64 && (iova >> ias)))
		return r->status;
	if (p && p->valid && p->block == iova >> 21) {
		level = 3;
		table = p->table;
		r->table_attrs = p->table_attrs;
		r->table_attrs_level = p->table_attrs_level;
	}

	for (;; level++) {
		unsigned int shift = 12 + 9 * (3 - level);
		unsigned int bits = level == first ? ias - shift : 9;
		uint64_t idx = (iova >> shift) & ((1ull << bits) - 1);
		uint64_t d;

		r->level = level;
		r->desc_phys = table + idx * 8;
		if (!cfg->read(cfg->ctx, r->desc_phys, &d)) {
			r->status = LPAE_WALK_UNREADABLE;
			return r->status;
		}
		r->desc = d;
		if (!(d & LPAE_DESC_VALID))
			return r->status;
		if (level == 3) {
			/* Level 3: 0b11 is a page, 0b01 is reserved (invalid). */
			if (!(d & LPAE_DESC_TABLE))
				return r->status;
			leaf(cfg, d, level, iova, r);
			return r->status;
		}
		if (!(d & LPAE_DESC_TABLE)) {
			/* Blocks: level 1 (1 GiB) and 2 (2 MiB) only. */
			if (level == 0)
				return r->status;
			leaf(cfg, d, level, iova, r);
			return r->status;
		}
		if ((d & LPAE_TABLE_ATTRS) && r->table_attrs_level < 0)
			r->table_attrs_level = level;
		r->table_attrs |= d & LPAE_TABLE_ATTRS;
		table = d & LPAE_DESC_OA_MASK;
		if (p && level == 2) {
			*p = (struct lpae_walk_prefix){
				.valid = true,
				.block = iova >> 21,
				.table = table,
				.table_attrs = r->table_attrs,
				.table_attrs_level = r->table_attrs_level,
			};
		}
	}
}
