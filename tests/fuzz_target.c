// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests of the fuzz target: every oracle fires on a deliberately broken
 * variant of the seed rendition, the as-posted seed's error-path bug is
 * found, correct inputs give no finding, the decoder is total and runs are
 * deterministic. Usage: test_fuzz_target CASE
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <shim/finding.h>
#include <shim/warn.h>

#include "../harness/driver.h"
#include "oracles.h"
#include "seed_variant.h"
#include "input_builder.h"
#include "check.h"

static jmp_buf recover;
static struct vmbind_options opts;
static struct vmbind_result res;

/* Runs one input; returns the first finding's signature ("" if none). */
static const char *run(const struct ib *b, enum seed_variant_id v,
		       unsigned int oracles)
{
	seed_variant = v;
	opts.oracles = oracles;
	shim_findings_clear();
	shim_finding_set_mode(SHIM_FINDING_JUMP);
	shim_finding_set_jmpbuf(&recover);
	if (!setjmp(recover))
		vmbind_run(b->buf, b->n, &opts, &res);
	return shim_findings_first();
}

static int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

#define EXPECT_FINDING(sig, prefix) \
	CHECK(starts_with(sig, prefix), "expected a finding starting with '%s', got '%s'", prefix, sig)
#define EXPECT_CLEAN(sig) CHECK(!*(sig), "expected no finding, got '%s'", sig)

/* One job mapping 16 pages of BO 0 at the start of a 48-bit VM. */
static void input_one_map(struct ib *b)
{
	ib_header(b, 48, 0, 0, 0);
	ib_op(b, OP_MAP, 0, A_START, 0, 0, R_PAGES, 15, 0, 0);
}

/* Two jobs; the second maps into tables the first created: all its reserve is unused. */
static void input_reuse_tables(struct ib *b)
{
	input_one_map(b);
	ib_end_job(b);
	ib_op(b, OP_MAP, 1, A_START, 32, 0, R_PAGES, 15, 0, 0);
}

/* A mix of everything that must be clean on a correct implementation. */
static void input_mix(struct ib *b, unsigned int ias, int noncoherent)
{
	ib_header(b, ias, noncoherent, 0, 0);
	ib_bo(b, 1, 22, 7, 2, 0x0b);	/* alternating, ascending with gaps, misaligned */
	ib_bo(b, 2, 12, 3, 0, 0x04);	/* descending, 1-page entries */
	/* across a 2 MiB boundary */
	ib_op(b, OP_MAP, 0, A_2M, 3, -4, R_PAGES, 7, 0, 0);
	/* across a 1 GiB boundary, offset into the BO */
	ib_op(b, OP_MAP, 1, A_1G, 1, -3, R_PAGES, 9, 0, 77);
	ib_end_job(b);
	/* overlapping map: splits the first mapping */
	ib_op(b, OP_MAP, 2, A_2M, 3, -2, R_PAGES, 1, 0, 5);
	/* partial unmap of the second */
	ib_op(b, OP_UNMAP, 0, A_1G, 1, -1, R_PAGES, 0, 0, 0);
	/* MAP_NULL across a 2 MiB boundary */
	ib_op(b, OP_MAP_NULL, 0, A_2M, 9, -1, R_PAGES, 3, 0, 0);
	ib_end_job(b);
	/* near the top of the VA space */
	ib_op(b, OP_MAP, 0, A_TOP, 4, 0, R_PAGES, 40, 0, 0);
	/* unmap a range containing holes and mappings */
	ib_op(b, OP_UNMAP, 0, A_2M, 3, -8, R_PAGES, 30, 0, 0);
	/* in-place remap of an identical mapping */
	ib_op(b, OP_MAP, 0, A_TOP, 4, 0, R_PAGES, 40, 0, 0);
}

