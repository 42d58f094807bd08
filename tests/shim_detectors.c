// SPDX-License-Identifier: GPL-2.0-only
/*
 * One case per shim detector: each misuses a kernel API on purpose and
 * checks the exact finding signature "<kind> <function> <file>:<line>" in
 * RECORD mode (quiet). The expected line is the one the faulty call is
 * written on (LINE_OF below); the expected file is the repo-relative path
 * that -ffile-prefix-map makes of __FILE__, spelled out literally so a broken
 * prefix map fails the tests.
 *
 * Usage: test_shim_detectors <case>    ("list" prints the cases)
 *
 * tests/detectors.cmake registers every entry of cases[] as a ctest test,
 * except the *-child helpers that the uaf-asan-* cases run as a subprocess.
 */
#include <setjmp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/bug.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/slab.h>
#include <shim/alloc.h>
#include <shim/dma.h>
#include <shim/finding.h>
#include <shim/signal.h>
#include <shim/warn.h>
#include "check.h"

#define THIS_FILE "tests/shim_detectors.c"
#define SKIP_CODE 77

extern char **environ;

/* Runs a statement written on one line; evaluates to that line. */
#define LINE_OF(stmt) ({ stmt; __LINE__; })

static void expect_sig(const char *which, const char *got, const char *kind,
		       const char *func, int line, int at)
{
	char want[SHIM_SIGNATURE_MAX];

	snprintf(want, sizeof(want), "%s %s %s:%d", kind, func, THIS_FILE,
		 line);
	if (strcmp(got, want)) {
		fprintf(stderr,
			"%s:%d: %s finding signature\n  got:  '%s'\n  want: '%s'\n",
			THIS_FILE, at, which, got, want);
		failures++;
	}
}

static void expect_contains(const char *what, const char *text,
			    const char *needle, int at)
{
	if (!strstr(text, needle)) {
		fprintf(stderr, "%s:%d: %s lacks '%s':\n  '%s'\n", THIS_FILE,
			at, what, needle, text);
		failures++;
	}
}

#define EXPECT_LAST(kind, line) \
	expect_sig("last", shim_findings_last(), kind, __func__, line, __LINE__)
#define EXPECT_FIRST(kind, line) \
	expect_sig("first", shim_findings_first(), kind, __func__, line, __LINE__)
#define EXPECT_COUNT(n) CHECK_EQ(shim_findings_count(), n)
#define EXPECT_DETAIL(needle) \
	expect_contains("detail", shim_findings_last_detail(), needle, __LINE__)

/* "<what> at <this function> tests/shim_detectors.c:<line>" style text. */
static const char *site_text(const char *func, int line)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s %s:%d", func, THIS_FILE, line);
	return buf;
}

/* Everything the detectors left behind was released; no new finding. */
#define EXPECT_CLEAN_END()                                         \
	do {                                                       \
		unsigned long __n = shim_findings_count();         \
		CHECK_EQ(shim_alloc_check_leaks(), 0);             \
		CHECK_EQ(shim_dma_check_leaks(), 0);               \
		CHECK_EQ(shim_findings_count(), __n);              \
	} while (0)

static void begin_case(void)
{
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	shim_finding_set_quiet(1);
	shim_finding_set_jmpbuf(NULL);
	shim_warn_set_continue(0);
	shim_mem_set_budget(SHIM_MEM_DEFAULT_BUDGET);
	shim_reset();
	shim_findings_clear();
}

/*
 * Runs fn() with stderr going to a temporary file and returns what was
 * written (static buffer).
 */
static const char *capture_stderr(void (*fn)(void *), void *arg)
{
	static char text[16384];
	FILE *tmp = tmpfile();
	int saved;
	size_t n;

	if (!tmp) {
		perror("tmpfile");
		exit(1);
	}
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(tmp), 2);
	fn(arg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(text, 1, sizeof(text) - 1, tmp);
	text[n] = 0;
	fclose(tmp);
	return text;
}

static char static_buf[256];

/* ---------------- double-free ---------------- */

static void t_double_free_kfree(void)
{
	char *p = kmalloc(32, GFP_KERNEL);
	int free_line, line;
	char want[256];

	CHECK(p);
	free_line = LINE_OF(kfree(p));
	EXPECT_COUNT(0);
	line = LINE_OF(kfree(p));
	EXPECT_COUNT(1);
	EXPECT_LAST("double-free", line);
	snprintf(want, sizeof(want), "already freed at %s",
		 site_text(__func__, free_line));
	EXPECT_DETAIL(want);
	EXPECT_DETAIL("kmalloc object (32 bytes)");
	EXPECT_CLEAN_END();
}

static void t_double_free_kmem_cache(void)
{
	struct kmem_cache *s = kmem_cache_create("df", 64, 0, 0, NULL);
	void *p;
	int free_line, line;
	char want[256];

	CHECK(s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(p);
	free_line = LINE_OF(kmem_cache_free(s, p));
	EXPECT_COUNT(0);
	line = LINE_OF(kmem_cache_free(s, p));
	EXPECT_COUNT(1);
	EXPECT_LAST("double-free", line);
	snprintf(want, sizeof(want), "already freed at %s",
		 site_text(__func__, free_line));
	EXPECT_DETAIL(want);
	EXPECT_DETAIL("cache df");
	/* The second free changed nothing: the cache is empty, not negative. */
	CHECK_EQ(shim_kmem_cache_live(s), 0);
	kmem_cache_destroy(s);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

static void t_double_free_pages(void)
{
	unsigned long a = __get_free_pages(GFP_KERNEL, 1);
	struct page *pg;
	int line;

	CHECK(a);
	free_pages(a, 1);
	EXPECT_COUNT(0);
	line = LINE_OF(free_pages(a, 1));
	EXPECT_COUNT(1);
	EXPECT_LAST("double-free", line);
	EXPECT_DETAIL("pages object (8192 bytes)");

	pg = alloc_pages(GFP_KERNEL, 0);
	CHECK(pg);
	__free_pages(pg, 0);
	EXPECT_COUNT(1);
	line = LINE_OF(__free_pages(pg, 0));
	EXPECT_COUNT(2);
	EXPECT_LAST("double-free", line);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_PAGES), 0);
	EXPECT_CLEAN_END();
}

/* ---------------- invalid-free ---------------- */

static void t_invalid_free_never(void)
{
	int line;

	line = LINE_OF(kfree(static_buf));
	EXPECT_COUNT(1);
	EXPECT_LAST("invalid-free", line);
	EXPECT_DETAIL("never allocated");

	line = LINE_OF(kvfree(&static_buf[64]));
	EXPECT_COUNT(2);
	EXPECT_LAST("invalid-free", line);

	line = LINE_OF(free_pages((unsigned long)static_buf, 0));
	EXPECT_COUNT(3);
	EXPECT_LAST("invalid-free", line);
	EXPECT_CLEAN_END();
}

