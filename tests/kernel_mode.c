// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel mode (the tree's drivers/gpu/drm/msm/msm_iommu.c): the job error
 * paths of msm_gem_vma.c that end in prealloc_cleanup() must stay reachable
 * through fault injection, and each must end the way the tree's error path
 * says it will. Built only in kernel mode; tests/kernel_mode.cmake reads the
 * tree's msm_iommu.c and passes what it found:
 *
 *   test_kernel_mode error-paths original|fix-kfree|fixed
 *
 *   original   6.17's error path (no "if (!p->pages)" in cleanup): a job
 *              freed before or without its page array is a NULL dereference
 *              in msm_iommu_pagetable_prealloc_cleanup();
 *   fix-kfree  830d68f2cb8a as first merged: the array is freed with kfree()
 *              when kmem_cache_alloc_bulk() fails (kvmalloc_array() memory);
 *   fixed      every error path is clean.
 *
 * The paths: pinning the BOs fails (the driver's stand-in allocation for
 * vm_bind_job_pin_objects(), a kmalloc), kvmalloc_array() of the page
 * array fails, kmem_cache_alloc_bulk() fails.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <shim/alloc.h>
#include <shim/finding.h>

#include "../harness/driver.h"
#include "../harness/input.h"
#include "input_builder.h"
#include "check.h"

static jmp_buf recover;
static struct vmbind_options opts;
static struct vmbind_result res;

static char trace_buf[1 << 16];

/* Runs one input; the first finding's signature ("" if none), trace in trace_buf. */
static const char *run(const struct ib *b)
{
	FILE *t = fmemopen(trace_buf, sizeof(trace_buf) - 1, "w");

	memset(trace_buf, 0, sizeof(trace_buf));
	opts.trace = t;
	shim_findings_clear();
	shim_finding_set_mode(SHIM_FINDING_JUMP);
	shim_finding_set_jmpbuf(&recover);
	if (!setjmp(recover))
		vmbind_run(b->buf, b->n, &opts, &res);
	fclose(t);
	opts.trace = NULL;
	return shim_findings_first();
}

struct error_path {
	const char *name;
	unsigned int family;	/* fail_family, docs/input-format.md */
	const char *marker;	/* the driver's trace line for this path */
	const char *expect[3];	/* original, fix-kfree, fixed: signature prefix or "" */
};

static const char sig_cleanup[] =
	"null-deref msm_iommu_pagetable_prealloc_cleanup drivers/gpu/drm/msm/msm_iommu.c:";
static const char sig_kfree[] =
	"wrong-allocator msm_iommu_pagetable_prealloc_allocate drivers/gpu/drm/msm/msm_iommu.c:";

static const struct error_path paths[] = {
	{ "pin", 1, "pinning the job's objects failed", { sig_cleanup, "", "" } },
	{ "page-array", 2, "prealloc_allocate failed", { sig_cleanup, "", "" } },
	{ "bulk", 3, "prealloc_allocate failed", { "", sig_kfree, "" } },
};

static void case_error_paths(int variant)
{
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		const struct error_path *p = &paths[i];
		const char *want = p->expect[variant];
		unsigned int n;

		/* The Nth allocation of the family: the first one inside the job. */
		for (n = 1; n <= 64; n++) {
			struct ib b;
			const char *sig;

			ib_header(&b, 48, 0, n, p->family);
			ib_op(&b, OP_MAP, 0, A_START, 0, 0, R_PAGES, 15, 0, 0);
			sig = run(&b);
			if (strstr(trace_buf, "vm_create failed"))
				continue;	/* VM creation took this failure */
			/* A finding inside allocate comes before the marker. */
			if (!strstr(trace_buf, p->marker) &&
			    !(*want && !strncmp(sig, want, strlen(want)))) {
				CHECK(0, "%s: allocation %u of family %u failed inside the job but not on this path; trace:\n%s",
				      p->name, n, p->family, trace_buf);
				break;
			}
			if (*want)
				CHECK(!strncmp(sig, want, strlen(want)),
				      "%s (fail_nth %u): expected '%s...', got '%s'",
				      p->name, n, want, *sig ? sig : "no finding");
			else
				CHECK(!*sig, "%s (fail_nth %u): expected no finding, got '%s'",
				      p->name, n, sig);
			printf("%s: fail_nth %u, family %u: %s\n", p->name, n,
			       p->family, *sig ? sig : "no finding");
			break;
		}
		CHECK(n <= 64, "%s: no allocation of family %u reached the job",
		      p->name, p->family);
	}
}

int main(int argc, char **argv)
{
	static const char *const variants[] = { "original", "fix-kfree", "fixed" };
	int variant = -1;

	if (argc == 3 && !strcmp(argv[1], "error-paths"))
		for (int v = 0; v < 3; v++)
			if (!strcmp(argv[2], variants[v]))
				variant = v;
	if (variant < 0) {
		fprintf(stderr, "usage: %s error-paths original|fix-kfree|fixed\n",
			argv[0]);
		return 2;
	}
	vmbind_options_default(&opts);
	if (strcmp(opts.backend->name, "kernel")) {
		fprintf(stderr, "backend is '%s', not kernel mode\n",
			opts.backend->name);
		return 1;
	}
	printf("tree's error path: %s\n", variants[variant]);
	shim_finding_set_quiet(1);
	case_error_paths(variant);
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("ok\n");
	return 0;
}
