// SPDX-License-Identifier: GPL-2.0-only
/*
 * Standalone reproducer: runs fuzz inputs (files, or every file of a
 * directory in name order) without an engine, with the same verdict.
 *
 *   vmbind_repro [-v] [-q] [-b N] FILE|DIR...
 *     -v    print the decoded input and per-job reservation figures
 *     -q    print only findings
 *     -b N  benchmark: run every input N times in-process, print exec/s
 *           and the slowest inputs (inputs with findings are skipped)
 *     --decode  print the decoded input only, run nothing
 *     --describe  the decoder's view as key=value lines (tools/vmbind-text)
 *     --dictionary  print the engines' dictionary (dict/vmbind.dict)
 *     --ioctls OUT  write the input's VM_BIND ioctl sequence to OUT, for
 *           tools/replay-device (job_ioctls.h), and run nothing
 *     --blind S [--seed N]  run uniformly random inputs, for S seconds or
 *           until a finding (which aborts, as under an engine), with the
 *           lengths of the given files: a baseline without coverage
 *           feedback for tools/bench
 *   exit 0: no finding; 1: at least one finding; 2: usage or I/O error
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <shim/finding.h>

#include "dictionary.h"
#include "engine.h"
#include "input.h"
#include "ioctl_trace.h"
#include "job_ioctls.h"

static struct vmbind_options opts;
static int quiet;
static unsigned long files_run, files_with_findings;
static unsigned long bench_reps;
static int decode_only;
static int describe_only;
static const char *ioctls_out;
static double blind_seconds;
static uint64_t blind_seed = 1;
static size_t *blind_lengths;
static size_t nblind_lengths;

struct bench_entry {
	char *path;
	double seconds;		/* per execution */
};
static struct bench_entry *bench;
static size_t nbench, bench_cap;
static double bench_total;
static unsigned long bench_execs;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void bench_input(const char *path, const uint8_t *data, size_t size)
{
	struct vmbind_result res;
	double t0 = now(), dt;

	for (unsigned long i = 0; i < bench_reps; i++)
		vmbind_run(data, size, &opts, &res);
	dt = now() - t0;
	bench_total += dt;
	bench_execs += bench_reps;
	if (nbench == bench_cap)
		bench = realloc(bench, (bench_cap = bench_cap ? bench_cap * 2 : 64) *
					       sizeof(*bench));
	bench[nbench].path = strdup(path);
	bench[nbench].seconds = dt / bench_reps;
	nbench++;
}

static int cmp_bench(const void *a, const void *b)
{
	double x = ((const struct bench_entry *)a)->seconds;
	double y = ((const struct bench_entry *)b)->seconds;

	return x < y ? 1 : x > y ? -1 : 0;
}

static void bench_report(void)
{
	qsort(bench, nbench, sizeof(*bench), cmp_bench);
	printf("bench: %lu executions of %zu inputs in %.3f s: %.0f exec/s\n",
	       bench_execs, nbench, bench_total,
	       bench_total > 0 ? bench_execs / bench_total : 0.0);
	for (size_t i = 0; i < nbench && i < 5; i++)
		printf("bench: slowest %zu: %.1f us %s\n", i + 1,
		       bench[i].seconds * 1e6, bench[i].path);
	for (size_t i = 0; i < nbench; i++)
		free(bench[i].path);
}

static int read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0;
	uint8_t *buf;

	if (!f)
		return -1;
	buf = malloc(cap);
	for (;;) {
		size_t r;

		if (n == cap)
			buf = realloc(buf, cap *= 2);
		r = fread(buf + n, 1, cap - n, f);
		if (!r)
			break;
		n += r;
	}
	fclose(f);
	*data = buf;
	*size = n;
	return 0;
}