static void t_invalid_free_interior(void)
{
	struct kmem_cache *s = kmem_cache_create("interior", 128, 0, 0, NULL);
	char *p = kmalloc(64, GFP_KERNEL);
	char *o;
	unsigned long a;
	int line;

	CHECK(s && p);
	line = LINE_OF(kfree(p + 8));
	EXPECT_COUNT(1);
	EXPECT_LAST("invalid-free", line);
	EXPECT_DETAIL("inside an object");
	CHECK_EQ(shim_alloc_live(SHIM_FAM_KMALLOC), 1);

	o = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(o);
	line = LINE_OF(kmem_cache_free(s, o + 16));
	EXPECT_COUNT(2);
	EXPECT_LAST("invalid-free", line);
	CHECK_EQ(shim_kmem_cache_live(s), 1);

	/* The second page of an order-1 block is not a block of its own. */
	a = __get_free_pages(GFP_KERNEL, 1);
	CHECK(a);
	line = LINE_OF(free_pages(a + PAGE_SIZE, 0));
	EXPECT_COUNT(3);
	EXPECT_LAST("invalid-free", line);

	/* The real objects are intact and free cleanly. */
	kfree(p);
	kmem_cache_free(s, o);
	free_pages(a, 1);
	kmem_cache_destroy(s);
	EXPECT_COUNT(3);
	EXPECT_CLEAN_END();
}

/* ---------------- wrong-allocator ---------------- */

