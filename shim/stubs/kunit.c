// SPDX-License-Identifier: GPL-2.0-only
/*
 * The KUnit shim's runner: suites registered by kunit_test_suites(), run
 * case by case with KTAP output on stdout. See shim/include/kunit/test.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/slab.h>

#define KUNIT_SHIM_MAX_SUITES 64

struct kunit_shim_action {
	kunit_action_t *action;
	void *ctx;
	struct kunit_shim_action *next;
};

static struct kunit_suite *suites[KUNIT_SHIM_MAX_SUITES];
static int nsuites;

struct kunit *kunit_shim_current;

void kunit_shim_register(struct kunit_suite *const *list, int n)
{
	for (int i = 0; i < n; i++) {
		if (nsuites == KUNIT_SHIM_MAX_SUITES) {
			fprintf(stderr, "kunit shim: too many suites, %s dropped\n",
				list[i]->name);
			continue;
		}
		suites[nsuites++] = list[i];
	}
}

/* ---- failures, skipping, aborting ---- */

void __kunit_shim_abort(struct kunit *test)
{
	if (test && test->shim_abort)
		longjmp(*(jmp_buf *)test->shim_abort, 1);
	fprintf(stderr, "kunit shim: assertion failed outside a test case\n");
	abort();
}

void __kunit_shim_fail(struct kunit *test, enum kunit_assert_type type,
		       const char *file, int line, const char *cond,
		       const char *values, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	msg[0] = 0;
	if (fmt && *fmt) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
	}
	test->status = KUNIT_FAILURE;
	test->shim_failures++;
	printf(KUNIT_SUBTEST_INDENT "# %s: %s FAILED at %s:%d\n", test->name,
	       type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION", file, line);
	if (cond && *cond)
		printf(KUNIT_SUBTEST_INDENT "Expected %s, but\n", cond);
	if (values && *values)
		printf(KUNIT_SUBSUBTEST_INDENT "%s\n", values);
	if (msg[0]) {
		size_t len = strlen(msg);

		if (msg[len - 1] == '\n')
			msg[len - 1] = 0;
		printf(KUNIT_SUBTEST_INDENT "%s\n", msg);
	}
	fflush(stdout);
	if (type == KUNIT_ASSERTION)
		__kunit_shim_abort(test);
}

void kunit_shim_fail_case(struct kunit *test, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	test->status = KUNIT_FAILURE;
	test->shim_failures++;
	printf(KUNIT_SUBTEST_INDENT "# %s: %s\n", test->name, msg);
}

void __kunit_shim_mark_skipped(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	if (test->status != KUNIT_FAILURE)
		test->status = KUNIT_SKIPPED;
	va_start(ap, fmt);
	vsnprintf(test->status_comment, sizeof(test->status_comment), fmt, ap);
	va_end(ap);
}

/* ---- managed resources ---- */

int kunit_add_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
	struct kunit_shim_action *a = malloc(sizeof(*a));

	if (!a)
		return -ENOMEM;
	a->action = action;
	a->ctx = ctx;
	a->next = test->shim_actions;
	test->shim_actions = a;
	return 0;
}

int kunit_add_action_or_reset(struct kunit *test, kunit_action_t *action,
			      void *ctx)
{
	int ret = kunit_add_action(test, action, ctx);

	if (ret)
		action(ctx);
	return ret;
}

static struct kunit_shim_action *unlink_action(struct kunit *test,
					       kunit_action_t *action,
					       void *ctx)
{
	for (struct kunit_shim_action **pp = &test->shim_actions; *pp;
	     pp = &(*pp)->next) {
		struct kunit_shim_action *a = *pp;

		if (a->action == action && a->ctx == ctx) {
			*pp = a->next;
			return a;
		}
	}
	return NULL;
}

void kunit_remove_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
	free(unlink_action(test, action, ctx));
}

void kunit_release_action(struct kunit *test, kunit_action_t *action,
			  void *ctx)
{
	struct kunit_shim_action *a = unlink_action(test, action, ctx);

	if (a) {
		a->action(a->ctx);
		free(a);
	}
}

/* Last added, first released, as the kernel does. */
static void release_all(struct kunit *test)
{
	while (test->shim_actions) {
		struct kunit_shim_action *a = test->shim_actions;

		test->shim_actions = a->next;
		a->action(a->ctx);
		free(a);
	}
}

