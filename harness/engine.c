// SPDX-License-Identifier: GPL-2.0-only
/* Engine set-up: options from the environment, banner, ASan signatures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <shim/warn.h>

#include "../model/seed_variant.h"
#include "engine.h"

#ifndef VMBIND_KERNEL_VERSION
#define VMBIND_KERNEL_VERSION "unknown"
#endif

void vmbind_print_banner(FILE *out, const char *engine)
{
	const struct vmbind_backend *be = vmbind_default_backend();

	fprintf(out, "vmbind-fuzz (%s): prealloc logic: %s (%s)%s%s, kernel tree Linux %s\n",
		engine, be->name, be->source,
		be == &vmbind_backend_seed ? ", variant " : "",
		be == &vmbind_backend_seed ? seed_variant_name(seed_variant) : "",
		VMBIND_KERNEL_VERSION);
}

void vmbind_engine_setup(struct vmbind_options *o, const char *engine)
{
	const char *v;

	vmbind_options_default(o);
	v = getenv("VMBIND_VARIANT");
	if (v && *v) {
		int var = seed_variant_parse(v);

		if (var < 0) {
			fprintf(stderr, "vmbind: unknown VMBIND_VARIANT '%s'; one of:", v);
			for (int i = 0; i < SEED_VARIANT_NR; i++)
				fprintf(stderr, " %s", seed_variant_name(i));
			fprintf(stderr, "\n");
			exit(2);
		}
		seed_variant = var;
	}
	v = getenv("VMBIND_ORACLES");
	if (v && *v)
		o->oracles = (unsigned int)strtoul(v, NULL, 0);
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
 * signature, e.g. "asan-heap-use-after-free seed_alloc_pt model/seed_msm.c:157".
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
		fprintf(stderr, "==vmbind== SIGNATURE: asan-%s %s %s\n", kind, func, loc);
		return;
	}
	fprintf(stderr, "==vmbind== SIGNATURE: asan-%s ? ?:0\n", kind);
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