static void t_wrong_allocator_kfree_kvmalloc(void)
{
	void *p = kvmalloc(100, GFP_KERNEL);
	int line;

	CHECK(p);
	line = LINE_OF(kfree(p));
	EXPECT_COUNT(1);
	EXPECT_LAST("wrong-allocator", line);
	EXPECT_DETAIL("kvmalloc object (100 bytes)");
	EXPECT_DETAIL("use kvfree()");
	/* Not freed by the wrong call. */
	CHECK_EQ(shim_alloc_live(SHIM_FAM_KVMALLOC), 1);
	kvfree(p);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

static void t_wrong_allocator_other_cache(void)
{
	struct kmem_cache *a = kmem_cache_create("cache_a", 64, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("cache_b", 64, 0, 0, NULL);
	void *p;
	int line;

	CHECK(a && b);
	p = kmem_cache_alloc(a, GFP_KERNEL);
	CHECK(p);
	line = LINE_OF(kmem_cache_free(b, p));
	EXPECT_COUNT(1);
	EXPECT_LAST("wrong-allocator", line);
	EXPECT_DETAIL("kmem_cache_free(cache_b");
	EXPECT_DETAIL("belongs to cache cache_a");
	CHECK_EQ(shim_kmem_cache_live(a), 1);
	CHECK_EQ(shim_kmem_cache_live(b), 0);
	kmem_cache_free(a, p);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

static void t_wrong_allocator_free_pages_slab(void)
{
	/* A page-sized, page-aligned object: looks like a page, is not one. */
	struct kmem_cache *s = kmem_cache_create("pt", PAGE_SIZE, PAGE_SIZE, 0,
						 NULL);
	void *p;
	int line;

	CHECK(s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(p && PAGE_ALIGNED(p));
	line = LINE_OF(free_pages((unsigned long)p, 0));
	EXPECT_COUNT(1);
	EXPECT_LAST("wrong-allocator", line);
	EXPECT_DETAIL("kmem_cache object (cache pt");
	CHECK_EQ(shim_kmem_cache_live(s), 1);
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

static void t_wrong_allocator_order(void)
{
	unsigned long a = __get_free_pages(GFP_KERNEL, 2);
	int line;

	CHECK(a);
	line = LINE_OF(free_pages(a, 0));
	EXPECT_COUNT(1);
	EXPECT_LAST("wrong-allocator", line);
	EXPECT_DETAIL("order 0");
	EXPECT_DETAIL("allocated with order 2");
	CHECK_EQ(shim_alloc_live(SHIM_FAM_PAGES), 1);
	free_pages(a, 2);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

static void t_wrong_allocator_kvfree_pages(void)
{
	struct page *pg = alloc_pages(GFP_KERNEL, 0);
	int line;

	CHECK(pg);
	line = LINE_OF(kvfree(page_address(pg)));
	EXPECT_COUNT(1);
	EXPECT_LAST("wrong-allocator", line);
	EXPECT_DETAIL("pages object (4096 bytes)");
	CHECK_EQ(shim_alloc_live(SHIM_FAM_PAGES), 1);
	__free_pages(pg, 0);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

/* ---------------- kmem_cache lifetime ---------------- */

static void t_cache_destroy_live(void)
{
	struct kmem_cache *s = kmem_cache_create("busy", 32, 0, 0, NULL);
	void *a, *b;
	int line;

	CHECK(s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(a && b);
	line = LINE_OF(kmem_cache_destroy(s));
	EXPECT_COUNT(1);
	EXPECT_LAST("cache-destroy-live", line);
	EXPECT_DETAIL("kmem_cache_destroy(busy)");
	EXPECT_DETAIL("still has 2 live object(s)");
	/* The cache survived and still works. */
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

static void t_cache_use_after_destroy(void)
{
	struct kmem_cache *s = kmem_cache_create("gone", 32, 0, 0, NULL);
	int destroy_line, line;
	char want[256];

	CHECK(s);
	destroy_line = LINE_OF(kmem_cache_destroy(s));
	EXPECT_COUNT(0);
	line = LINE_OF(CHECK(!kmem_cache_alloc(s, GFP_KERNEL)));
	EXPECT_COUNT(1);
	EXPECT_LAST("use-after-free", line);
	EXPECT_DETAIL("cache was destroyed");

	line = LINE_OF(kmem_cache_destroy(s));
	EXPECT_COUNT(2);
	EXPECT_LAST("double-free", line);
	snprintf(want, sizeof(want), "already destroyed at %s",
		 site_text(__func__, destroy_line));
	EXPECT_DETAIL(want);

	line = LINE_OF(CHECK(!kmem_cache_alloc(NULL, GFP_KERNEL)));
	EXPECT_COUNT(3);
	EXPECT_LAST("null-deref", line);
	EXPECT_CLEAN_END();
}

/* ---------------- leak ---------------- */

static void t_leak_count(void)
{
	void *p[3];
	int line = 0;

	for (int i = 0; i < 3; i++)
		line = LINE_OF(p[i] = kmalloc(24, GFP_KERNEL));
	CHECK(p[0] && p[1] && p[2]);
	EXPECT_COUNT(0);
	CHECK_EQ(shim_alloc_check_leaks(), 3);
	EXPECT_COUNT(1);
	EXPECT_LAST("leak", line);
	EXPECT_DETAIL("memory leak: 3 kmalloc object(s), 72 bytes");
	EXPECT_DETAIL("total live objects: 3");

	/* Freeing one leaves two to report, at the same site. */
	kfree(p[1]);
	shim_findings_clear();
	CHECK_EQ(shim_alloc_check_leaks(), 2);
	EXPECT_COUNT(1);
	EXPECT_LAST("leak", line);
	EXPECT_DETAIL("memory leak: 2 kmalloc object(s), 48 bytes");

	kfree(p[0]);
	kfree(p[2]);
	shim_findings_clear();
	CHECK_EQ(shim_alloc_check_leaks(), 0);
	EXPECT_COUNT(0);
}

struct leak_lines {
	int kmalloc, kvmalloc, cache, slab, pages0, pages1;
};

static void run_leak_check(void *arg)
{
	*(unsigned long *)arg = shim_alloc_check_leaks();
}

/* Finds "SIGNATURE: <sig>\n==vmbind== <detail>" after *pos; advances it. */
static void expect_report(const char *text, const char **pos,
			  const char *func, int line, const char *detail,
			  int at)
{
	char want[512];
	const char *hit;

	snprintf(want, sizeof(want),
		 "==vmbind== SIGNATURE: leak %s\n==vmbind== %s",
		 site_text(func, line), detail);
	hit = strstr(*pos, want);
	if (!hit) {
		fprintf(stderr,
			"%s:%d: report lacks (in this order)\n'%s'\nreport:\n%s\n",
			THIS_FILE, at, want, text);
		failures++;
		return;
	}
	*pos = hit + strlen(want);
}

static void t_leak_families(void)
{
	struct leak_lines l;
	struct kmem_cache *s;
	unsigned long leaked = 0;
	const char *text, *pos;
	char want[128];

	for (int i = 0; i < 2; i++)
		l.kmalloc = LINE_OF(CHECK(kmalloc(32, GFP_KERNEL)));
	l.kvmalloc = LINE_OF(CHECK(kvmalloc(1000, GFP_KERNEL)));
	l.cache = LINE_OF(s = kmem_cache_create("leaky", 40, 0, 0, NULL));
	CHECK(s);
	for (int i = 0; i < 4; i++)
		l.slab = LINE_OF(CHECK(kmem_cache_alloc(s, GFP_KERNEL)));
	for (int i = 0; i < 2; i++)
		l.pages0 = LINE_OF(CHECK(alloc_pages(GFP_KERNEL, 0)));
	l.pages1 = LINE_OF(CHECK(alloc_pages(GFP_KERNEL, 1)));

	/* Print the report (not quiet) to check every group's detail. */
	shim_finding_set_quiet(0);
	text = capture_stderr(run_leak_check, &leaked);
	shim_finding_set_quiet(1);

	/* 2 + 1 + 4 slab + the cache itself + 3 page blocks */
	CHECK_EQ(leaked, 11);
	/* One finding per (family, site), ordered by family then line. */
	EXPECT_COUNT(6);
	EXPECT_FIRST("leak", l.kmalloc);
	EXPECT_LAST("leak", l.cache);
	EXPECT_DETAIL("1 kmem_cache_create object(s)");
	pos = text;
	expect_report(text, &pos, __func__, l.kmalloc,
		      "memory leak: 2 kmalloc object(s), 64 bytes", __LINE__);
	expect_report(text, &pos, __func__, l.kvmalloc,
		      "memory leak: 1 kvmalloc object(s), 1000 bytes", __LINE__);
	expect_report(text, &pos, __func__, l.slab,
		      "memory leak: 4 kmem_cache(leaky) object(s), 160 bytes",
		      __LINE__);
	expect_report(text, &pos, __func__, l.pages0,
		      "memory leak: 2 pages object(s), 8192 bytes", __LINE__);
	expect_report(text, &pos, __func__, l.pages1,
		      "memory leak: 1 pages object(s), 8192 bytes", __LINE__);
	expect_report(text, &pos, __func__, l.cache,
		      "memory leak: 1 kmem_cache_create object(s)", __LINE__);
	snprintf(want, sizeof(want), "total live objects: %d", 11);
	expect_contains("leak report", text, want, __LINE__);

	/* shim_reset() forgets the leaks: the next input starts clean. */
	shim_reset();
	shim_findings_clear();
	CHECK_EQ(shim_alloc_check_leaks(), 0);
	EXPECT_COUNT(0);
}

/* ---------------- use after free ---------------- */

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#endif

/* Child side: touch freed memory; ASan must stop the process. */
static void t_uaf_asan_slab_child(void)
{
	struct kmem_cache *s = kmem_cache_create("uaf", 64, 0, 0, NULL);
	volatile char *p = kmem_cache_alloc(s, GFP_KERNEL);

	kmem_cache_free(s, (void *)p);
	printf("read %d\n", p[8]);
	/* Only reached without a report: the parent sees exit status 0. */
	exit(0);
}

static void t_uaf_asan_pages_child(void)
{
	struct page *pg = alloc_pages(GFP_KERNEL, 0);
	volatile char *p = page_address(pg);

	__free_pages(pg, 0);
	p[100] = 1;
	exit(0);
}

static void run_child_expect_asan(const char *child_case)
{
#ifdef HAVE_ASAN
	char *argv[] = { "/proc/self/exe", (char *)child_case, NULL };
	posix_spawn_file_actions_t fa;
	char out[65536];
	size_t len = 0;
	ssize_t n;
	int pipefd[2], status;
	pid_t pid;

	CHECK(pipe(pipefd) == 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	CHECK(posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, environ) == 0);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	while ((n = read(pipefd[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = 0;
	close(pipefd[0]);
	CHECK(waitpid(pid, &status, 0) == pid);
	/* ASan exits with status 1 (or aborts with abort_on_error). */
	CHECK(!(WIFEXITED(status) && WEXITSTATUS(status) == 0));
	expect_contains("child stderr", out, "ERROR: AddressSanitizer", __LINE__);
	/* Slab and page memory is poisoned by hand on free. */
	expect_contains("child stderr", out, "use-after-poison", __LINE__);
	if (failures)
		fprintf(stderr, "child output:\n%s\n", out);
#else
	(void)child_case;
	printf("built without AddressSanitizer: skipped\n");
	exit(SKIP_CODE);
#endif
}

static void t_uaf_asan_slab(void)
{
	run_child_expect_asan("uaf-asan-slab-child");
}

static void t_uaf_asan_pages(void)
{
	run_child_expect_asan("uaf-asan-pages-child");
}

static void t_bad_pte_deref(void)
{
	struct kmem_cache *s = kmem_cache_create("pt", PAGE_SIZE, PAGE_SIZE, 0,
						 NULL);
	struct page *pg = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	phys_addr_t root, table;
	void *t;
	int line;

	CHECK(s && pg);
	root = page_to_phys(pg);
	t = kmem_cache_zalloc(s, GFP_KERNEL);
	CHECK(t);
	table = virt_to_phys(t);

	/* Live tables, at any offset, are fine. */
	CHECK(__va(root) == page_address(pg));
	CHECK(__va(root + 8 * 17) == (char *)page_address(pg) + 8 * 17);
	CHECK(__va(table + 4088) == (char *)t + 4088);
	EXPECT_COUNT(0);

	/* A freed page-allocator table. */
	__free_pages(pg, 0);
	line = LINE_OF((void)__va(root + 64));
	EXPECT_COUNT(1);
	EXPECT_LAST("bad-pte-deref", line);
	EXPECT_DETAIL("page is free");

	/* A freed kmem_cache table (its slab page is still the cache's). */
	kmem_cache_free(s, t);
	line = LINE_OF((void)__va(table));
	EXPECT_COUNT(2);
	EXPECT_LAST("bad-pte-deref", line);
	EXPECT_DETAIL("object was freed");

	/* Something that was never allocated. */
	line = LINE_OF((void)__va(virt_to_phys(static_buf)));
	EXPECT_COUNT(3);
	EXPECT_LAST("bad-pte-deref", line);
	EXPECT_DETAIL("not an allocated address");

	kmem_cache_destroy(s);
	EXPECT_CLEAN_END();
}

/* ---------------- WARN / BUG ---------------- */

static void t_warn_on(void)
{
	int r, line;

	r = WARN_ON(0);
	CHECK_EQ(r, 0);
	EXPECT_COUNT(0);
	line = LINE_OF(r = WARN_ON(1));
	CHECK_EQ(r, 1);
	EXPECT_COUNT(1);
	EXPECT_LAST("warn", line);
	EXPECT_DETAIL("kernel WARNING: WARN_ON(1)");
	line = LINE_OF(r = WARN(2 > 1, "shim test %d\n", 42));
	CHECK_EQ(r, 1);
	EXPECT_COUNT(2);
	EXPECT_LAST("warn", line);
	EXPECT_DETAIL("WARN(2 > 1)");
}

static void warn_twice(void *arg)
{
	int *line = arg;

	for (int i = 0; i < 2; i++)
		*line = LINE_OF(WARN_ON(i < 5));
}

static void t_warn_continue(void)
{
	unsigned long before = shim_warn_count();
	const char *text;
	int line = 0;

	shim_warn_set_continue(1);
	text = capture_stderr(warn_twice, &line);
	shim_warn_set_continue(0);
	/* Counted and logged, not a finding. */
	CHECK_EQ(shim_warn_count() - before, 2);
	EXPECT_COUNT(0);
	expect_contains("continue-mode log", text,
			"==vmbind== WARNING (continuing): WARN_ON(i < 5) at ",
			__LINE__);
	expect_contains("continue-mode log", text, site_text("warn_twice", line),
			__LINE__);
}

static void warn_once_twice(void)
{
	for (int i = 0; i < 2; i++)
		WARN_ON_ONCE(1);
}

static void t_warn_once(void)
{
	warn_once_twice();
	EXPECT_COUNT(1);
	CHECK(!strncmp(shim_findings_last(), "warn warn_once_twice " THIS_FILE ":",
		       strlen("warn warn_once_twice " THIS_FILE ":")));
	/* Once per input: a reset re-arms it. */
	shim_reset();
	warn_once_twice();
	EXPECT_COUNT(2);
}

static jmp_buf bug_jb;

/* Both statements on one line: `var` gets the line of the BUG_ON. */
#define BUG_ON_AT(var, cond) do { var = __LINE__; BUG_ON(cond); } while (0)

static void t_bug_on(void)
{
	volatile int reached = 0, jumped = 0, line = 0;

	BUG_ON(0);
	EXPECT_COUNT(0);
	shim_finding_set_mode(SHIM_FINDING_JUMP);
	shim_finding_set_jmpbuf(&bug_jb);
	if (!setjmp(bug_jb)) {
		BUG_ON_AT(line, 1 + 1 == 2);
		reached = 1;
	} else {
		jumped = 1;
	}
	shim_finding_set_jmpbuf(NULL);
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	CHECK(jumped);
	CHECK(!reached);
	EXPECT_COUNT(1);
	EXPECT_LAST("bug", line);
	EXPECT_DETAIL("kernel BUG: BUG_ON(1 + 1 == 2)");

	/* BUG does not return in RECORD mode either. */
	reached = jumped = 0;
	shim_finding_set_jmpbuf(&bug_jb);
	if (!setjmp(bug_jb)) {
		BUG_ON_AT(line, 1);
		reached = 1;
	} else {
		jumped = 1;
	}
	shim_finding_set_jmpbuf(NULL);
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	CHECK(jumped);
	CHECK(!reached);
	EXPECT_COUNT(2);
	EXPECT_LAST("bug", line);
}

/* ---------------- DMA ---------------- */

static struct device test_dev = { .init_name = "shim-test" };

static void t_dma_map_leak(void)
{
	void *buf = kmalloc(256, GFP_KERNEL);
	dma_addr_t dma;
	int line;

	CHECK(buf);
	line = LINE_OF(dma = dma_map_single(&test_dev, buf, 256, DMA_TO_DEVICE));
	CHECK_EQ(dma, virt_to_phys(buf));
	CHECK_EQ(shim_dma_live(), 1);
	EXPECT_COUNT(0);
	CHECK_EQ(shim_dma_check_leaks(), 1);
	EXPECT_COUNT(1);
	EXPECT_LAST("dma-map-leak", line);
	EXPECT_DETAIL("never unmapped (1 mapping(s) live");

	dma_unmap_single(&test_dev, dma, 256, DMA_TO_DEVICE);
	CHECK_EQ(shim_dma_live(), 0);
	kfree(buf);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

/* Memory freed while a streaming mapping still covers it. */
static void t_dma_free_mapped(void)
{
	unsigned long page = __get_free_pages(GFP_KERNEL, 1);
	void *buf = (void *)(page + PAGE_SIZE);
	dma_addr_t dma;
	int line;

	CHECK(page);
	/* A mapping of the block's second page: the free of the block sees it. */
	dma = dma_map_single(&test_dev, buf, 64, DMA_TO_DEVICE);
	line = LINE_OF(free_pages(page, 1));
	EXPECT_COUNT(1);
	EXPECT_LAST("dma-free-mapped", line);
	EXPECT_DETAIL("still DMA-mapped");
	dma_unmap_single(&test_dev, dma, 64, DMA_TO_DEVICE);
	EXPECT_COUNT(1);
}

static void t_dma_unmap_unmapped(void)
{
	void *buf = kmalloc(256, GFP_KERNEL);
	dma_addr_t dma;
	int line;

	CHECK(buf);
	/* Never mapped. */
	line = LINE_OF(dma_unmap_single(&test_dev, virt_to_phys(buf), 256, DMA_TO_DEVICE));
	EXPECT_COUNT(1);
	EXPECT_LAST("dma-unmap-unmapped", line);
	EXPECT_DETAIL("has not allocated");

	/* Unmapped twice. */
	dma = dma_map_single(&test_dev, buf, 256, DMA_TO_DEVICE);
	dma_unmap_single(&test_dev, dma, 256, DMA_TO_DEVICE);
	EXPECT_COUNT(1);
	line = LINE_OF(dma_unmap_single(&test_dev, dma, 256, DMA_TO_DEVICE));
	EXPECT_COUNT(2);
	EXPECT_LAST("dma-unmap-unmapped", line);
	CHECK_EQ(shim_dma_live(), 0);

	/* Size mismatch: reported, mapping stays live. */
	dma = dma_map_single(&test_dev, buf, 256, DMA_TO_DEVICE);
	line = LINE_OF(dma_unmap_single(&test_dev, dma, 128, DMA_TO_DEVICE));
	EXPECT_COUNT(3);
	EXPECT_LAST("dma-unmap-mismatch", line);
	CHECK_EQ(shim_dma_live(), 1);
	dma_unmap_single(&test_dev, dma, 256, DMA_TO_DEVICE);
	kfree(buf);
	EXPECT_COUNT(3);
	EXPECT_CLEAN_END();
}

static void t_dma_sync_unmapped(void)
{
	struct page *pg = alloc_pages(GFP_KERNEL, 0);
	void *other = kmalloc(64, GFP_KERNEL);
	dma_addr_t dma, end, other_dma;
	int line;

	CHECK(pg && other);
	other_dma = virt_to_phys(other);
	dma = dma_map_single(&test_dev, page_address(pg), PAGE_SIZE,
			     DMA_TO_DEVICE);
	/* Inside the mapping, as io-pgtable syncs single PTEs. */
	dma_sync_single_for_device(&test_dev, dma + 8 * 100, 8, DMA_TO_DEVICE);
	dma_sync_single_for_device(&test_dev, dma, PAGE_SIZE, DMA_TO_DEVICE);
	EXPECT_COUNT(0);
	CHECK_EQ(shim_dma_sync_calls(), 2);

	/* Running past the end of the mapping. */
	end = dma + PAGE_SIZE - 8;
	line = LINE_OF(dma_sync_single_for_device(&test_dev, end, 16, DMA_TO_DEVICE));
	EXPECT_COUNT(1);
	EXPECT_LAST("dma-sync-unmapped", line);

	/* Memory that was never mapped. */
	line = LINE_OF(dma_sync_single_for_cpu(&test_dev, other_dma, 64, DMA_FROM_DEVICE));
	EXPECT_COUNT(2);
	EXPECT_LAST("dma-sync-unmapped", line);
	EXPECT_DETAIL("has not mapped");

	/* After unmap. */
	dma_unmap_single(&test_dev, dma, PAGE_SIZE, DMA_TO_DEVICE);
	line = LINE_OF(dma_sync_single_for_device(&test_dev, dma, 8, DMA_TO_DEVICE));
	EXPECT_COUNT(3);
	EXPECT_LAST("dma-sync-unmapped", line);

	__free_pages(pg, 0);
	kfree(other);
	EXPECT_CLEAN_END();
}

/* ---------------- fault injection and budget ---------------- */

static void t_fault_nth(void)
{
	const struct shim_site *site;
	void *p[4];
	int line;

	shim_fault_fail_nth(3, SHIM_FAM_ALL);
	p[0] = kmalloc(16, GFP_KERNEL);
	p[1] = kzalloc(16, GFP_KERNEL);
	line = LINE_OF(p[2] = kmalloc(16, GFP_KERNEL));
	p[3] = kmalloc(16, GFP_KERNEL);
	CHECK(p[0] && p[1] && p[3]);
	CHECK(!p[2]);
	CHECK_EQ(shim_fault_injected(), 1);
	CHECK_EQ(shim_fault_calls_masked(), 4);
	CHECK_EQ(shim_fault_last_family(), SHIM_FAM_KMALLOC);
	site = shim_fault_last_site();
	CHECK(site);
	if (site) {
		CHECK(!strcmp(site->func, __func__));
		CHECK(!strcmp(site->file, THIS_FILE));
		CHECK_EQ(site->line, line);
	}
	/* An injected failure is not a finding. */
	EXPECT_COUNT(0);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_KMALLOC), 3);
	kfree(p[0]);
	kfree(p[1]);
	kfree(p[3]);
	EXPECT_CLEAN_END();
}

static void t_fault_mask(void)
{
	struct kmem_cache *s;
	struct page *pg, *pg2;
	void *a, *b, *o1, *o2;
	int line;

	shim_fault_fail_nth(1, SHIM_FAM_MASK(SHIM_FAM_PAGES));
	a = kmalloc(16, GFP_KERNEL);
	b = kvmalloc(16, GFP_KERNEL);
	s = kmem_cache_create("masked", 32, 0, 0, NULL);
	CHECK(s);
	o1 = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(a && b && o1);
	CHECK_EQ(shim_fault_calls_masked(), 0);
	line = LINE_OF(pg = alloc_pages(GFP_KERNEL, 0));
	CHECK(!pg);
	CHECK_EQ(shim_fault_injected(), 1);
	CHECK_EQ(shim_fault_last_family(), SHIM_FAM_PAGES);
	CHECK(shim_fault_last_site() && shim_fault_last_site()->line == line);
	pg2 = alloc_pages(GFP_KERNEL, 0);
	CHECK(pg2);

	/* Second kmem_cache allocation; kmalloc does not count. */
	shim_fault_fail_nth(2, SHIM_FAM_MASK(SHIM_FAM_SLAB));
	o2 = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(o2);
	kfree(a);
	a = kmalloc(16, GFP_KERNEL);
	CHECK(a);
	line = LINE_OF(CHECK(!kmem_cache_alloc(s, GFP_KERNEL)));
	CHECK_EQ(shim_fault_injected(), 2);
	CHECK_EQ(shim_fault_last_family(), SHIM_FAM_SLAB);
	CHECK(shim_fault_last_site() && shim_fault_last_site()->line == line);
	CHECK_EQ(shim_kmem_cache_live(s), 2);

	/* n == 0 disarms. */
	shim_fault_fail_nth(0, 0);
	for (int i = 0; i < 4; i++) {
		void *x = kmalloc(8, GFP_KERNEL);

		CHECK(x);
		kfree(x);
	}
	CHECK_EQ(shim_fault_injected(), 2);

	kfree(a);
	kvfree(b);
	kmem_cache_free(s, o1);
	kmem_cache_free(s, o2);
	kmem_cache_destroy(s);
	__free_pages(pg2, 0);
	EXPECT_COUNT(0);
	EXPECT_CLEAN_END();
}

static void t_fault_bulk(void)
{
	struct kmem_cache *s = kmem_cache_create("bulk", 64, 0, 0, NULL);
	void *objs[8] = { 0 };
	int line, n;

	CHECK(s);
	shim_fault_fail_nth(1, SHIM_FAM_MASK(SHIM_FAM_SLAB));
	line = LINE_OF(n = kmem_cache_alloc_bulk(s, GFP_KERNEL, 8, objs));
	/* All or nothing. */
	CHECK_EQ(n, 0);
	CHECK_EQ(shim_fault_injected(), 1);
	CHECK(shim_fault_last_site() && shim_fault_last_site()->line == line);
	CHECK_EQ(shim_kmem_cache_live(s), 0);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_SLAB), 0);
	/* One injection check per bulk call, not per object. */
	CHECK_EQ(shim_fault_calls_masked(), 1);

	/* The budget also fails the whole call. */
	shim_fault_fail_nth(0, 0);
	shim_mem_set_budget(shim_mem_in_use() + 3 * 64);
	n = kmem_cache_alloc_bulk(s, GFP_KERNEL, 8, objs);
	CHECK_EQ(n, 0);
	CHECK_EQ(shim_kmem_cache_live(s), 0);
	shim_mem_set_budget(SHIM_MEM_DEFAULT_BUDGET);

	n = kmem_cache_alloc_bulk(s, GFP_KERNEL, 8, objs);
	CHECK_EQ(n, 8);
	CHECK_EQ(shim_kmem_cache_live(s), 8);
	for (int i = 0; i < 8; i++)
		for (int j = i + 1; j < 8; j++)
			CHECK(objs[i] && objs[i] != objs[j]);
	kmem_cache_free_bulk(s, 8, objs);
	CHECK_EQ(shim_kmem_cache_live(s), 0);
	kmem_cache_destroy(s);
	EXPECT_COUNT(0);
	EXPECT_CLEAN_END();
}

static void t_budget(void)
{
	struct kmem_cache *s = kmem_cache_create("budget", 128, 0, 0, NULL);
	struct page *pg;
	void *a, *c;

	CHECK(s);
	shim_mem_set_budget(shim_mem_in_use() + 2 * PAGE_SIZE);
	a = kmalloc(PAGE_SIZE, GFP_KERNEL);
	pg = alloc_pages(GFP_KERNEL, 0);
	CHECK(a && pg);
	CHECK(!kmalloc(1, GFP_KERNEL));
	CHECK(!kvmalloc(1, GFP_KERNEL));
	CHECK(!kmem_cache_alloc(s, GFP_KERNEL));
	CHECK(!alloc_pages(GFP_KERNEL, 0));
	/* Not injected failures, and not findings. */
	CHECK_EQ(shim_fault_injected(), 0);
	EXPECT_COUNT(0);
	/* Freeing gives the budget back. */
	kfree(a);
	c = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(c);
	kmem_cache_free(s, c);
	__free_pages(pg, 0);
	CHECK_EQ(shim_mem_in_use(), 0);
	shim_mem_set_budget(SHIM_MEM_DEFAULT_BUDGET);
	kmem_cache_destroy(s);
	EXPECT_CLEAN_END();
}

/* ---------------- kernel semantics ---------------- */

static void t_sem_zero_size(void)
{
	void *p = kmalloc(0, GFP_KERNEL);
	void *q = kvmalloc(0, GFP_KERNEL);

	CHECK(p == ZERO_SIZE_PTR);
	CHECK(q == ZERO_SIZE_PTR);
	CHECK(ZERO_OR_NULL_PTR(p));
	kfree(p);
	kvfree(q);
	kfree(NULL);
	kvfree(NULL);
	CHECK(kcalloc(0, 8, GFP_KERNEL) == ZERO_SIZE_PTR);
	EXPECT_COUNT(0);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_KMALLOC), 0);
	EXPECT_CLEAN_END();
}

static void t_sem_kfree_slab(void)
{
	struct kmem_cache *s = kmem_cache_create("kfreeable", 48, 0, 0, NULL);
	void *p;
	int line;

	CHECK(s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(p);
	kfree(p);
	EXPECT_COUNT(0);
	CHECK_EQ(shim_kmem_cache_live(s), 0);
	/* It really was freed: freeing it again is a double free. */
	line = LINE_OF(kmem_cache_free(s, p));
	EXPECT_COUNT(1);
	EXPECT_LAST("double-free", line);
	kmem_cache_destroy(s);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

static void t_sem_kvfree_kmalloc(void)
{
	void *p = kmalloc(100, GFP_KERNEL);
	int line;

	CHECK(p);
	kvfree(p);
	EXPECT_COUNT(0);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_KMALLOC), 0);
	line = LINE_OF(kfree(p));
	EXPECT_COUNT(1);
	EXPECT_LAST("double-free", line);
	EXPECT_CLEAN_END();
}

/* krealloc/kvrealloc: the bytes move, the old object is freed, a freed one is refused. */
static void t_sem_realloc(void)
{
	char *p = kmalloc(16, GFP_KERNEL), *q, *r;
	int line;

	CHECK(p);
	memcpy(p, "0123456789abcdef", 16);
	q = krealloc(p, 64, GFP_KERNEL);
	CHECK(q && !memcmp(q, "0123456789abcdef", 16));
	EXPECT_COUNT(0);
	/*
	 * Each old object is checked before anything else is allocated:
	 * without ASan's quarantine the host heap hands freed addresses out
	 * again at once.
	 */
	line = LINE_OF(kfree(p));
	EXPECT_COUNT(1);
	EXPECT_LAST("double-free", line);
	r = kvrealloc(q, 8, GFP_KERNEL);
	CHECK(r && !memcmp(r, "01234567", 8));
	CHECK_EQ(shim_alloc_live(SHIM_FAM_KMALLOC) + shim_alloc_live(SHIM_FAM_KVMALLOC), 1);
	line = LINE_OF((void)krealloc(q, 32, GFP_KERNEL));
	EXPECT_COUNT(2);
	EXPECT_LAST("double-free", line);
	kvfree(r);
	EXPECT_CLEAN_END();
}

static void t_sem_kmalloc_max(void)
{
	void *p;
	int line;

	line = LINE_OF(p = kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	CHECK(!p);
	EXPECT_COUNT(1);
	EXPECT_LAST("warn", line);
	EXPECT_DETAIL("KMALLOC_MAX_SIZE");

	p = kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN);
	CHECK(!p);
	EXPECT_COUNT(1);

	/* The limit itself is fine. */
	p = kmalloc(KMALLOC_MAX_SIZE, GFP_KERNEL);
	CHECK(p);
	kfree(p);
	EXPECT_COUNT(1);
	EXPECT_CLEAN_END();
}

static int all_bytes(const void *p, int c, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != c)
			return 0;
	return 1;
}

/* kvmalloc() above KMALLOC_MAX_SIZE (vmalloc-sized): from the arena, recycled. */
static void t_sem_kvmalloc_large(void)
{
	size_t n = KMALLOC_MAX_SIZE + PAGE_SIZE + 123;
	unsigned char *p, *q;

	p = kvmalloc(n, GFP_KERNEL);
	CHECK(p);
	/* Never initialised: the in-use pattern, every byte. */
	CHECK(all_bytes(p, 0x5a, n));
	memset(p, 0x11, n);
	kvfree(p);
	q = kvzalloc(n, GFP_KERNEL);
	/* The same area again, not a new mapping, and zeroed. */
	CHECK(q == p);
	CHECK(all_bytes(q, 0, n));
	kvfree(q);
	q = kvmalloc(n, GFP_KERNEL);
	CHECK(q == p);
	CHECK(all_bytes(q, 0x5a, n));
	kvfree(q);
	EXPECT_COUNT(0);
	CHECK_EQ(shim_alloc_live(SHIM_FAM_KVMALLOC), 0);
	EXPECT_CLEAN_END();
}

static void t_sem_lifo_poison(void)
{
	struct kmem_cache *s = kmem_cache_create("lifo", 48, 0, 0, NULL);
	void *a, *b, *c, *z, *x, *y;

	CHECK(s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(a && b && a != b);
	/* Never-used slab memory carries the free poison. */
	CHECK(all_bytes(a, 0x6b, 48));
	memset(a, 0x11, 48);

	kmem_cache_free(s, a);
	c = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(c == a);
	/* Not zeroed: the free poison shows through (written at free, or
	 * under ASan when the object is handed out again). */
	CHECK(all_bytes(c, 0x6b, 48));

	kmem_cache_free(s, c);
	z = kmem_cache_zalloc(s, GFP_KERNEL);
	CHECK(z == a);
	CHECK(all_bytes(z, 0, 48));

	/* Last freed, first reused. */
	kmem_cache_free(s, b);
	kmem_cache_free(s, z);
	x = kmem_cache_alloc(s, GFP_KERNEL);
	y = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(x == z);
	CHECK(y == b);
	kmem_cache_free(s, x);
	kmem_cache_free(s, y);
	kmem_cache_destroy(s);
	EXPECT_COUNT(0);
	EXPECT_CLEAN_END();
}

static void t_sem_free_bulk_null(void)
{
	struct kmem_cache *s = kmem_cache_create("bulknull", 32, 0, 0, NULL);
	void *objs[4] = { 0 };
	int line;

	CHECK(s);
	line = LINE_OF(kmem_cache_free_bulk(s, 4, NULL));
	EXPECT_COUNT(1);
	EXPECT_LAST("null-deref", line);
	EXPECT_DETAIL("kmem_cache_free_bulk(bulknull, 4, NULL)");

	/* nr == 0 never reads the array. */
	kmem_cache_free_bulk(s, 0, NULL);
	EXPECT_COUNT(1);

	/* NULL entries in the array are skipped. */
	objs[1] = kmem_cache_alloc(s, GFP_KERNEL);
	objs[3] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free_bulk(s, 4, objs);
	EXPECT_COUNT(1);
	CHECK_EQ(shim_kmem_cache_live(s), 0);

	/* kmem_cache_free(s, NULL) is not NULL-safe, unlike kfree(). */
	line = LINE_OF(kmem_cache_free(s, NULL));
	EXPECT_COUNT(2);
	EXPECT_LAST("null-deref", line);
	kmem_cache_destroy(s);
	EXPECT_CLEAN_END();
}

/* ---------------- dma_resv fences ---------------- */

static unsigned int fences_released;

static void count_release(struct dma_fence *f)
{
	(void)f;
	fences_released++;
}

/*
 * A fence takes a reserved slot unless it replaces one of its own context
 * (not earlier) or a signalled one, as dma-resv.c does; the resv holds a
 * reference to each until dma_resv_fini().
 */
static void t_dma_resv_fences(void)
{
	struct dma_fence a1 = { .context = 1, .seqno = 1, .shim_release = count_release };
	struct dma_fence a2 = { .context = 1, .seqno = 2, .shim_release = count_release };
	struct dma_fence b1 = { .context = 2, .seqno = 1, .shim_release = count_release };
	struct dma_fence c1 = { .context = 3, .seqno = 1, .shim_release = count_release };
	struct dma_fence *all[] = { &a1, &a2, &b1, &c1 };
	struct dma_resv r;
	int line;

	for (unsigned int i = 0; i < ARRAY_SIZE(all); i++)
		kref_init(&all[i]->refcount);
	dma_resv_init(&r);
	CHECK_EQ(dma_resv_lock(&r, NULL), 0);
	line = LINE_OF(dma_resv_add_fence(&r, &a1, DMA_RESV_USAGE_KERNEL));
	EXPECT_COUNT(1);
	EXPECT_LAST("dma-resv", line);

	dma_resv_reserve_fences(&r, 1);
	dma_resv_add_fence(&r, &a1, DMA_RESV_USAGE_KERNEL);
	dma_resv_add_fence(&r, &a2, DMA_RESV_USAGE_KERNEL);	/* replaces a1 */
	EXPECT_COUNT(1);
	CHECK_EQ(shim_dma_resv_fences_held(), 1);
	CHECK_EQ(fences_released, 0);
	CHECK_EQ(kref_read(&a1.refcount), 1);	/* the resv's reference went */
	line = LINE_OF(dma_resv_add_fence(&r, &b1, DMA_RESV_USAGE_KERNEL));
	EXPECT_COUNT(2);	/* another context, no slot left */
	EXPECT_LAST("dma-resv", line);

	a2.signaled = true;	/* a signalled fence gives its slot up */
	dma_resv_add_fence(&r, &c1, DMA_RESV_USAGE_KERNEL);
	EXPECT_COUNT(2);
	CHECK_EQ(kref_read(&a2.refcount), 1);
	CHECK_EQ(kref_read(&c1.refcount), 2);
	dma_resv_unlock(&r);
	dma_resv_fini(&r);
	CHECK_EQ(kref_read(&c1.refcount), 1);
	CHECK_EQ(shim_dma_resv_fences_held(), 0);
	EXPECT_CLEAN_END();
}

/* ---------------- signals ---------------- */

static unsigned int source_asked;
static bool source_says;

static bool test_source(enum shim_signal_point point, const struct shim_site *site)
{
	(void)point;
	(void)site;
	source_asked++;
	return source_says;
}

/*
 * Where the kernel would sleep interruptibly, a signal the source says
 * arrives wakes the caller: -EINTR from a lock (not taken), -ERESTARTSYS
 * from a wait whose condition is false. A wait whose condition holds, and
 * a ww_mutex the context already holds (-EALREADY), never ask. A pending
 * signal leaves an uncontended lock alone, as in the kernel.
 */
static void t_sem_signal(void)
{
	struct ww_acquire_ctx ctx;
	unsigned long delivered = shim_signals_delivered();
	struct dma_resv r;
	wait_queue_head_t wq;
	struct mutex m;
	int cond = 0;

	init_waitqueue_head(&wq);
	mutex_init(&m);
	dma_resv_init(&r);
	shim_signal_set_source(test_source);

	source_says = false;
	shim_signal_pending_set(1);
	CHECK_EQ(mutex_lock_interruptible(&m), 0);	/* pending: not looked at */
	CHECK_EQ(shim_signal_pending(), 1);
	mutex_unlock(&m);
	shim_signal_pending_set(0);

	source_says = true;
	CHECK_EQ(mutex_lock_interruptible(&m), -EINTR);
	CHECK(!mutex_is_locked(&m));
	CHECK_EQ(dma_resv_lock_interruptible(&r, NULL), -EINTR);
	CHECK(!dma_resv_is_locked(&r));

	source_says = false;
	ww_acquire_init(&ctx, &reservation_ww_class);
	CHECK_EQ(dma_resv_lock_interruptible(&r, &ctx), 0);
	source_says = true;
	source_asked = 0;
	CHECK_EQ(dma_resv_lock_interruptible(&r, &ctx), -EALREADY);	/* no sleep */
	CHECK_EQ(source_asked, 0);
	dma_resv_unlock(&r);
	ww_acquire_fini(&ctx);

	CHECK_EQ(wait_event_interruptible(wq, cond == 0), 0);	/* true: no sleep */
	CHECK_EQ(source_asked, 0);
	CHECK_EQ(wait_event_interruptible(wq, cond == 1), -ERESTARTSYS);
	CHECK_EQ(source_asked, 1);
	CHECK_EQ(shim_signals_delivered() - delivered, 3);

	shim_signal_set_source(NULL);
	CHECK_EQ(mutex_lock_interruptible(&m), 0);	/* no source: no signal */
	mutex_unlock(&m);
	dma_resv_fini(&r);
	EXPECT_CLEAN_END();
}

/* ---------------- driver ---------------- */

struct tcase {
	const char *name;
	void (*fn)(void);
};

/*
 * One entry per line, "\t{ \"name\", fn }," exactly: detectors.cmake reads
 * the names from here.
 */
static const struct tcase cases[] = {
	{ "double-free-kfree", t_double_free_kfree },
	{ "double-free-kmem-cache", t_double_free_kmem_cache },
	{ "double-free-pages", t_double_free_pages },
	{ "invalid-free-never-allocated", t_invalid_free_never },
	{ "invalid-free-interior", t_invalid_free_interior },
	{ "wrong-allocator-kfree-kvmalloc", t_wrong_allocator_kfree_kvmalloc },
	{ "wrong-allocator-other-cache", t_wrong_allocator_other_cache },
	{ "wrong-allocator-free-pages-slab", t_wrong_allocator_free_pages_slab },
	{ "wrong-allocator-order", t_wrong_allocator_order },
	{ "wrong-allocator-kvfree-pages", t_wrong_allocator_kvfree_pages },
	{ "cache-destroy-live", t_cache_destroy_live },
	{ "cache-use-after-destroy", t_cache_use_after_destroy },
	{ "leak-count", t_leak_count },
	{ "leak-families", t_leak_families },
	{ "uaf-asan-slab", t_uaf_asan_slab },
	{ "uaf-asan-slab-child", t_uaf_asan_slab_child },
	{ "uaf-asan-pages", t_uaf_asan_pages },
	{ "uaf-asan-pages-child", t_uaf_asan_pages_child },
	{ "bad-pte-deref", t_bad_pte_deref },
	{ "warn-on", t_warn_on },
	{ "warn-continue", t_warn_continue },
	{ "warn-once", t_warn_once },
	{ "bug-on", t_bug_on },
	{ "dma-map-leak", t_dma_map_leak },
	{ "dma-free-mapped", t_dma_free_mapped },
	{ "dma-unmap-unmapped", t_dma_unmap_unmapped },
	{ "dma-sync-unmapped", t_dma_sync_unmapped },
	{ "fault-nth", t_fault_nth },
	{ "fault-mask", t_fault_mask },
	{ "fault-bulk", t_fault_bulk },
	{ "budget", t_budget },
	{ "sem-zero-size", t_sem_zero_size },
	{ "sem-kfree-slab", t_sem_kfree_slab },
	{ "sem-kvfree-kmalloc", t_sem_kvfree_kmalloc },
	{ "sem-kmalloc-max", t_sem_kmalloc_max },
	{ "sem-realloc", t_sem_realloc },
	{ "sem-lifo-poison", t_sem_lifo_poison },
	{ "sem-kvmalloc-large", t_sem_kvmalloc_large },
	{ "sem-free-bulk-null", t_sem_free_bulk_null },
	{ "dma-resv-fences", t_dma_resv_fences },
	{ "sem-signal", t_sem_signal },
};

int main(int argc, char **argv)
{
	const struct tcase *tc = NULL;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <case>|list\n", argv[0]);
		return 2;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (!strcmp(argv[1], "list"))
			printf("%s\n", cases[i].name);
		else if (!strcmp(argv[1], cases[i].name))
			tc = &cases[i];
	}
	if (!strcmp(argv[1], "list"))
		return 0;
	if (!tc) {
		fprintf(stderr, "unknown case '%s' (try 'list')\n", argv[1]);
		return 2;
	}
	/* The expected signatures spell the file out; check the premise. */
	CHECK(!strcmp(__FILE__, THIS_FILE));
	begin_case();
	tc->fn();
	/* Give everything back so LeakSanitizer sees a clean exit. */
	begin_case();
	if (failures) {
		fprintf(stderr, "%s: %d check(s) failed\n", tc->name, failures);
		return 1;
	}
	printf("%s: ok\n", tc->name);
	return 0;
}