static void case_clean(void)
{
	struct ib b;

	input_one_map(&b);
	EXPECT_CLEAN(run(&b, SEED_AS_POSTED, VMBIND_ORACLE_ALL));
	CHECK(res.jobs_run == 1 && res.reserved_total == 3 &&
		      res.needed_total == 3 && res.used_total == 3,
	      "one map: run %u reserved %llu needed %llu used %llu", res.jobs_run,
	      (unsigned long long)res.reserved_total,
	      (unsigned long long)res.needed_total,
	      (unsigned long long)res.used_total);
	input_reuse_tables(&b);
	EXPECT_CLEAN(run(&b, SEED_AS_POSTED, VMBIND_ORACLE_ALL));
	CHECK(res.jobs_run == 2 && res.reserved_total == 6 && res.used_total == 3,
	      "reuse: run %u reserved %llu used %llu", res.jobs_run,
	      (unsigned long long)res.reserved_total,
	      (unsigned long long)res.used_total);
	for (unsigned int ias = 36; ias <= 48; ias += 3) {
		for (int nc = 0; nc <= 1; nc++) {
			input_mix(&b, ias, nc);
			EXPECT_CLEAN(run(&b, SEED_AS_POSTED, VMBIND_ORACLE_ALL));
			CHECK(res.jobs_run == 3, "mix ias %u: %u jobs run", ias,
			      res.jobs_run);
			CHECK(res.pages_mapped > 0 && res.pages_unmapped > 0,
			      "mix ias %u: nothing mapped/unmapped", ias);
		}
	}
}

/* Oracle 5: a count that misses the L3 level is caught at prepare time. */
static void case_reservation(void)
{
	struct ib b;

	input_one_map(&b);
	EXPECT_FINDING(run(&b, SEED_BROKEN_COUNT_NO_L3, VMBIND_ORACLE_ALL),
		       "reservation-short prealloc_count targets/seed/seed_msm.c:");
}

/* Oracle 1: with oracle 5 off, the same bug drains the pool. */
static void case_pool_dry(void)
{
	struct ib b;

	input_one_map(&b);
	EXPECT_FINDING(run(&b, SEED_BROKEN_COUNT_NO_L3,
			   VMBIND_ORACLE_ALL & ~VMBIND_ORACLE_RESERVATION),
		       "pool-dry seed_alloc_pt targets/seed/seed_msm.c:");
}

/* Oracle 2: unused reserved pages not returned. */
static void case_conservation(void)
{
	struct ib b;

	input_reuse_tables(&b);
	EXPECT_FINDING(run(&b, SEED_BROKEN_CLEANUP_KEEPS_UNUSED, VMBIND_ORACLE_ALL),
		       "conservation vmbind_job harness/oracles.c:");
}

/* Oracle 3: the shim's detectors at the end of the input. */
static void case_shim(void)
{
	struct ib b;

	/* leak: the kept pages are still in the cache when it is destroyed */
	input_reuse_tables(&b);
	EXPECT_FINDING(run(&b, SEED_BROKEN_CLEANUP_KEEPS_UNUSED, VMBIND_ORACLE_SHIM),
		       "cache-destroy-live seed_iommu_destroy targets/seed/seed_msm.c:");
	/* use after free: cleanup returns pages that are live tables */
	ib_header(&b, 48, 0, 0, 0);
	ib_op(&b, OP_MAP, 0, A_START, 0, 0, R_PAGES, 0, 0, 0);
	ib_op(&b, OP_MAP, 0, A_1G, 7, 0, R_PAGES, 0, 0, 0);
	ib_op(&b, OP_UNMAP, 0, A_1G, 7, 0, R_PAGES, 0, 0, 0);
	ib_op(&b, OP_MAP, 0, A_1G, 7, 0, R_PAGES, 0, 0, 0);
	EXPECT_FINDING(run(&b, SEED_BROKEN_CLEANUP_WRONG_RANGE, VMBIND_ORACLE_SHIM),
		       "bad-pte-deref ");
	/* wrong allocator: the root page given to the kmem_cache */
	input_one_map(&b);
	EXPECT_FINDING(run(&b, SEED_BROKEN_FREE_ROOT_TO_CACHE, VMBIND_ORACLE_ALL),
		       "wrong-allocator seed_free_pt targets/seed/seed_msm.c:");
	/* double free: error path frees the array and keeps the pointer */
	ib_header(&b, 48, 0, 1, 3);	/* first kmem_cache object allocation fails */
	ib_op(&b, OP_MAP, 0, A_START, 0, 0, R_PAGES, 15, 0, 0);
	EXPECT_FINDING(run(&b, SEED_BROKEN_FIX_NO_CLEAR, VMBIND_ORACLE_ALL),
		       "double-free seed_prealloc_cleanup targets/seed/seed_msm.c:");
	/* the fix's first version: kfree() of kvmalloc_array() memory */
	EXPECT_FINDING(run(&b, SEED_BROKEN_FIX_KFREE, VMBIND_ORACLE_ALL),
		       "wrong-allocator seed_prealloc_allocate targets/seed/seed_msm.c:");
	/* and the real fix is clean */
	EXPECT_CLEAN(run(&b, SEED_FIXED, VMBIND_ORACLE_ALL));
}

