// SPDX-License-Identifier: GPL-2.0-only
/* Finding reporting: one signature line, detail, optional context, policy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <shim/finding.h>

static enum shim_finding_mode mode = SHIM_FINDING_ABORT;
static jmp_buf *recovery;
static int quiet;
static void (*context_fn)(FILE *out, void *arg);
static void *context_arg;
static unsigned long count;
static int (*suppress)(const char *signature);
static char first_sig[SHIM_SIGNATURE_MAX];
static char last_sig[SHIM_SIGNATURE_MAX];
static char last_detail[1024];
#define MAX_KINDS 32
static char kinds[MAX_KINDS][48];
static int nkinds;

void shim_finding_set_mode(enum shim_finding_mode m)
{
	mode = m;
}

enum shim_finding_mode shim_finding_get_mode(void)
{
	return mode;
}

void shim_finding_set_jmpbuf(jmp_buf *buf)
{
	recovery = buf;
}

void shim_finding_set_quiet(int q)
{
	quiet = q;
}

void shim_finding_set_context(void (*fn)(FILE *out, void *arg), void *arg)
{
	context_fn = fn;
	context_arg = arg;
}

FILE *shim_report_stream(void)
{
	return stderr;
}

static const char *basename_of(const char *file)
{
	return file ? file : "?";
}

static void record_kind(const char *kind)
{
	for (int i = 0; i < nkinds; i++)
		if (!strcmp(kinds[i], kind))
			return;
	if (nkinds < MAX_KINDS)
		snprintf(kinds[nkinds++], sizeof(kinds[0]), "%s", kind);
}

static void vfinding(const char *kind, const char *func, const char *file,
		     int line, const char *fmt, va_list ap)
{
	FILE *out = shim_report_stream();
	char sig[SHIM_SIGNATURE_MAX];
	va_list ap2;

	snprintf(sig, sizeof(sig), "%s %s %s:%d", kind, func ? func : "?",
		 basename_of(file), line);
	if (suppress && suppress(sig)) {
		/* Known already: end the input quietly, keep fuzzing. */
		if (mode == SHIM_FINDING_JUMP && recovery)
			longjmp(*recovery, 2);
		if (mode == SHIM_FINDING_RECORD)
			return;
	}
	if (!count)
		snprintf(first_sig, sizeof(first_sig), "%s", sig);
	snprintf(last_sig, sizeof(last_sig), "%s", sig);
	va_copy(ap2, ap);
	vsnprintf(last_detail, sizeof(last_detail), fmt, ap2);
	va_end(ap2);
	record_kind(kind);
	count++;

	if (!quiet) {
		/* Whatever the program printed so far comes first. */
		fflush(stdout);
		fprintf(out, "==vmbind== SIGNATURE: %s\n", sig);
		fprintf(out, "==vmbind== ");
		vfprintf(out, fmt, ap);
		fprintf(out, "\n");
		if (context_fn)
			context_fn(out, context_arg);
		fflush(out);
	}

	switch (mode) {
	case SHIM_FINDING_RECORD:
		return;
	case SHIM_FINDING_JUMP:
		if (recovery)
			longjmp(*recovery, 1);
		/* fall through: nowhere to go */
	case SHIM_FINDING_ABORT:
	default:
		abort();
	}
}

void shim_finding(const char *kind, const struct shim_site *site,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfinding(kind, site ? site->func : "?", site ? site->file : "?",
		 site ? site->line : 0, fmt, ap);
	va_end(ap);
}

void shim_finding_at(const char *kind, const char *func, const char *file,
		     int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfinding(kind, func, file, line, fmt, ap);
	va_end(ap);
}

unsigned long shim_findings_count(void)
{
	return count;
}

const char *shim_findings_first(void)
{
	return count ? first_sig : "";
}

const char *shim_findings_last(void)
{
	return count ? last_sig : "";
}

const char *shim_findings_last_detail(void)
{
	return count ? last_detail : "";
}

int shim_findings_have_kind(const char *kind)
{
	for (int i = 0; i < nkinds; i++)
		if (!strcmp(kinds[i], kind))
			return 1;
	return 0;
}

void shim_findings_clear(void)
{
	count = 0;
	nkinds = 0;
	first_sig[0] = last_sig[0] = last_detail[0] = 0;
}

void shim_finding_set_suppress(int (*fn)(const char *signature))
{
	suppress = fn;
}
