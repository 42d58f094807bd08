// SPDX-License-Identifier: GPL-2.0-only
/*
 * The KUnit shim on a suite of its own: passing and failing expectations,
 * assertions that end a case, skips, parameterised cases, init/exit order,
 * and managed resources (kunit_kzalloc, actions, devices) released after
 * each case. The suite is run twice, once per filter, and the totals are
 * checked against what the cases are written to do.
 */
#include <stdio.h>
#include <string.h>

#include <kunit/device.h>
#include <kunit/test.h>
#include <shim/alloc.h>
#include <shim/finding.h>
#include "check.h"

static int trace[64], ntrace;
static int action_calls;
static int after_assert_reached;

static void note(int v)
{
	if (ntrace < 64)
		trace[ntrace++] = v;
}

static int suite_init_fn(struct kunit_suite *suite)
{
	note(1);
	return 0;
}

static void suite_exit_fn(struct kunit_suite *suite)
{
	note(9);
}

static int case_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, 32, GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void case_exit(struct kunit *test)
{
	note(5);
}

static void count_action(void *ctx)
{
	action_calls += *(int *)ctx;
}

static void pass_case(struct kunit *test)
{
	static int one = 1;
	struct device *dev;
	char *s;

	KUNIT_EXPECT_NOT_NULL(test, test->priv);
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
	KUNIT_EXPECT_NE(test, 1, 2);
	KUNIT_EXPECT_LT(test, 1, 2);
	KUNIT_EXPECT_GE(test, 2, 2);
	KUNIT_EXPECT_TRUE(test, true);
	KUNIT_EXPECT_FALSE_MSG(test, false, "never %d", 1);
	KUNIT_EXPECT_PTR_EQ(test, test, kunit_get_current_test());
	s = kunit_kstrdup(test, "kunit", GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "kunit");
	KUNIT_EXPECT_MEMEQ(test, s, "kunit", 5);
	kunit_kfree(test, s);
	dev = kunit_device_register(test, "kunit-shim-dev");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_EXPECT_STREQ(test, dev_name(dev), "kunit-shim-dev");
	KUNIT_EXPECT_EQ(test, kunit_add_action(test, count_action, &one), 0);
	KUNIT_SUCCEED(test);
}

static void expect_fail_case(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, 1, 2, "expected to fail (%s)", "shim self-test");
	KUNIT_FAIL(test, "expected to fail too");
	note(3);	/* expectations do not end the case */
}

static void assert_fail_case(struct kunit *test)
{
	static int ten = 10;

	KUNIT_EXPECT_EQ(test, kunit_add_action(test, count_action, &ten), 0);
	KUNIT_ASSERT_TRUE(test, false);
	after_assert_reached = 1;
}

static void skip_case(struct kunit *test)
{
	kunit_skip(test, "skipped on purpose");
	after_assert_reached = 1;
}

struct param {
	int v;
	const char *desc;
};

static const struct param params[] = {
	{ 2, "two" }, { 4, "four" }, { 7, "seven" },
};

KUNIT_ARRAY_PARAM_DESC(shim_params, params, desc);

static void param_case(struct kunit *test)
{
	const struct param *p = test->param_value;

	note(100 + test->param_index);
	/* "seven" fails: one failed parameter fails the case */
	KUNIT_EXPECT_EQ(test, p->v % 2, 0);
}

static struct kunit_case shim_cases[] = {
	KUNIT_CASE(pass_case),
	KUNIT_CASE(expect_fail_case),
	KUNIT_CASE(assert_fail_case),
	KUNIT_CASE(skip_case),
	KUNIT_CASE_PARAM(param_case, shim_params_gen_params),
	{},
};

static struct kunit_suite shim_suite = {
	.name = "kunit-shim-selftest",
	.suite_init = suite_init_fn,
	.suite_exit = suite_exit_fn,
	.init = case_init,
	.exit = case_exit,
	.test_cases = shim_cases,
};

static struct kunit_case other_cases[] = {
	KUNIT_CASE(pass_case),
	{},
};

static struct kunit_suite other_suite = {
	.name = "kunit-shim-other",
	.init = case_init,
	.test_cases = other_cases,
};

kunit_test_suites(&shim_suite, &other_suite);

int main(void)
{
	static const int want_trace[] = { 1, 5, 3, 5, 5, 5, 100, 5, 101, 5, 102, 5, 9 };
	struct kunit_shim_result r;
	int failed;

	shim_reset();
	failed = kunit_shim_run_all("kunit-shim-selftest", NULL, &r);
	CHECK(r.suites == 1 && r.cases == 5);
	CHECK(failed == 3 && r.failed == 3);	/* expect, assert, param */
	CHECK(r.passed == 1 && r.skipped == 1);
	CHECK(!after_assert_reached);
	CHECK(action_calls == 11);	/* pass_case's and assert_fail_case's */
	CHECK(ntrace == (int)ARRAY_SIZE(want_trace) &&
	      !memcmp(trace, want_trace, sizeof(want_trace)));
	CHECK(shim_alloc_check_leaks() == 0);

	failed = kunit_shim_run_all("kunit-shim-o*", NULL, &r);
	CHECK(failed == 0 && r.suites == 1 && r.passed == 1);
	CHECK(shim_alloc_check_leaks() == 0);

	printf("%s (%d failure(s))\n", failures ? "FAILED" : "ok", failures);
	return failures ? 1 : 0;
}
