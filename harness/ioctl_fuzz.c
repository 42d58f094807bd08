// SPDX-License-Identifier: GPL-2.0-only
/*
 * Entry points of the ioctl path (ioctl_path.h): the tree's VM_BIND ioctl,
 * msm_gem_vma.c, driven by a fuzz input. Byte 0 holds flags (bit 0: an
 * allocation failure in each ioctl; bit 2: in each open of the file;
 * bit 3: signals where an ioctl sleeps, and tiles requests; bit 6: ias 48
 * and large-range requests; IOCTL_RUN_*); every later byte
 * is a decision of
 * ioctl_driver.c (which request, which ops, when jobs run, handles and
 * files closed), read until the input ends. Any byte string is a valid
 * input, and the same input gives the same run.
 *
 * libFuzzer: LLVMFuzzerTestOneInput(); a finding prints its report and
 * aborts. Built with VMBIND_IOCTL_AFL, main() is AFL++'s persistent loop
 * (shared-memory test cases; without afl-fuzz, one input from stdin).
 * Built with VMBIND_IOCTL_REPRO, main() is the standalone reproducer with
 * the same verdict:
 *   vmbind_repro_ioctl [-q] FILE|DIR...
 *   vmbind_repro_ioctl --ioctls OUT FILE   and write its ioctl sequence
 *       to OUT for tools/replay-device (ioctl_trace.h)
 *   exit 0: no finding; 1: at least one finding; 2: usage or I/O error
 * VMBIND_KNOWN=case,... (crashes/unit/msm-vma-*.md names; tools set it
 * from the notes that apply to the tree) goes past those findings.
 */
#define _GNU_SOURCE	/* asprintf() */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <drm/gpu_scheduler.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <shim/alloc.h>
#include <shim/finding.h>

#include "ioctl_path.h"
#include "ioctl_trace.h"

#define IOCTL_MAX_STEPS 2000

static void setup_once(void)
{
	static bool done;
	const char *known = getenv("VMBIND_KNOWN");

	if (done)
		return;
	done = true;
	if (known && *known) {
		char *list = strdup(known);

		if (!list || !ioctl_parse_known(list)) {
			fprintf(stderr, "vmbind: VMBIND_KNOWN: '%s' is not a list of known-finding names (the Case: of crashes/unit/msm-vma-*.md, open-enomem, prr-page-unchecked, prealloc-count-u32-wrap, prealloc-kvmalloc-warn, none)\n",
				known);
			exit(2);
		}
		free(list);
	}
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	shim_finding_set_suppress(ioctl_suppress_known);
	shim_finding_set_context(ioctl_print_context, NULL);
	shim_wait_set_progress(ioctl_wait_progress);
}

/* One input; returns the number of findings (their reports printed). */
static unsigned long run_one(const uint8_t *data, size_t size)
{
	setup_once();
	shim_reset();
	shim_sched_reset();
	shim_findings_clear();
	shim_user_unmap_all();
	shim_signal_pending_set(0);
	shim_fault_fail_nth(0, 0);
	ioctl_source_bytes(size ? data + 1 : data, size ? size - 1 : 0);
	return ioctl_run(IOCTL_MAX_STEPS,
			 size ? data[0] & (IOCTL_RUN_ENOMEM | IOCTL_RUN_OPEN_ENOMEM |
					   IOCTL_RUN_SIGNALS | IOCTL_RUN_LARGE) : 0);
}

#if defined(VMBIND_IOCTL_AFL)

__AFL_FUZZ_INIT();

/* Not optimised, as harness/fuzz_afl.c says: AFL++ stability. */
__attribute__((optnone)) int main(void)
{
	unsigned char *buf;

	/* Before the loop: its first call's branch would differ (stability). */
	setup_once();
#ifdef __AFL_HAVE_MANUAL_CONTROL
	__AFL_INIT();
#endif
	buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(100000)) {
		if (run_one(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN))
			abort();
	}
	return 0;
}

#elif !defined(VMBIND_IOCTL_REPRO)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (run_one(data, size))
		abort();	/* the report is printed: the engine keeps the input */
	return 0;
}

#else

static int quiet;

static int run_file(const char *path)
{
	static uint8_t buf[1 << 20];
	FILE *f = fopen(path, "rb");
	unsigned long n;
	size_t size;

	if (!f) {
		perror(path);
		return 2;
	}
	size = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (!quiet)
		fprintf(stderr, "vmbind: %s (%zu bytes)\n", path, size);
	n = run_one(buf, size);
	if (n)
		printf("%s: %lu finding(s), first: %s\n", path, n, shim_findings_first());
	else if (!quiet)
		printf("%s: no finding\n", path);
	return n ? 1 : 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path)
{
	struct stat st;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int worst = 0;
	DIR *dir;

	if (stat(path, &st)) {
		perror(path);
		return 2;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	dir = opendir(path);
	if (!dir) {
		perror(path);
		return 2;
	}
	while ((e = readdir(dir))) {
		char **more;

		if (e->d_name[0] == '.')
			continue;
		more = realloc(names, (n + 1) * sizeof(*names));
		if (!more || asprintf(&more[n], "%s/%s", path, e->d_name) < 0) {
			fprintf(stderr, "vmbind: out of memory\n");
			exit(2);
		}
		names = more;
		n++;
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		int r = run_file(names[i]);

		if (r > worst)
			worst = r;
		free(names[i]);
	}
	free(names);
	return worst;
}

/* One input, its ioctl sequence written to out as it runs. */
static int run_traced(const char *out, const char *path)
{
	int r;

	if (!ioctl_trace_start(out, path))
		return 2;
	ioctl_capture_install();
	r = run_file(path);
	if (!ioctl_trace_finish()) {
		fprintf(stderr, "vmbind_repro_ioctl: cannot write %s\n", out);
		return 2;
	}
	return r;
}

int main(int argc, char **argv)
{
	int worst = 0, i = 1;

	if (i < argc && !strcmp(argv[i], "-q")) {
		quiet = 1;
		i++;
	}
	if (argc - i == 3 && !strcmp(argv[i], "--ioctls"))
		return run_traced(argv[i + 1], argv[i + 2]);
	if (i == argc || !strcmp(argv[i], "--ioctls")) {
		fprintf(stderr, "usage: vmbind_repro_ioctl [-q] FILE|DIR...\n"
			"       vmbind_repro_ioctl [-q] --ioctls OUT FILE\n"
			"  --ioctls OUT  also write the input's ioctl sequence to OUT\n"
			"                (tools/replay-device)\n"
			"exit status: 0 no finding, 1 finding(s), 2 usage or I/O error\n");
		return 2;
	}
	for (; i < argc; i++) {
		int r = run_path(argv[i]);

		if (r > worst)
			worst = r;
	}
	return worst;
}

#endif
