// SPDX-License-Identifier: GPL-2.0-only
/* Dictionary generator (dictionary.h). */
#include <stdint.h>
#include <string.h>

#include "dictionary.h"
#include "input.h"

#define PTES_PER_TABLE (VMBIND_PAGE_SIZE / 8)	/* 512: one table's entries */

static void entry(FILE *out, const char *name, const uint8_t *b, size_t n)
{
	fprintf(out, "%s=\"", name);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "\\x%02x", b[i]);
	fprintf(out, "\"\n");
}

static void entry_u8(FILE *out, const char *name, uint8_t v)
{
	entry(out, name, &v, 1);
}

static void entry_le(FILE *out, const char *name, uint32_t v, size_t n)
{
	uint8_t b[4];

	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	entry(out, name, b, n);
}

static const char *const prot_names[] = {
	"", "_ro", "_cached", "_ro_cached", "_priv", "_ro_priv", "_cached_priv",
	"_ro_cached_priv",
};

/* Prot combination i (bit 0 read-only, 1 cached, 2 priv) as op-byte bits. */
static uint8_t prot_bits(unsigned int i)
{
	return (i & 1 ? VMBIND_OPB_READ_ONLY : 0) | (i & 2 ? VMBIND_OPB_CACHED : 0) |
	       (i & 4 ? VMBIND_OPB_PRIV : 0);
}

static void op_bytes(FILE *out)
{
	char name[64];

	fprintf(out, "# op byte: every prot a MAP or MAP_NULL can carry (GPU-view oracle),\n"
		     "# UNMAP, and a MAP of each other BO\n");
	for (unsigned int i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "op_map%s", prot_names[i]);
		entry_u8(out, name, VMBIND_OP_MAP | prot_bits(i));
	}
	for (unsigned int i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "op_map_null%s", prot_names[i]);
		entry_u8(out, name, VMBIND_OP_MAP_NULL | prot_bits(i));
	}
	entry_u8(out, "op_unmap", VMBIND_OP_UNMAP);
	for (int bo = 1; bo < VMBIND_NR_BOS; bo++) {
		snprintf(name, sizeof(name), "op_map_bo%d", bo);
		entry_u8(out, name, VMBIND_OP_MAP | bo << VMBIND_OPB_BO_SHIFT);
	}
}

static const char *const anchor_names[] = {
	"start", "2m", "1g", "512g", "top", "prev", "prevend", "uniform",
};
static const char *const range_names[] = {
	"pages", "pages64k", "2m", "1g", "512g", "toend", "prev", "uniform",
};

static void kinds_bytes(FILE *out)
{
	/* Anchors with the ranges that cross or fill their table boundaries. */
	static const uint8_t pairs[][2] = {
		{ VMBIND_ANCHOR_START, VMBIND_RANGE_PAGES },
		{ VMBIND_ANCHOR_START, VMBIND_RANGE_TO_END },
		{ VMBIND_ANCHOR_2M, VMBIND_RANGE_PAGES },
		{ VMBIND_ANCHOR_2M, VMBIND_RANGE_2M },
		{ VMBIND_ANCHOR_1G, VMBIND_RANGE_PAGES },
		{ VMBIND_ANCHOR_1G, VMBIND_RANGE_1G },
		{ VMBIND_ANCHOR_512G, VMBIND_RANGE_PAGES },
		{ VMBIND_ANCHOR_512G, VMBIND_RANGE_512G },
		{ VMBIND_ANCHOR_TOP, VMBIND_RANGE_PAGES },
		{ VMBIND_ANCHOR_PREV, VMBIND_RANGE_PREV },
		{ VMBIND_ANCHOR_PREV_END, VMBIND_RANGE_PAGES },
		{ VMBIND_ANCHOR_PREV_END, VMBIND_RANGE_TO_END },
		{ VMBIND_ANCHOR_UNIFORM, VMBIND_RANGE_UNIFORM },
	};
	char name[64];

	fprintf(out, "# anchor | range kind byte\n");
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		snprintf(name, sizeof(name), "kinds_%s_%s", anchor_names[pairs[i][0]],
			 range_names[pairs[i][1]]);
		entry_u8(out, name, VMBIND_KINDS(pairs[i][0], pairs[i][1]));
	}
}

static void values(FILE *out)
{
	static const struct {
		const char *name;
		uint32_t v;
	} u32s[] = {
		{ "u32_0", 0 },
		{ "u32_1", 1 },
		{ "u32_ptes_m1", PTES_PER_TABLE - 1 },
		{ "u32_ptes", PTES_PER_TABLE },
		{ "u32_ptes_p1", PTES_PER_TABLE + 1 },
		{ "u32_half", 1u << 31 },
		{ "u32_max", UINT32_MAX },
	};
	static const struct {
		const char *name;
		int8_t d;
	} deltas[] = {
		{ "delta_m1", -1 }, { "delta_m2", -2 }, { "delta_p1", 1 },
		{ "delta_p2", 2 }, { "delta_min", INT8_MIN }, { "delta_max", INT8_MAX },
	};

	fprintf(out, "# anchor, range and BO offset values around a table's %u entries\n",
		(unsigned int)PTES_PER_TABLE);
	for (size_t i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++)
		entry_le(out, u32s[i].name, u32s[i].v, 4);
	fprintf(out, "# page deltas around an anchor or range\n");
	for (size_t i = 0; i < sizeof(deltas) / sizeof(deltas[0]); i++)
		entry_u8(out, deltas[i].name, (uint8_t)deltas[i].d);
}

