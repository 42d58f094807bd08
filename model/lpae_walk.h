/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A stage-1 translation-table walk as the SMMU does it (VMSAv8-64, 4 KiB
 * granule, EL1&0 regime, TTBR0), written from the Arm architecture's
 * description of descriptors and attributes and sharing nothing with
 * io-pgtable-arm.c, which it checks. Descriptors are read through a
 * callback, so the walk sees memory as the device would.
 */
#ifndef _VMBIND_LPAE_WALK_H
#define _VMBIND_LPAE_WALK_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The walk down to a last-level table, kept for the next walk in the same
 * 2 MiB block, as a TLB walk cache would: valid only while no table above
 * it changes (one pass of checks over unchanged tables).
 */
struct lpae_walk_prefix {
	bool valid;
	uint64_t block;		/* iova >> 21 */
	uint64_t table;		/* the level-3 table */
	uint64_t table_attrs;
	int table_attrs_level;
};

/* What the hardware was given: TTBR0, TCR.T0SZ and MAIR. */
struct lpae_walk_cfg {
	uint64_t ttbr;
	unsigned int t0sz;
	uint64_t mair;
	/* Reads the descriptor at phys; false when the walker cannot see it. */
	bool (*read)(void *ctx, uint64_t phys, uint64_t *desc);
	void *ctx;
	struct lpae_walk_prefix *prefix;	/* optional */
};

enum lpae_walk_status {
	LPAE_WALK_OK,
	LPAE_WALK_FAULT_TRANSLATION,	/* invalid descriptor, or out of range */
	LPAE_WALK_FAULT_ACCESS,		/* AF == 0 */
	LPAE_WALK_UNREADABLE,		/* a table the walker cannot read */
};

/* Memory types, from the MAIR attribute byte. */
enum lpae_memtype {
	LPAE_MEM_DEVICE,
	LPAE_MEM_NORMAL_NC,		/* inner non-cacheable */
	LPAE_MEM_NORMAL_WB,		/* inner and outer write-back */
	LPAE_MEM_NORMAL_OTHER,		/* write-through, or mixed */
};

struct lpae_walk_result {
	enum lpae_walk_status status;
	int level;		/* of the leaf, or where the walk stopped */
	uint64_t desc;		/* that descriptor */
	uint64_t desc_phys;	/* and where it is */
	uint64_t out;		/* output address (status OK or FAULT_ACCESS) */

	/* Effective permissions, table attributes folded in. */
	bool write;		/* writable (AP[2] == 0, no APTable[1]) */
	bool unpriv;		/* unprivileged access (AP[1], no APTable[0]) */
	bool uxn, pxn;		/* execute-never, with XNTable / PXNTable */
	/* Leaf attributes. */
	unsigned int attrindx;
	uint8_t attr;		/* MAIR[attrindx] */
	enum lpae_memtype memtype;
	unsigned int sh;	/* SH[1:0]: 0 non, 2 outer, 3 inner shareable */
	bool ng, af, dbm, contig;
	/* OR of the table descriptors' attribute bits [63:59] on the way. */
	uint64_t table_attrs;
	int table_attrs_level;	/* first table level that set one */
};

/* Descriptor fields (Arm ARM, VMSAv8-64 stage 1). */
#define LPAE_DESC_VALID		(1ull << 0)
#define LPAE_DESC_TABLE		(1ull << 1)	/* table (L0-2) or page (L3) */
#define LPAE_DESC_ATTRINDX(d)	(((d) >> 2) & 7)
#define LPAE_DESC_AP1		(1ull << 6)	/* EL0 access */
#define LPAE_DESC_AP2		(1ull << 7)	/* read-only */
#define LPAE_DESC_SH(d)		(((d) >> 8) & 3)
#define LPAE_DESC_AF		(1ull << 10)
#define LPAE_DESC_NG		(1ull << 11)
#define LPAE_DESC_DBM		(1ull << 51)
#define LPAE_DESC_CONTIG	(1ull << 52)
#define LPAE_DESC_PXN		(1ull << 53)
#define LPAE_DESC_SW_BITS	(0xfull << 55)	/* ignored by hardware */
#define LPAE_DESC_UXN		(1ull << 54)
#define LPAE_TABLE_PXN		(1ull << 59)
#define LPAE_TABLE_UXN		(1ull << 60)
#define LPAE_TABLE_AP0		(1ull << 61)	/* no EL0 access below */
#define LPAE_TABLE_AP1		(1ull << 62)	/* no write access below */
#define LPAE_TABLE_NS		(1ull << 63)
#define LPAE_TABLE_ATTRS	(0x1full << 59)
#define LPAE_DESC_OA_MASK	0x0000fffffffff000ull	/* bits [47:12] */

/* Walks iova; returns r->status. */
enum lpae_walk_status lpae_walk(const struct lpae_walk_cfg *cfg, uint64_t iova,
				struct lpae_walk_result *r);

enum lpae_memtype lpae_memtype_of(uint8_t attr);
const char *lpae_memtype_name(enum lpae_memtype t);

#endif