static int run_file(const char *path)
{
	static jmp_buf recover;
	struct vmbind_result res;
	uint8_t *data;
	size_t size;
	unsigned long before;

	if (read_file(path, &data, &size)) {
		fprintf(stderr, "vmbind_repro: cannot read %s\n", path);
		return 2;
	}
	files_run++;
	if (blind_seconds > 0) {
		blind_lengths = realloc(blind_lengths,
					(nblind_lengths + 1) * sizeof(*blind_lengths));
		blind_lengths[nblind_lengths++] = size;
		free(data);
		return 0;
	}
	if (describe_only) {
		printf("== %s (%zu bytes)\n", path, size);
		vmbind_input_describe(stdout, data, size);
		free(data);
		return 0;
	}
	if (ioctls_out) {
		struct vmbind_input in;
		bool ok = ioctl_trace_start(ioctls_out, path);

		vmbind_input_decode(data, size, &in);
		if (ok)
			vmbind_input_write_ioctls(&in);
		ok = ok && ioctl_trace_finish();
		vmbind_input_free(&in);
		free(data);
		if (!ok)
			fprintf(stderr, "vmbind_repro: cannot write %s\n", ioctls_out);
		return ok ? 0 : 2;
	}
	if (decode_only) {
		struct vmbind_input in;

		vmbind_input_decode(data, size, &in);
		printf("== %s (%zu bytes)\n", path, size);
		vmbind_input_print(stdout, &in);
		for (size_t i = 0; i < in.nops; i++) {
			printf("  op %3zu: ", i);
			vmbind_op_print(stdout, &in.ops[i]);
			printf("\n");
		}
		vmbind_input_free(&in);
		free(data);
		return 0;
	}
	shim_findings_clear();
	before = shim_findings_count();
	if (opts.trace)
		fprintf(opts.trace, "== %s (%zu bytes)\n", path, size);
	/* A finding jumps back here; the next input starts from a reset shim. */
	shim_finding_set_mode(SHIM_FINDING_JUMP);
	shim_finding_set_jmpbuf(&recover);
	if (!setjmp(recover))
		vmbind_run(data, size, &opts, &res);
	if (shim_findings_count() != before) {
		free(data);
		files_with_findings++;
		printf("%s: FINDING %s\n", path, shim_findings_first());
		return 1;
	}
	if (bench_reps) {
		bench_input(path, data, size);
		free(data);
		return 0;
	}
	free(data);
	if (!quiet)
		printf("%s: no finding (%u jobs, %u run%s; %llu pages mapped, %llu unmapped; reserved %llu, needed %llu, used %llu)\n",
		       path, res.jobs, res.jobs_run,
		       res.over_budget ? ", stopped at the work budget" : "",
		       (unsigned long long)res.pages_mapped,
		       (unsigned long long)res.pages_unmapped,
		       (unsigned long long)res.reserved_total,
		       (unsigned long long)res.needed_total,
		       (unsigned long long)res.used_total);
	if (!quiet && opts.backend->rules->count_runs)
		printf("%s: the seed patch's per-op count would reserve %llu (kernel %llu, %+lld)\n",
		       path, (unsigned long long)res.seed_count_total,
		       (unsigned long long)res.reserved_total,
		       (long long)res.reserved_total - (long long)res.seed_count_total);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int worst = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "vmbind_repro: %s: no such file or directory\n", path);
		return 2;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "vmbind_repro: cannot open directory %s\n", path);
		return 2;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap)
			names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));
		names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
		sprintf(names[n], "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct stat fs;
		int r = 0;

		if (!stat(names[i], &fs) && S_ISREG(fs.st_mode))
			r = run_file(names[i]);
		if (r > worst)
			worst = r;
		free(names[i]);
	}
	free(names);
	return worst;
}

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/*
 * Blind search: uniformly random bytes, each input's length drawn from the
 * given files' lengths, run as an engine runs them (a finding aborts with
 * its report; suppressed and masked findings just end the input).
 */