/* Oracle 4: the shadow model catches a map that ignores the BO offset. */
static void case_shadow(void)
{
	struct ib b;

	ib_header(&b, 40, 0, 0, 0);
	ib_op(&b, OP_MAP, 0, A_START, 0, 0, R_PAGES, 3, 0, 9);
	EXPECT_FINDING(run(&b, SEED_BROKEN_MAP_IGNORES_OFFSET, VMBIND_ORACLE_ALL),
		       "shadow-mismatch iova_to_phys harness/oracles.c:");
	/* alloc_pt without zeroing: stale slab content looks like a table */
	input_one_map(&b);
	EXPECT_FINDING(run(&b, SEED_BROKEN_ALLOC_NO_ZERO, VMBIND_ORACLE_ALL),
		       "bad-pte-deref __arm_lpae_map drivers/iommu/io-pgtable-arm.c:");
}

/* The seed's real error-path bug, found through fault injection. */
static void case_seed_bug(void)
{
	struct ib b;
	int found = 0;

	for (unsigned int n = 1; n <= 12; n++) {
		const char *sig;

		ib_header(&b, 48, 0, n, 0);
		ib_op(&b, OP_MAP, 0, A_START, 0, 0, R_PAGES, 15, 0, 0);
		sig = run(&b, SEED_AS_POSTED, VMBIND_ORACLE_ALL);
		if (starts_with(sig, "null-deref seed_prealloc_cleanup targets/seed/seed_msm.c:"))
			found++;
		/* every allocation failure is handled by the fixed variant */
		EXPECT_CLEAN(run(&b, SEED_FIXED, VMBIND_ORACLE_ALL));
	}
	CHECK(found == 1, "the kcalloc failure must be the one NULL dereference (found %d)",
	      found);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Every byte string decodes and runs; correct code gives no finding. */
static void case_random(void)
{
	struct ib b;
	unsigned int clean = 0, n = 1500;

	for (unsigned int i = 0; i < n; i++) {
		const char *sig;

		b.n = rng() % sizeof(b.buf);
		for (size_t k = 0; k < b.n; k++)
			b.buf[k] = (uint8_t)rng();
		/* bias a third of them towards few jobs with small ranges */
		if (i % 3 == 0)
			for (size_t k = 16; k + 16 <= b.n; k += 16)
				b.buf[k + 1] &= 0x07;
		sig = run(&b, SEED_FIXED, VMBIND_ORACLE_ALL);
		CHECK(!*sig, "random input %u (%zu bytes): %s", i, b.n, sig);
		if (!*sig)
			clean++;
	}
	printf("random inputs: %u/%u clean with the fixed variant\n", clean, n);
}

/* Same input, same verdict and figures, whatever ran before it. */
static void case_determinism(void)
{
	struct ib a, other;
	struct vmbind_result first;

	input_mix(&a, 44, 1);
	EXPECT_CLEAN(run(&a, SEED_AS_POSTED, VMBIND_ORACLE_ALL));
	first = res;
	input_reuse_tables(&other);
	run(&other, SEED_BROKEN_CLEANUP_KEEPS_UNUSED, VMBIND_ORACLE_ALL);
	EXPECT_CLEAN(run(&a, SEED_AS_POSTED, VMBIND_ORACLE_ALL));
	CHECK(!memcmp(&first, &res, sizeof(res)), "figures differ between runs");
	input_one_map(&a);
	const char *s1 = run(&a, SEED_BROKEN_COUNT_NO_L3, VMBIND_ORACLE_ALL);
	char keep[SHIM_SIGNATURE_MAX];

	snprintf(keep, sizeof(keep), "%s", s1);
	run(&other, SEED_AS_POSTED, VMBIND_ORACLE_ALL);
	CHECK(!strcmp(keep, run(&a, SEED_BROKEN_COUNT_NO_L3, VMBIND_ORACLE_ALL)),
	      "signature changed between runs");
}

/* VMBIND_ORACLES: names, "all", "none", "-name"; an unknown name is refused. */
static void case_oracle_names(void)
{
	static const struct {
		const char *list;
		int ret;
		unsigned int mask;
	} t[] = {
		{ "all", 0, VMBIND_ORACLE_ALL },
		{ "none", 0, 0 },
		{ "shadow,gpu-view", 0, VMBIND_ORACLE_SHADOW | VMBIND_ORACLE_GPU_VIEW },
		{ "all,-gpu-view", 0, VMBIND_ORACLE_ALL & ~VMBIND_ORACLE_GPU_VIEW },
		{ "pool-dry,conservation,shim,reservation", 0,
		  VMBIND_ORACLE_POOL_DRY | VMBIND_ORACLE_CONSERVATION |
		  VMBIND_ORACLE_SHIM | VMBIND_ORACLE_RESERVATION },
		{ "shadow,bogus", -1, 0 },
		{ "shado", -1, 0 },
		{ "63", -1, 0 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		unsigned int mask = 0;
		const char *bad = NULL;
		int ret = oracle_parse_list(t[i].list, &mask, &bad);

		CHECK(ret == t[i].ret, "'%s': returned %d", t[i].list, ret);
		if (!ret)
			CHECK(mask == t[i].mask, "'%s': mask %#x, want %#x",
			      t[i].list, mask, t[i].mask);
		else
			CHECK(bad && strstr(t[i].list, bad), "'%s': no offending name",
			      t[i].list);
	}
	/* Every oracle's name is listed, and parses to its bit alone. */
	CHECK(!strcmp(oracle_names(), "pool-dry conservation shim shadow reservation gpu-view"),
	      "names: %s", oracle_names());
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "clean", case_clean },
	{ "reservation", case_reservation },
	{ "pool-dry", case_pool_dry },
	{ "conservation", case_conservation },
	{ "shim", case_shim },
	{ "shadow", case_shadow },
	{ "seed-bug", case_seed_bug },
	{ "random", case_random },
	{ "determinism", case_determinism },
	{ "oracle-names", case_oracle_names },
};

int main(int argc, char **argv)
{
	vmbind_options_default(&opts);
	opts.backend = &vmbind_backend_seed;
	shim_finding_set_quiet(argc > 2 ? 0 : 1);
	size_t ran = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (argc < 2 || !strcmp(argv[1], cases[i].name)) {
			cases[i].fn();
			ran++;
			if (argc >= 2)
				break;
		}
	}
	if (!ran) {
		fprintf(stderr, "unknown case '%s'; the cases:", argv[1]);
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			fprintf(stderr, " %s", cases[i].name);
		fprintf(stderr, "\n");
		return 2;
	}
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
