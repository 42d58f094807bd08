/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Variants of the seed rendition. SEED_AS_POSTED is what the fuzzer runs by
 * default; SEED_FIXED adds the upstream error-path fixes (kvmalloc_array,
 * NULL-safe cleanup) and fixes for the other findings (unchecked
 * kmem_cache_create, WARN on huge user-sized arrays, u32 count wrap); the
 * rest are
 * deliberately broken, test-only variants that prove each oracle fires.
 * Variants are chosen by the tests and tools/bench, never by fuzz input,
 * and exist only in the test build (VMBIND_SEED_VARIANTS).
 */
#ifndef _VMBIND_SEED_VARIANT_H
#define _VMBIND_SEED_VARIANT_H

enum seed_variant_id {
	SEED_AS_POSTED,
	SEED_FIXED,
	SEED_BROKEN_COUNT_NO_L3,	/* prealloc_count forgets the 2 MiB level */
	SEED_BROKEN_CLEANUP_WRONG_RANGE, /* returns pages[0..] instead of pages[ptr..] */
	SEED_BROKEN_ALLOC_NO_ZERO,	/* alloc_pt hands out a page without memset */
	SEED_BROKEN_CLEANUP_KEEPS_UNUSED, /* cleanup frees the array, not the pages */
	SEED_BROKEN_FREE_ROOT_TO_CACHE,	/* free_pt gives the root to the cache */
	SEED_BROKEN_MAP_IGNORES_OFFSET,	/* map ignores the BO offset */
	SEED_BROKEN_FIX_NO_CLEAR,	/* error fix frees the array, keeps the pointer */
	SEED_BROKEN_FIX_KFREE,		/* error fix with kfree() of kvmalloc memory */
	SEED_VARIANT_NR,
};

#ifdef VMBIND_SEED_VARIANTS
/* Test build (vmbind_seed_variants, seed_variant.c). */
extern enum seed_variant_id seed_variant;
#else
/* The fuzz and repro binaries: the seed as posted, variant code folded away. */
#define seed_variant SEED_AS_POSTED
#endif

const char *seed_variant_name(enum seed_variant_id v);
/* Returns the variant with this name, or -1. */
int seed_variant_parse(const char *name);

#endif
