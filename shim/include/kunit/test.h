/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: a minimal KUnit, enough to run the kernel's KUnit suites (such as
 * drivers/iommu/io-pgtable-arm-selftests.c) in a userspace process.
 *
 * kunit_test_suites() registers suites from a constructor; a runner calls
 * kunit_shim_run_all() (shim/stubs/kunit.c), which runs every case (every
 * parameter of parameterised ones) with KTAP output on stdout. EXPECT
 * failures mark the case failed and continue; ASSERT failures and
 * kunit_skip() end the case (longjmp), as a kthread exit does in the kernel.
 * Managed resources (kunit_kmalloc(), kunit_add_action(), kunit devices) are
 * released after the case's exit().
 */
#ifndef _SHIM_KUNIT_TEST_H
#define _SHIM_KUNIT_TEST_H

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <shim/site.h>

#define KUNIT_PARAM_DESC_SIZE 128
#define KUNIT_LOG_SIZE 2048
#define KUNIT_SUBTEST_INDENT "    "
#define KUNIT_SUBSUBTEST_INDENT "        "

enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

enum kunit_speed {
	KUNIT_SPEED_UNSET,
	KUNIT_SPEED_VERY_SLOW,
	KUNIT_SPEED_SLOW,
	KUNIT_SPEED_NORMAL,
	KUNIT_SPEED_MAX = KUNIT_SPEED_NORMAL,
};

struct kunit_attributes {
	enum kunit_speed speed;
};

struct kunit;

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(struct kunit *test, const void *prev,
				       char *desc);
	struct kunit_attributes attr;
	/* set by the runner */
	enum kunit_status status;
	char *module_name;
};

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
	struct kunit_attributes attr;
	/* set by the runner */
	char status_comment[256];
	int suite_init_err;
	bool is_init;
};

struct kunit_shim_action;

struct kunit {
	void *priv;
	const char *name;
	enum kunit_status status;
	char status_comment[256];
	const void *param_value;
	int param_index;
	/* shim */
	void *shim_abort;		/* jmp_buf of the running case */
	struct kunit_shim_action *shim_actions;
	unsigned long shim_failures;
	char shim_name[256 + KUNIT_PARAM_DESC_SIZE];
};