static void header_bytes(FILE *out)
{
	static const unsigned int ias[] = { 48, 39, 40, VMBIND_IAS_MIN };
	static const char *const families[] = {
		"any", "kmalloc", "kvmalloc", "kmem_cache", "pages", "cache_create",
	};
	static const unsigned int nth[] = { 1, 2, 3, 16 };
	char name[64];

	fprintf(out, "# header: ias, non-coherent walk, fail family, fail_nth\n");
	for (size_t i = 0; i < sizeof(ias) / sizeof(ias[0]); i++) {
		snprintf(name, sizeof(name), "ias_%u", ias[i]);
		entry_u8(out, name, (uint8_t)(ias[i] - VMBIND_IAS_MIN));
	}
	entry_u8(out, "noncoherent", VMBIND_FLAG_NONCOHERENT);
	for (int f = 1; f < VMBIND_FAIL_NR; f++) {
		snprintf(name, sizeof(name), "fail_family_%s", families[f]);
		entry_u8(out, name, (uint8_t)(f << VMBIND_FLAG_FAIL_FAMILY_SHIFT));
	}
	for (size_t i = 0; i < sizeof(nth) / sizeof(nth[0]); i++) {
		snprintf(name, sizeof(name), "fail_nth_%u", nth[i]);
		entry_le(out, name, nth[i], 2);
	}
}

static void bo_shape(FILE *out, const char *name, unsigned int size_log2,
		     unsigned int entry_log2, uint8_t byte3)
{
	uint8_t b[4] = { (uint8_t)size_log2, 0, (uint8_t)entry_log2, byte3 };

	entry(out, name, b, sizeof(b));
}

static void bo_shapes(FILE *out)
{
	fprintf(out, "# BO shapes: size (2^n pages), entry size (2^n pages), layout\n");
	bo_shape(out, "bo_1page", 0, 0, 0);
	bo_shape(out, "bo_2m_pages", 9, 0, 0);
	bo_shape(out, "bo_4g_8page_entries", 20, 3, 0);
	bo_shape(out, "bo_4g_alternate", 20, 12, VMBIND_BO_ALTERNATE);
	bo_shape(out, "bo_4g_descending", 20, 9, 2 << VMBIND_BO_ORDER_SHIFT);
	bo_shape(out, "bo_4g_misaligned", 20, 9, 1 << VMBIND_BO_MISALIGN_SHIFT);
	bo_shape(out, "bo_2t_max_entries", 29, VMBIND_BO_ENTRY_LOG2_NR - 1, 0);
}

static void record(FILE *out, const char *name, uint8_t op, uint8_t kinds)
{
	uint8_t rec[VMBIND_RECORD_SIZE] = { 0 };

	rec[VMBIND_REC_OP] = op;
	rec[VMBIND_REC_KINDS] = kinds;
	entry(out, name, rec, sizeof(rec));
}

static void records(FILE *out)
{
	fprintf(out, "# whole records: a job boundary; whole-VA ops (big reservations)\n");
	record(out, "rec_end_job", VMBIND_OP_END_JOB, 0);
	record(out, "rec_map_null_whole_va", VMBIND_OP_MAP_NULL,
	       VMBIND_KINDS(VMBIND_ANCHOR_START, VMBIND_RANGE_TO_END));
	record(out, "rec_unmap_whole_va", VMBIND_OP_UNMAP,
	       VMBIND_KINDS(VMBIND_ANCHOR_START, VMBIND_RANGE_TO_END));
	record(out, "rec_map_bo_at_prev_end", VMBIND_OP_MAP,
	       VMBIND_KINDS(VMBIND_ANCHOR_PREV_END, VMBIND_RANGE_TO_END));
	record(out, "rec_unmap_prev", VMBIND_OP_UNMAP,
	       VMBIND_KINDS(VMBIND_ANCHOR_PREV, VMBIND_RANGE_PREV));
}

void vmbind_dictionary_write(FILE *out)
{
	fprintf(out, "# SPDX-License-Identifier: GPL-2.0-only\n"
		     "# Dictionary for the vmbind-fuzz input format, version %d\n"
		     "# (docs/input-format.md), in the AFL/libFuzzer syntax both engines read.\n"
		     "# Generated from harness/input.h by vmbind_repro --dictionary: do not edit\n"
		     "# (cmake --build BUILD --target update-dict rewrites it).\n\n",
		     VMBIND_FORMAT_VERSION);
	records(out);
	op_bytes(out);
	kinds_bytes(out);
	values(out);
	header_bytes(out);
	bo_shapes(out);
}