static int run_blind(void)
{
	size_t cap = 0;
	uint8_t *buf = NULL;
	unsigned long n = 0;
	double t0 = now(), t = t0, next_report = t0 + 10;

	if (!nblind_lengths) {
		fprintf(stderr, "vmbind_repro: --blind needs files whose lengths to draw from\n");
		return 2;
	}
	for (size_t i = 0; i < nblind_lengths; i++)
		if (blind_lengths[i] > cap)
			cap = blind_lengths[i];
	buf = malloc(cap + 8);
	while (t - t0 < blind_seconds) {
		size_t len = blind_lengths[splitmix64(&blind_seed) % nblind_lengths];

		for (size_t i = 0; i < len; i += 8) {
			uint64_t r = splitmix64(&blind_seed);

			memcpy(buf + i, &r, 8);
		}
		vmbind_engine_run(buf, len, &opts);
		n++;
		if (!(n & 63)) {
			t = now();
			if (t >= next_report) {
				fprintf(stderr, "blind: %lu inputs in %.0f s\n", n, t - t0);
				next_report += 10;
			}
		}
	}
	printf("blind: %lu inputs in %.1f s (%.0f exec/s), no finding\n", n,
	       t - t0, n / (t - t0));
	free(buf);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: vmbind_repro [-v] [-q] [-b N] [--decode|--describe|--blind S] FILE|DIR...\n"
		"       vmbind_repro --dictionary\n"
		"  -v    print the decoded input and per-job reservation figures\n"
		"  -q    print only findings\n"
		"  -b N  run every input N times in-process and print exec/s\n"
		"  --decode  print the decoded input only\n"
		"  --describe  everything the decoder makes of it, as key=value\n"
		"              lines (for tools/vmbind-text)\n"
		"  --dictionary  print the engines' dictionary (dict/vmbind.dict)\n"
		"  --ioctls OUT FILE  write the input's VM_BIND ioctl sequence to OUT\n"
		"              (tools/replay-device) and run nothing\n"
		"  --blind S [--seed N] FILE|DIR...  uniformly random inputs with\n"
		"              the lengths of these files, S seconds or until a\n"
		"              finding (aborts, as under an engine)\n"
		"exit status: 0 no finding, 1 finding(s), 2 usage or I/O error\n");
}

int main(int argc, char **argv)
{
	int worst = 0, first = 1;

	vmbind_engine_setup(&opts, "standalone");
	for (; first < argc && argv[first][0] == '-'; first++) {
		if (!strcmp(argv[first], "-v")) {
			opts.trace = stdout;
		} else if (!strcmp(argv[first], "-q")) {
			quiet = 1;
		} else if (!strcmp(argv[first], "--decode")) {
			decode_only = 1;
			quiet = 1;
		} else if (!strcmp(argv[first], "--describe")) {
			describe_only = 1;
			quiet = 1;
		} else if (!strcmp(argv[first], "--ioctls") && first + 1 < argc) {
			ioctls_out = argv[++first];
			quiet = 1;
		} else if (!strcmp(argv[first], "--dictionary")) {
			vmbind_dictionary_write(stdout);
			return 0;
		} else if (!strcmp(argv[first], "--blind") && first + 1 < argc) {
			blind_seconds = strtod(argv[++first], NULL);
			quiet = 1;
		} else if (!strcmp(argv[first], "--seed") && first + 1 < argc) {
			blind_seed = strtoull(argv[++first], NULL, 0);
		} else if (!strcmp(argv[first], "-b") && first + 1 < argc) {
			bench_reps = strtoul(argv[++first], NULL, 0);
			quiet = 1;
		} else if (!strcmp(argv[first], "-h") || !strcmp(argv[first], "--help")) {
			usage();
			return 0;
		} else {
			usage();
			return 2;
		}
	}
	if (first == argc || (ioctls_out && argc - first != 1)) {
		usage();
		return 2;
	}
	if (!quiet)
		vmbind_print_banner(stdout, "standalone");
	for (int i = first; i < argc; i++) {
		int r = run_path(argv[i]);

		if (r > worst)
			worst = r;
	}
	if (blind_seconds > 0 && worst < 2)
		return run_blind();
	if (bench_reps)
		bench_report();
	if (!quiet || files_with_findings)
		printf("%lu input(s), %lu with findings\n", files_run, files_with_findings);
	return worst;
}