#define KUNIT_CASE(test_name) { .run_case = test_name, .name = #test_name }
#define KUNIT_CASE_ATTR(test_name, attributes) \
	{ .run_case = test_name, .name = #test_name, .attr = attributes }
#define KUNIT_CASE_SLOW(test_name) \
	{ .run_case = test_name, .name = #test_name, \
	  .attr.speed = KUNIT_SPEED_SLOW }
#define KUNIT_CASE_PARAM(test_name, gen_params) \
	{ .run_case = test_name, .name = #test_name, \
	  .generate_params = gen_params }
#define KUNIT_CASE_PARAM_ATTR(test_name, gen_params, attributes) \
	{ .run_case = test_name, .name = #test_name, \
	  .generate_params = gen_params, .attr = attributes }

/* ---- registration ---- */

void kunit_shim_register(struct kunit_suite *const *suites, int n);

#define __KUNIT_CAT2(a, b) a##b
#define __KUNIT_CAT(a, b) __KUNIT_CAT2(a, b)
#define __KUNIT_UNIQUE(prefix) __KUNIT_CAT(prefix, __COUNTER__)

#define __kunit_test_suites_reg(array, ctor, ...)                           \
	static struct kunit_suite *const array[] = { __VA_ARGS__ };         \
	static void __attribute__((constructor)) ctor(void)                 \
	{                                                                   \
		kunit_shim_register(array, ARRAY_SIZE(array));              \
	}
#define __kunit_test_suites(id, ...) \
	__kunit_test_suites_reg(__KUNIT_CAT(__kunit_suites_, id), \
				__KUNIT_CAT(__kunit_register_, id), __VA_ARGS__)
#define kunit_test_suites(...) __kunit_test_suites(__COUNTER__, __VA_ARGS__)
#define kunit_test_suite(suite) kunit_test_suites(&suite)
#define kunit_test_init_section_suites(...) kunit_test_suites(__VA_ARGS__)
#define kunit_test_init_section_suite(suite) kunit_test_suites(&suite)

/* ---- runner (tests call this) ---- */

struct kunit_shim_result {
	int suites, cases, passed, failed, skipped;
};

/*
 * Runs every registered suite whose name matches filter (NULL: all).
 * after_case, if set, runs after each case's resources are released and may
 * fail it with kunit_shim_fail_case(). Returns the number of failed cases.
 */
int kunit_shim_run_all(const char *filter, void (*after_case)(struct kunit *test),
		       struct kunit_shim_result *result);
void kunit_shim_fail_case(struct kunit *test, const char *fmt, ...)
	__printf(2, 3);

/* ---- logging ---- */

#define kunit_log(lvl, test, fmt, ...) \
	((void)(test), printk(lvl fmt, ##__VA_ARGS__))
#define kunit_printk(lvl, test, fmt, ...)                                     \
	kunit_log(lvl, test, KUNIT_SUBTEST_INDENT "# %s: " fmt, (test)->name, \
		  ##__VA_ARGS__)
#define kunit_info(test, fmt, ...) kunit_printk(KERN_INFO, test, fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...) kunit_printk(KERN_WARNING, test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...) kunit_printk(KERN_ERR, test, fmt, ##__VA_ARGS__)

/* ---- expectations and assertions ---- */

enum kunit_assert_type {
	KUNIT_ASSERTION,
	KUNIT_EXPECTATION,
};

/* Records a failure; an ASSERTION does not return. fmt is "" for none. */
void __kunit_shim_fail(struct kunit *test, enum kunit_assert_type type,
		       const char *file, int line, const char *cond,
		       const char *values, const char *fmt, ...);
void __kunit_shim_abort(struct kunit *test) __noreturn;

#define __KUNIT_FAIL(test, type, cond, values, fmt, ...)                     \
	__kunit_shim_fail((test), (type), __FILE__, __LINE__, (cond), (values), \
			  fmt, ##__VA_ARGS__)

#define KUNIT_SUCCEED(test) do { (void)(test); } while (0)
#define KUNIT_FAIL(test, fmt, ...) \
	__KUNIT_FAIL(test, KUNIT_EXPECTATION, "", "", fmt, ##__VA_ARGS__)
#define KUNIT_FAIL_AND_ABORT(test, fmt, ...) \
	__KUNIT_FAIL(test, KUNIT_ASSERTION, "", "", fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_FAILURE(test, fmt, ...) \
	KUNIT_FAIL_AND_ABORT(test, fmt, ##__VA_ARGS__)

#define __KUNIT_TRUE(test, type, cond, text, expect, fmt, ...)              \
	do {                                                                \
		if (!!(cond) != (expect))                                   \
			__KUNIT_FAIL(test, type, (expect) ? text " is true" \
							  : text " is false", \
				     "", fmt, ##__VA_ARGS__);               \
	} while (0)

/* ltext/rtext: the operands as written (stringified before expansion). */
#define __KUNIT_BINARY(test, type, left, ltext, op, right, rtext, fmt, ...)  \
	do {                                                                 \
		const __typeof__(left) __left = (left);                      \
		const __typeof__(right) __right = (right);                   \
		char __vals[256];                                            \
		if (!(__left op __right)) {                                  \
			snprintf(__vals, sizeof(__vals),                     \
				 "%s == %lld (0x%llx), %s == %lld (0x%llx)", \
				 ltext, (long long)__left,                   \
				 (unsigned long long)__left, rtext,          \
				 (long long)__right,                         \
				 (unsigned long long)__right);               \
			__KUNIT_FAIL(test, type, ltext " " #op " " rtext,    \
				     __vals, fmt, ##__VA_ARGS__);            \
		}                                                            \
	} while (0)

#define __KUNIT_PTR(test, type, left, ltext, op, right, rtext, fmt, ...)     \
	do {                                                                 \
		const void *__left = (const void *)(left);                   \
		const void *__right = (const void *)(right);                 \
		char __vals[256];                                            \
		if (!(__left op __right)) {                                  \
			snprintf(__vals, sizeof(__vals), "%s == %p, %s == %p", \
				 ltext, __left, rtext, __right);             \
			__KUNIT_FAIL(test, type, ltext " " #op " " rtext,    \
				     __vals, fmt, ##__VA_ARGS__);            \
		}                                                            \
	} while (0)

#define __KUNIT_STR(test, type, left, ltext, op, right, rtext, fmt, ...)     \
	do {                                                                 \
		const char *__left = (left);                                 \
		const char *__right = (right);                               \
		char __vals[384];                                            \
		if (!(strcmp(__left, __right) op 0)) {                       \
			snprintf(__vals, sizeof(__vals),                     \
				 "%s == \"%s\", %s == \"%s\"", ltext, __left, \
				 rtext, __right);                            \
			__KUNIT_FAIL(test, type, ltext " " #op " " rtext,    \
				     __vals, fmt, ##__VA_ARGS__);            \
		}                                                            \
	} while (0)

#define __KUNIT_MEM(test, type, left, ltext, op, right, rtext, size, fmt, ...) \
	do {                                                                 \
		if (!(memcmp((left), (right), (size)) op 0))                 \
			__KUNIT_FAIL(test, type,                             \
				     "memcmp(" ltext ", " rtext ") " #op " 0", \
				     "", fmt, ##__VA_ARGS__);                \
	} while (0)

#define __KUNIT_ERR_OR_NULL(test, type, ptr, text, fmt, ...)                 \
	do {                                                                 \
		const void *__ptr = (const void *)(ptr);                     \
		char __vals[160];                                            \
		if (IS_ERR_OR_NULL(__ptr)) {                                 \
			snprintf(__vals, sizeof(__vals), "%s == %p", text,   \
				 __ptr);                                     \
			__KUNIT_FAIL(test, type, text " is not error or NULL", \
				     __vals, fmt, ##__VA_ARGS__);            \
		}                                                            \
	} while (0)

/*
 * Each check in its two kinds: KUNIT_EXPECT_* (a failure is counted, the
 * case continues) and KUNIT_ASSERT_* (a failure ends the case).
 */
#define KUNIT_EXPECT_TRUE(t, c) \
	__KUNIT_TRUE(t, KUNIT_EXPECTATION, c, #c, true, "")
#define KUNIT_EXPECT_TRUE_MSG(t, c, fmt, ...) \
	__KUNIT_TRUE(t, KUNIT_EXPECTATION, c, #c, true, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_TRUE(t, c) \
	__KUNIT_TRUE(t, KUNIT_ASSERTION, c, #c, true, "")
#define KUNIT_ASSERT_TRUE_MSG(t, c, fmt, ...) \
	__KUNIT_TRUE(t, KUNIT_ASSERTION, c, #c, true, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_FALSE(t, c) \
	__KUNIT_TRUE(t, KUNIT_EXPECTATION, c, #c, false, "")
#define KUNIT_EXPECT_FALSE_MSG(t, c, fmt, ...) \
	__KUNIT_TRUE(t, KUNIT_EXPECTATION, c, #c, false, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_FALSE(t, c) \
	__KUNIT_TRUE(t, KUNIT_ASSERTION, c, #c, false, "")
#define KUNIT_ASSERT_FALSE_MSG(t, c, fmt, ...) \
	__KUNIT_TRUE(t, KUNIT_ASSERTION, c, #c, false, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_EQ(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, ==, r, #r, "")
#define KUNIT_EXPECT_EQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, ==, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_EQ(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, ==, r, #r, "")
#define KUNIT_ASSERT_EQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, ==, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NE(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, !=, r, #r, "")
#define KUNIT_EXPECT_NE_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, !=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NE(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, !=, r, #r, "")
#define KUNIT_ASSERT_NE_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, !=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LT(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, <, r, #r, "")
#define KUNIT_EXPECT_LT_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, <, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LT(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, <, r, #r, "")
#define KUNIT_ASSERT_LT_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, <, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LE(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, <=, r, #r, "")
#define KUNIT_EXPECT_LE_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, <=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LE(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, <=, r, #r, "")
#define KUNIT_ASSERT_LE_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, <=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GT(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, >, r, #r, "")
#define KUNIT_EXPECT_GT_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, >, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GT(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, >, r, #r, "")
#define KUNIT_ASSERT_GT_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, >, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GE(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, >=, r, #r, "")
#define KUNIT_EXPECT_GE_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, #l, >=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GE(t, l, r) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, >=, r, #r, "")
#define KUNIT_ASSERT_GE_MSG(t, l, r, fmt, ...) \
	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, #l, >=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_PTR_EQ(t, l, r) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, #l, ==, r, #r, "")
#define KUNIT_EXPECT_PTR_EQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, #l, ==, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_EQ(t, l, r) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, l, #l, ==, r, #r, "")
#define KUNIT_ASSERT_PTR_EQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, l, #l, ==, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_PTR_NE(t, l, r) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, #l, !=, r, #r, "")
#define KUNIT_EXPECT_PTR_NE_MSG(t, l, r, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, #l, !=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_NE(t, l, r) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, l, #l, !=, r, #r, "")
#define KUNIT_ASSERT_PTR_NE_MSG(t, l, r, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, l, #l, !=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_STREQ(t, l, r) \
	__KUNIT_STR(t, KUNIT_EXPECTATION, l, #l, ==, r, #r, "")
#define KUNIT_EXPECT_STREQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_STR(t, KUNIT_EXPECTATION, l, #l, ==, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STREQ(t, l, r) \
	__KUNIT_STR(t, KUNIT_ASSERTION, l, #l, ==, r, #r, "")
#define KUNIT_ASSERT_STREQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_STR(t, KUNIT_ASSERTION, l, #l, ==, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_STRNEQ(t, l, r) \
	__KUNIT_STR(t, KUNIT_EXPECTATION, l, #l, !=, r, #r, "")
#define KUNIT_EXPECT_STRNEQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_STR(t, KUNIT_EXPECTATION, l, #l, !=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STRNEQ(t, l, r) \
	__KUNIT_STR(t, KUNIT_ASSERTION, l, #l, !=, r, #r, "")
#define KUNIT_ASSERT_STRNEQ_MSG(t, l, r, fmt, ...) \
	__KUNIT_STR(t, KUNIT_ASSERTION, l, #l, !=, r, #r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NULL(t, p) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, p, #p, ==, NULL, "NULL", "")
#define KUNIT_EXPECT_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, p, #p, ==, NULL, "NULL", fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NULL(t, p) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, p, #p, ==, NULL, "NULL", "")
#define KUNIT_ASSERT_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, p, #p, ==, NULL, "NULL", fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_NULL(t, p) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, p, #p, !=, NULL, "NULL", "")
#define KUNIT_EXPECT_NOT_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_EXPECTATION, p, #p, !=, NULL, "NULL", fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_NULL(t, p) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, p, #p, !=, NULL, "NULL", "")
#define KUNIT_ASSERT_NOT_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_PTR(t, KUNIT_ASSERTION, p, #p, !=, NULL, "NULL", fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_MEMEQ(t, l, r, sz) \
	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, #l, ==, r, #r, sz, "")
#define KUNIT_EXPECT_MEMEQ_MSG(t, l, r, sz, fmt, ...) \
	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, #l, ==, r, #r, sz, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMEQ(t, l, r, sz) \
	__KUNIT_MEM(t, KUNIT_ASSERTION, l, #l, ==, r, #r, sz, "")
#define KUNIT_ASSERT_MEMEQ_MSG(t, l, r, sz, fmt, ...) \
	__KUNIT_MEM(t, KUNIT_ASSERTION, l, #l, ==, r, #r, sz, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_MEMNEQ(t, l, r, sz) \
	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, #l, !=, r, #r, sz, "")
#define KUNIT_EXPECT_MEMNEQ_MSG(t, l, r, sz, fmt, ...) \
	__KUNIT_MEM(t, KUNIT_EXPECTATION, l, #l, !=, r, #r, sz, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMNEQ(t, l, r, sz) \
	__KUNIT_MEM(t, KUNIT_ASSERTION, l, #l, !=, r, #r, sz, "")
#define KUNIT_ASSERT_MEMNEQ_MSG(t, l, r, sz, fmt, ...) \
	__KUNIT_MEM(t, KUNIT_ASSERTION, l, #l, !=, r, #r, sz, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(t, p) \
	__KUNIT_ERR_OR_NULL(t, KUNIT_EXPECTATION, p, #p, "")
#define KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_ERR_OR_NULL(t, KUNIT_EXPECTATION, p, #p, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) \
	__KUNIT_ERR_OR_NULL(t, KUNIT_ASSERTION, p, #p, "")
#define KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(t, p, fmt, ...) \
	__KUNIT_ERR_OR_NULL(t, KUNIT_ASSERTION, p, #p, fmt, ##__VA_ARGS__)

/* ---- skipping ---- */

void __kunit_shim_mark_skipped(struct kunit *test, const char *fmt, ...)
	__printf(2, 3);
#define kunit_mark_skipped(test, fmt, ...) \
	__kunit_shim_mark_skipped((test), fmt, ##__VA_ARGS__)
#define kunit_skip(test, fmt, ...)                                \
	do {                                                      \
		kunit_mark_skipped((test), fmt, ##__VA_ARGS__);   \
		__kunit_shim_abort(test);                         \
	} while (0)

/* ---- parameterised cases ---- */

#define KUNIT_ARRAY_PARAM(name, array, get_desc)                               \
	static const void *name##_gen_params(struct kunit *test,               \
					     const void *prev, char *desc)     \
	{                                                                      \
		__typeof__((array)[0]) *__next =                               \
			prev ? ((__typeof__(__next))prev) + 1 : (array);       \
		void (*__get_desc)(__typeof__(__next), char *) = get_desc;     \
		(void)test;                                                    \
		if (__next - (array) < ARRAY_SIZE((array))) {                  \
			if (__get_desc)                                        \
				__get_desc(__next, desc);                      \
			return __next;                                         \
		}                                                              \
		return NULL;                                                   \
	}
#define KUNIT_ARRAY_PARAM_DESC(name, array, desc_member)                       \
	static const void *name##_gen_params(struct kunit *test,               \
					     const void *prev, char *desc)     \
	{                                                                      \
		__typeof__((array)[0]) *__next =                               \
			prev ? ((__typeof__(__next))prev) + 1 : (array);       \
		(void)test;                                                    \
		if (__next - (array) < ARRAY_SIZE((array))) {                  \
			snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",            \
				 __next->desc_member);                         \
			return __next;                                         \
		}                                                              \
		return NULL;                                                   \
	}

/* ---- managed resources ---- */

typedef void(kunit_action_t)(void *);

int kunit_add_action(struct kunit *test, kunit_action_t *action, void *ctx);
int kunit_add_action_or_reset(struct kunit *test, kunit_action_t *action,
			      void *ctx);
void kunit_remove_action(struct kunit *test, kunit_action_t *action, void *ctx);
void kunit_release_action(struct kunit *test, kunit_action_t *action,
			  void *ctx);

void *__kunit_shim_kmalloc(struct kunit *test, size_t size, gfp_t gfp,
			   const struct shim_site *site);
void __kunit_shim_kfree(struct kunit *test, const void *ptr,
			const struct shim_site *site);

#define kunit_kmalloc(test, size, gfp) \
	__kunit_shim_kmalloc((test), (size), (gfp), SHIM_SITE)
#define kunit_kzalloc(test, size, gfp) \
	__kunit_shim_kmalloc((test), (size), (gfp) | __GFP_ZERO, SHIM_SITE)
#define kunit_kmalloc_array(test, n, size, gfp) \
	__kunit_shim_kmalloc((test), size_mul((n), (size)), (gfp), SHIM_SITE)
#define kunit_kcalloc(test, n, size, gfp) \
	kunit_kmalloc_array((test), (n), (size), (gfp) | __GFP_ZERO)
#define kunit_kfree(test, ptr) __kunit_shim_kfree((test), (ptr), SHIM_SITE)

static inline char *kunit_kstrdup(struct kunit *test, const char *str, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!str)
		return NULL;
	len = strlen(str) + 1;
	buf = kunit_kmalloc(test, len, gfp);
	if (buf)
		memcpy(buf, str, len);
	return buf;
}

/* ---- the current test ---- */

extern struct kunit *kunit_shim_current;

static inline struct kunit *kunit_get_current_test(void)
{
	return kunit_shim_current;
}

#endif