struct kunit_shim_alloc {
	void *ptr;
	const struct shim_site *site;
};

static void release_alloc(void *ctx)
{
	struct kunit_shim_alloc *a = ctx;

	shim_kfree(a->ptr, a->site);
	free(a);
}

void *__kunit_shim_kmalloc(struct kunit *test, size_t size, gfp_t gfp,
			   const struct shim_site *site)
{
	struct kunit_shim_alloc *a;
	void *p = shim_kmalloc(size, gfp, site);

	if (ZERO_OR_NULL_PTR(p))
		return p;
	a = malloc(sizeof(*a));
	if (!a) {
		shim_kfree(p, site);
		return NULL;
	}
	a->ptr = p;
	a->site = site;
	if (kunit_add_action(test, release_alloc, a)) {
		release_alloc(a);
		return NULL;
	}
	return p;
}

void __kunit_shim_kfree(struct kunit *test, const void *ptr,
			const struct shim_site *site)
{
	if (ZERO_OR_NULL_PTR(ptr))
		return;
	for (struct kunit_shim_action *a = test->shim_actions; a; a = a->next) {
		struct kunit_shim_alloc *al = a->ctx;

		if (a->action == release_alloc && al->ptr == ptr) {
			al->site = site;
			kunit_release_action(test, release_alloc, al);
			return;
		}
	}
	/* Not a kunit allocation: let the allocator report it. */
	shim_kfree(ptr, site);
}

struct kunit_shim_device {
	struct device dev;
	char name[64];
	const struct shim_site *site;
};

static void release_device(void *ctx)
{
	struct kunit_shim_device *d = ctx;

	shim_kfree(d, d->site);
}

struct device *__kunit_shim_device_register(struct kunit *test,
					    const char *name,
					    const struct shim_site *site)
{
	struct kunit_shim_device *d;

	d = shim_kmalloc(sizeof(*d), GFP_KERNEL | __GFP_ZERO, site);
	if (!d)
		return ERR_PTR(-ENOMEM);
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->dev.init_name = d->name;
	d->dev.numa_node = NUMA_NO_NODE;
	d->site = site;
	if (kunit_add_action_or_reset(test, release_device, d))
		return ERR_PTR(-ENOMEM);
	return &d->dev;
}

void kunit_device_unregister(struct kunit *test, struct device *dev)
{
	kunit_release_action(test, release_device,
			     container_of(dev, struct kunit_shim_device, dev));
}

/* ---- the runner ---- */

static bool name_matches(const char *filter, const char *name)
{
	size_t n;

	if (!filter || !*filter)
		return true;
	/* "suite" or a "prefix*" glob */
	n = strlen(filter);
	if (filter[n - 1] == '*')
		return !strncmp(filter, name, n - 1);
	return !strcmp(filter, name);
}

static const char *status_word(enum kunit_status s)
{
	return s == KUNIT_FAILURE ? "not ok" : "ok";
}

/* One run of a case: init, the case, exit, resources. */
static void run_one(struct kunit_suite *suite, struct kunit_case *c,
		    struct kunit *test, void (*after_case)(struct kunit *test))
{
	jmp_buf env;

	test->shim_abort = &env;
	kunit_shim_current = test;
	if (!setjmp(env)) {
		if (suite->init && suite->init(test)) {
			kunit_shim_fail_case(test, "suite init() failed");
		} else {
			c->run_case(test);
		}
	}
	/* exit() runs even after a failed assertion, as in the kernel. */
	if (suite->exit && !setjmp(env))
		suite->exit(test);
	test->shim_abort = NULL;
	release_all(test);
	kunit_shim_current = NULL;
	if (after_case)
		after_case(test);
}

static void print_result(int depth, enum kunit_status s, int index,
			 const char *name, const char *comment)
{
	printf("%s%s %d %s", depth ? KUNIT_SUBTEST_INDENT : "", status_word(s),
	       index, name);
	if (s == KUNIT_SKIPPED)
		printf(" # SKIP %s", comment);
	printf("\n");
	fflush(stdout);
}

