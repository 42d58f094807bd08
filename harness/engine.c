// SPDX-License-Identifier: GPL-2.0-only
/* Engine set-up: options from the environment, banner, ASan signatures. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <shim/finding.h>
#include <shim/warn.h>

#include "engine.h"
#include "oracles.h"

#ifndef VMBIND_KERNEL_VERSION
#define VMBIND_KERNEL_VERSION "unknown"
#endif

void vmbind_print_banner(FILE *out, const char *engine)
{
	const struct vmbind_backend *be = vmbind_default_backend();

	fprintf(out, "vmbind-fuzz (%s): prealloc logic: %s (%s), kernel tree Linux %s\n",
		engine, be->name, be->source, VMBIND_KERNEL_VERSION);
}

#define MAX_SUPPRESS 32
static char *suppress_prefix[MAX_SUPPRESS];
static int nsuppress;

static const char *only_prefix;

static int suppressed(const char *signature)
{
	if (only_prefix && strncmp(signature, only_prefix, strlen(only_prefix)))
		return 1;
	for (int i = 0; i < nsuppress; i++)
		if (!strncmp(signature, suppress_prefix[i], strlen(suppress_prefix[i])))
			return 1;
	return 0;
}

static void parse_suppress(const char *list)
{
	char *copy = strdup(list), *save = NULL;

	for (char *tok = strtok_r(copy, ";\n", &save); tok && nsuppress < MAX_SUPPRESS;
	     tok = strtok_r(NULL, ";\n", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok)
			suppress_prefix[nsuppress++] = strdup(tok);
	}
	free(copy);
	if (nsuppress)
		shim_finding_set_suppress(suppressed);
}

void vmbind_engine_run(const uint8_t *data, size_t size,
		       const struct vmbind_options *o)
{
	static jmp_buf recover;
	struct vmbind_result res;

	shim_finding_set_mode(SHIM_FINDING_JUMP);
	shim_finding_set_jmpbuf(&recover);
	switch (setjmp(recover)) {
	case 0:
		vmbind_run(data, size, o, &res);
		return;
	case 2:
		return;		/* suppressed: a known finding */
	default:
		abort();	/* reported: let the engine keep the input */
	}
}

void vmbind_engine_setup(struct vmbind_options *o, const char *engine)
{
	const char *v;

	vmbind_options_default(o);
	/* The variant test binaries consume it before main (seed_variant.c). */
	if (getenv("VMBIND_VARIANT")) {
		fprintf(stderr, "vmbind: VMBIND_VARIANT is for the test build's variant binaries (build/<preset>/tests/vmbind_*_variants); this binary runs the seed as posted\n");
		exit(2);
	}
	v = getenv("VMBIND_ORACLES");
	if (v && *v) {
		const char *bad;

		if (oracle_parse_list(v, &o->oracles, &bad)) {
			fprintf(stderr, "vmbind: VMBIND_ORACLES: unknown oracle '%.*s'; names: all none %s (',' between, '-name' takes one away)\n",
				(int)strcspn(bad, ","), bad, oracle_names());
			exit(2);
		}
	}
	v = getenv("VMBIND_SUPPRESS");
	if (v && *v)
		parse_suppress(v);
	v = getenv("VMBIND_ONLY");
	if (v && *v) {
		only_prefix = v;
		shim_finding_set_suppress(suppressed);
	}
	v = getenv("VMBIND_WARN_CONTINUE");
	if (v && *v && strcmp(v, "0"))
		shim_warn_set_continue(1);
	vmbind_install_asan_signature();
	(void)engine;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VMBIND_ASAN 1
#endif
#endif

#ifdef VMBIND_ASAN
#include <sanitizer/asan_interface.h>

/*
 * "ERROR: AddressSanitizer: <kind> ..." and the first stack frame outside
 * the sanitizer runtime and the shim's allocator internals give the
 * signature, e.g. "asan:heap-use-after-free seed_alloc_pt targets/seed/seed_msm.c:157",
 * the form tools/lib/common.sh gives a report without this line.
 */
static void asan_report(const char *report)
{
	const char *k = strstr(report, "ERROR: AddressSanitizer: ");
	char kind[64] = "unknown";
	const char *line;

	if (k)
		sscanf(k + 25, "%63[a-z-]", kind);
	for (line = report; line && *line; line = strchr(line, '\n')) {
		char func[160], loc[256];

		if (*line == '\n')
			line++;
		if (sscanf(line, " #%*d 0x%*x in %159s %255s", func, loc) != 2)
			continue;
		if (!strncmp(func, "__asan", 6) || !strncmp(func, "__interceptor", 13) ||
		    strstr(loc, "compiler-rt") || strstr(loc, "sanitizer") ||
		    !strncmp(loc, "shim/", 5))
			continue;
		/* file:line:col -> file:line */
		char *c = strrchr(loc, ':');

		if (c && strchr(loc, ':') != c)
			*c = 0;
		fprintf(stderr, "==vmbind== SIGNATURE: asan:%s %s %s\n", kind, func, loc);
		return;
	}
	fprintf(stderr, "==vmbind== SIGNATURE: asan:%s ? ?:0\n", kind);
}

void vmbind_install_asan_signature(void)
{
	__asan_set_error_report_callback(asan_report);
}
#else
void vmbind_install_asan_signature(void)
{
}
#endif
