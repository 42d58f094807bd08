// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shim's physical memory, the bottom of the shim's allocators: one
 * reserved arena with a struct page per 4 KiB page (vmemmap), and untracked
 * blocks from per-order LIFO free lists (pages.c and kmalloc.c track them).
 * Blocks are naturally aligned like buddy blocks. Free memory is poisoned
 * (pattern + ASan). When nothing is allocated, the allocator rewinds, so
 * every input sees the same addresses whatever ran before it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <linux/gfp.h>
#include <linux/mm.h>

#include "internal.h"

#define ARENA_BYTES (64ULL << 30)	/* address space only (MAP_NORESERVE) */
#define ARENA_PAGES (ARENA_BYTES >> PAGE_SHIFT)
#define ARENA_ALIGN (PAGE_SIZE << MAX_PAGE_ORDER)

static uintptr_t arena_base;
static struct page *vmemmap;
static unsigned long bump;		/* pages handed out from the top */
static unsigned long high_water;	/* pages ever touched */
static unsigned long blocks_in_use;

struct free_stack {
	unsigned long *idx;
	size_t n, cap;
};
static struct free_stack free_lists[PHYSMEM_ORDERS];

#ifdef SHIM_ASAN
/*
 * ASan clears the shadow of a large region it unpoisons by mapping fresh
 * zero pages over it (above clear_shadow_mmap_threshold, 64 KiB), so the
 * next poisoning of a recycled arena block faults the shadow in and the
 * host zeroes it again: a fifth of the time on inputs with vmalloc-sized
 * arrays. memset() of the shadow instead; ASAN_OPTIONS still overrides.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "clear_shadow_mmap_threshold=1099511627776";
}
#endif

static void *reserve(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("vmbind shim: mmap");
		abort();
	}
	return p;
}

void physmem_init(void)
{
	uintptr_t raw;

	if (arena_base)
		return;
	raw = (uintptr_t)reserve(ARENA_BYTES + ARENA_ALIGN);
	arena_base = (raw + ARENA_ALIGN - 1) & ~(uintptr_t)(ARENA_ALIGN - 1);
	vmemmap = reserve(ARENA_PAGES * sizeof(struct page));
	/*
	 * Pages above the bump pointer are not poisoned (that would touch
	 * gigabytes of shadow); nothing can reach them: __va() only accepts
	 * addresses below the bump pointer.
	 */
}

bool physmem_contains(uintptr_t addr)
{
	return arena_base && addr >= arena_base &&
	       addr < arena_base + (bump << PAGE_SHIFT);
}

struct page *physmem_page(uintptr_t addr)
{
	return &vmemmap[(addr - arena_base) >> PAGE_SHIFT];
}

void *physmem_page_addr(const struct page *page)
{
	return (void *)(arena_base + ((uintptr_t)(page - vmemmap) << PAGE_SHIFT));
}

static void push_free(unsigned int order, unsigned long idx)
{
	struct free_stack *fs = &free_lists[order];

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 1024;
		fs->idx = realloc(fs->idx, fs->cap * sizeof(*fs->idx));
		if (!fs->idx)
			abort();
	}
	fs->idx[fs->n++] = idx;
}

struct page *physmem_alloc_block(unsigned int order)
{
	unsigned long npages = 1UL << order, idx;
	struct free_stack *fs;
	struct page *head;
	bool fs_hit = false, clean;

	physmem_init();
	if (order >= PHYSMEM_ORDERS)
		return NULL;
	fs = &free_lists[order];
	if (fs->n) {
		idx = fs->idx[--fs->n];
		fs_hit = true;
	} else {
		/* Natural alignment; the skipped pages feed the order-0 list. */
		while (bump & (npages - 1)) {
			vmemmap[bump].shim_clean = 0;
			push_free(0, bump++);
		}
		if (bump + npages > ARENA_PAGES)
			return NULL;
		idx = bump;
		bump += npages;
		if (bump > high_water)
			high_water = bump;
	}
	head = &vmemmap[idx];
	/* Only a block from a free list still holds the free pattern. */
	clean = fs_hit && head->shim_clean;
	for (unsigned long i = 0; i < npages; i++) {
		head[i] = (struct page){ .shim_state = SHIM_PAGE_TAIL };
	}
	head->shim_state = SHIM_PAGE_HEAD;
	head->shim_clean = clean;
	head->shim_order = order;
	blocks_in_use++;
	shim_unpoison(physmem_page_addr(head), npages << PAGE_SHIFT);
	return head;
}

void physmem_free_block(struct page *head, unsigned int order, bool clean)
{
	unsigned long npages = 1UL << order;
	void *addr = physmem_page_addr(head);

#ifndef SHIM_ASAN
	/*
	 * Without ASan the free pattern is what makes a use after free show.
	 * With ASan the poisoning does that, and whoever takes the block next
	 * initialises what it hands out (zero, POISON_INUSE, or POISON_FREE
	 * for a slab that is not clean), so the bytes need not be written.
	 */
	if (!clean) {
		shim_fill(addr, SHIM_POISON_FREE, npages << PAGE_SHIFT);
		clean = true;
	}
#endif
	shim_poison(addr, npages << PAGE_SHIFT);
	for (unsigned long i = 0; i < npages; i++)
		head[i].shim_state = SHIM_PAGE_FREE;
	shim_free_epoch++;
	head->shim_clean = clean;
	push_free(order, (unsigned long)(head - vmemmap));
	blocks_in_use--;
}

void physmem_reset(void)
{
	if (!arena_base)
		return;
	for (int o = 0; o < PHYSMEM_ORDERS; o++)
		free_lists[o].n = 0;
	for (unsigned long i = 0; i < bump; i++)
		vmemmap[i].shim_state = SHIM_PAGE_FREE;
	shim_free_epoch++;
	/* Previously leaked blocks are forgotten; poison everything again. */
	if (blocks_in_use)
		shim_poison((void *)arena_base, bump << PAGE_SHIFT);
	blocks_in_use = 0;
	bump = 0;
}
