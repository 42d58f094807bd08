// SPDX-License-Identifier: GPL-2.0-only
/* The oracles' walk of the live page table (table_walk.h). */
#include <stdlib.h>
#include <string.h>

#include <shim/alloc.h>
#include <shim/finding.h>

#include "table_walk.h"

#define PTE_TYPE_MASK 3ull
#define PTE_TYPE_BLOCK 1ull
#define PTE_TYPE_TABLE 3ull
#define PTE_ADDR_MASK 0x0000fffffffff000ull	/* GENMASK_ULL(47, 12) */

struct walk_state {
	struct pt_walk *out;
	uintptr_t *seen;
	size_t nseen, cap;
};

static void note_table(struct walk_state *ws, uintptr_t t)
{
	if (ws->nseen == ws->cap) {
		ws->cap = ws->cap ? ws->cap * 2 : 256;
		ws->seen = realloc(ws->seen, ws->cap * sizeof(*ws->seen));
		if (!ws->seen)
			abort();
	}
	ws->seen[ws->nseen++] = t;
}

/*
 * The first non-zero entry of table[i..n) (n if none): most of a table is
 * empty, so it is skipped eight entries at a time. Not instrumented by
 * ASan or UBSan (their checks of each load were most of the oracle's
 * time): walk() only descends into tables the shim found live, and reads
 * nothing past their 512 entries (or the root's), all 8-byte aligned.
 */
__attribute__((no_sanitize("address", "undefined")))
static size_t next_entry(const uint64_t *table, size_t i, size_t n)
{
	while (i + 8 <= n && !(table[i] | table[i + 1] | table[i + 2] | table[i + 3] |
			       table[i + 4] | table[i + 5] | table[i + 6] | table[i + 7]))
		i += 8;
	while (i < n && !table[i])
		i++;
	return i;
}

static void walk(struct walk_state *ws, const uint64_t *table, int level,
		 size_t entries)
{
	for (size_t i = 0; (i = next_entry(table, i, entries)) < entries; i++) {
		uint64_t pte = table[i];

		if (level == TABLE_LEVELS - 1) {
			if ((pte & PTE_TYPE_MASK) == PTE_TYPE_TABLE)
				ws->out->leaves++;
			continue;
		}
		if ((pte & PTE_TYPE_MASK) == PTE_TYPE_BLOCK) {
			shim_finding_at("table-shape", "table_walk",
					"harness/table_walk.c", __LINE__,
					"block entry %#llx at level %d in a 4 KiB-only VM_BIND table",
					(unsigned long long)pte, level);
			continue;
		}
		if ((pte & PTE_TYPE_MASK) != PTE_TYPE_TABLE)
			continue;
		uintptr_t child = (uintptr_t)(pte & PTE_ADDR_MASK);

		if (!shim_phys_is_live(child, &(const struct shim_site){
			"table_walk", "harness/table_walk.c", __LINE__ }))
			continue;
		ws->out->tables[level + 1]++;
		ws->out->total++;
		note_table(ws, child);
		walk(ws, (const uint64_t *)child, level + 1, 512);
	}
}

static int cmp_uptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

void table_walk(const struct vmbind_backend *be, void *vm, unsigned int ias,
		struct pt_walk *out)
{
	static struct walk_state ws;
	unsigned int va_bits = ias - 12;
	unsigned int levels = (va_bits + 8) / 9;
	int start = TABLE_LEVELS - (int)levels;
	unsigned int pgd_bits = va_bits - 9 * (levels - 1);
	const uint64_t *root = vmbind_backend_root(be, vm);

	memset(out, 0, sizeof(*out));
	ws.out = out;
	ws.nseen = 0;
	walk(&ws, root, start, (size_t)1 << pgd_bits);
	if (ws.nseen > 1)
		qsort(ws.seen, ws.nseen, sizeof(*ws.seen), cmp_uptr);
	for (size_t i = 1; i < ws.nseen; i++) {
		if (ws.seen[i] == ws.seen[i - 1]) {
			shim_finding_at("table-shape", "table_walk",
					"harness/table_walk.c", __LINE__,
					"table page %#lx is linked from two entries",
					(unsigned long)ws.seen[i]);
			break;
		}
	}
}
