// SPDX-License-Identifier: GPL-2.0-only
/*
 * The variant switch of the test build (vmbind_seed_variants): test
 * programs set seed_variant; the variant binaries of tests/ read it from
 * VMBIND_VARIANT (seed_variant_from_env).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seed_variant.h"

enum seed_variant_id seed_variant = SEED_AS_POSTED;

static const char *const variant_names[SEED_VARIANT_NR] = {
	[SEED_AS_POSTED] = "as-posted",
	[SEED_FIXED] = "fixed",
	[SEED_BROKEN_COUNT_NO_L3] = "broken-count-no-l3",
	[SEED_BROKEN_CLEANUP_WRONG_RANGE] = "broken-cleanup-wrong-range",
	[SEED_BROKEN_ALLOC_NO_ZERO] = "broken-alloc-no-zero",
	[SEED_BROKEN_CLEANUP_KEEPS_UNUSED] = "broken-cleanup-keeps-unused",
	[SEED_BROKEN_FREE_ROOT_TO_CACHE] = "broken-free-root-to-cache",
	[SEED_BROKEN_MAP_IGNORES_OFFSET] = "broken-map-ignores-offset",
	[SEED_BROKEN_FIX_NO_CLEAR] = "broken-fix-no-clear",
	[SEED_BROKEN_FIX_KFREE] = "broken-fix-kfree",
};

const char *seed_variant_name(enum seed_variant_id v)
{
	return v < SEED_VARIANT_NR ? variant_names[v] : "?";
}

int seed_variant_parse(const char *name)
{
	for (int v = 0; v < SEED_VARIANT_NR; v++)
		if (!strcmp(name, variant_names[v]))
			return v;
	return -1;
}

/*
 * Before main(): the engines' set-up rejects VMBIND_VARIANT in binaries
 * without variants, so it is consumed (unset) here.
 */
__attribute__((constructor)) static void seed_variant_from_env(void)
{
	const char *v = getenv("VMBIND_VARIANT");
	int var;

	if (!v)
		return;
	if (*v) {
		var = seed_variant_parse(v);
		if (var < 0) {
			fprintf(stderr, "vmbind: unknown VMBIND_VARIANT '%s'; one of:", v);
			for (int i = 0; i < SEED_VARIANT_NR; i++)
				fprintf(stderr, " %s", seed_variant_name(i));
			fprintf(stderr, "\n");
			exit(2);
		}
		seed_variant = var;
		fprintf(stderr, "vmbind: seed variant %s\n", v);
	}
	unsetenv("VMBIND_VARIANT");
}