static enum kunit_status run_case(struct kunit_suite *suite,
				  struct kunit_case *c,
				  void (*after_case)(struct kunit *test),
				  char *comment, size_t comment_len)
{
	static struct kunit test;
	char desc[KUNIT_PARAM_DESC_SIZE];
	enum kunit_status status = KUNIT_SKIPPED;
	bool any_run = false;
	const void *param = NULL;
	int index = 0;

	if (!c->generate_params) {
		test = (struct kunit){ .name = c->name };
		run_one(suite, c, &test, after_case);
		snprintf(comment, comment_len, "%s", test.status_comment);
		return test.status;
	}

	printf(KUNIT_SUBSUBTEST_INDENT "KTAP version 1\n");
	printf(KUNIT_SUBSUBTEST_INDENT "# Subtest: %s\n", c->name);
	test = (struct kunit){ .name = c->name };
	desc[0] = 0;
	param = c->generate_params(&test, NULL, desc);
	while (param) {
		test = (struct kunit){ .param_value = param, .param_index = index };
		snprintf(test.shim_name, sizeof(test.shim_name), "%s",
			 desc[0] ? desc : c->name);
		test.name = test.shim_name;
		run_one(suite, c, &test, after_case);
		printf(KUNIT_SUBTEST_INDENT);
		print_result(1, test.status, index + 1,
			     desc[0] ? desc : "param", test.status_comment);
		any_run = true;
		if (test.status == KUNIT_FAILURE)
			status = KUNIT_FAILURE;
		else if (test.status == KUNIT_SUCCESS && status != KUNIT_FAILURE)
			status = KUNIT_SUCCESS;
		index++;
		desc[0] = 0;
		test.name = c->name;
		param = c->generate_params(&test, param, desc);
	}
	return any_run ? status : KUNIT_SKIPPED;
}

int kunit_shim_run_all(const char *filter, void (*after_case)(struct kunit *test),
		       struct kunit_shim_result *result)
{
	struct kunit_shim_result r = { 0 };
	int nrun = 0;

	for (int i = 0; i < nsuites; i++)
		if (name_matches(filter, suites[i]->name))
			nrun++;
	printf("KTAP version 1\n1..%d\n", nrun);
	nrun = 0;
	for (int i = 0; i < nsuites; i++) {
		struct kunit_suite *suite = suites[i];
		enum kunit_status suite_status = KUNIT_SKIPPED;
		int ncases = 0, idx = 0;

		if (!name_matches(filter, suite->name))
			continue;
		r.suites++;
		for (struct kunit_case *c = suite->test_cases; c->run_case; c++)
			ncases++;
		printf(KUNIT_SUBTEST_INDENT "KTAP version 1\n");
		printf(KUNIT_SUBTEST_INDENT "# Subtest: %s\n", suite->name);
		printf(KUNIT_SUBTEST_INDENT "1..%d\n", ncases);
		suite->suite_init_err = suite->suite_init ? suite->suite_init(suite) : 0;
		for (struct kunit_case *c = suite->test_cases; c->run_case; c++) {
			char comment[256] = "";
			enum kunit_status s;

			idx++;
			r.cases++;
			if (suite->suite_init_err) {
				s = KUNIT_FAILURE;
				printf(KUNIT_SUBTEST_INDENT "# %s: suite_init() failed (%d)\n",
				       c->name, suite->suite_init_err);
			} else {
				s = run_case(suite, c, after_case, comment,
					     sizeof(comment));
			}
			c->status = s;
			print_result(1, s, idx, c->name, comment);
			if (s == KUNIT_FAILURE) {
				r.failed++;
				suite_status = KUNIT_FAILURE;
			} else if (s == KUNIT_SKIPPED) {
				r.skipped++;
			} else {
				r.passed++;
				if (suite_status != KUNIT_FAILURE)
					suite_status = KUNIT_SUCCESS;
			}
		}
		if (suite->suite_exit && !suite->suite_init_err)
			suite->suite_exit(suite);
		print_result(0, suite_status, ++nrun, suite->name, "");
	}
	printf("# Totals: pass:%d fail:%d skip:%d total:%d\n", r.passed,
	       r.failed, r.skipped, r.cases);
	fflush(stdout);
	if (result)
		*result = r;
	return r.failed;
}
