// SPDX-License-Identifier: GPL-2.0-only
/*
 * Live-object table: open addressing keyed by address. Records are never
 * deleted within an input (freed ones stay as FREED so a second free is a
 * double free, not an invalid free); a generation bump forgets everything in
 * O(1) at the end of an input.
 */
#include <stdlib.h>
#include <string.h>

#include <shim/dma.h>

#include "internal.h"

static struct shim_obj *table;
static size_t capacity;
static size_t used;
static unsigned long gen = 1;
unsigned long shim_free_epoch = 1;

static size_t slot_of(uintptr_t addr)
{
	return (size_t)(((addr >> 4) * 0x9E3779B97F4A7C15ull) >> 20) &
	       (capacity - 1);
}

static bool slot_in_use(const struct shim_obj *o)
{
	return o->gen == gen;
}

static void grow(void)
{
	struct shim_obj *old = table;
	size_t old_cap = capacity;

	capacity = capacity ? capacity * 2 : (1u << 12);
	table = calloc(capacity, sizeof(*table));
	if (!table)
		abort();
	used = 0;
	for (size_t i = 0; i < old_cap; i++) {
		if (!slot_in_use(&old[i]))
			continue;
		size_t s = slot_of(old[i].addr);

		while (slot_in_use(&table[s]))
			s = (s + 1) & (capacity - 1);
		table[s] = old[i];
		used++;
	}
	free(old);
}

struct shim_obj *objtrack_lookup(uintptr_t addr)
{
	if (!capacity)
		return NULL;
	for (size_t s = slot_of(addr);; s = (s + 1) & (capacity - 1)) {
		struct shim_obj *o = &table[s];

		if (!slot_in_use(o))
			return NULL;
		if (o->addr == addr)
			return o;
	}
}

struct shim_obj *objtrack_add(uintptr_t addr, enum shim_family fam,
			      size_t size, const struct shim_site *site)
{
	struct shim_obj *o = objtrack_lookup(addr);

	if (!o) {
		if ((used + 1) * 2 > capacity)
			grow();
		size_t s = slot_of(addr);

		while (slot_in_use(&table[s]))
			s = (s + 1) & (capacity - 1);
		o = &table[s];
		used++;
	}
	*o = (struct shim_obj){
		.addr = addr,
		.gen = gen,
		.size = size,
		.alloc_site = site,
		.family = fam,
		.state = SHIM_OBJ_LIVE,
	};
	shim_live[fam]++;
	return o;
}

void objtrack_mark_freed(struct shim_obj *o, const struct shim_site *site)
{
	shim_dma_check_free(o->addr, o->size, site);
	o->state = SHIM_OBJ_FREED;
	o->free_site = site;
	shim_free_epoch++;
	shim_live[o->family]--;
}

void objtrack_for_each_live(void (*fn)(struct shim_obj *o, void *arg),
			    void *arg)
{
	for (size_t i = 0; i < capacity; i++)
		if (slot_in_use(&table[i]) && table[i].state == SHIM_OBJ_LIVE)
			fn(&table[i], arg);
}

void objtrack_reset(void)
{
	/*
	 * Every input uses slots all over the table: after an input that
	 * needed a big one, shrink it again so the common small input stays
	 * in cache.
	 */
	if (capacity > (1u << 13) && used * 16 < capacity) {
		free(table);
		table = NULL;
		capacity = 0;
	}
	gen++;
	shim_free_epoch++;
	used = 0;
	memset(shim_live, 0, sizeof(shim_live[0]) * SHIM_FAM_NR);
}
