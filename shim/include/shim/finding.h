/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Findings: every detector (shim or harness oracle) reports through here, in
 * one format. The first line is the signature used for deduplication:
 *
 *   ==vmbind== SIGNATURE: <kind> <function> <file>:<line>
 *
 * followed by free-form detail lines prefixed "==vmbind== ".
 */
#ifndef _SHIM_FINDING_H
#define _SHIM_FINDING_H

#include <setjmp.h>
#include <stdio.h>
#include <shim/site.h>

enum shim_finding_mode {
	SHIM_FINDING_ABORT,	/* print, then abort(): fuzzers */
	SHIM_FINDING_JUMP,	/* print, then longjmp() to the recovery point */
	SHIM_FINDING_RECORD,	/* print (unless quiet), record, continue */
};

#define SHIM_SIGNATURE_MAX 256

void shim_finding_set_mode(enum shim_finding_mode mode);
enum shim_finding_mode shim_finding_get_mode(void);
/* Recovery point for SHIM_FINDING_JUMP; NULL disables jumping. */
void shim_finding_set_jmpbuf(jmp_buf *buf);
/* Suppress printing (RECORD mode tests that expect findings). */
void shim_finding_set_quiet(int quiet);

/* Optional context printer (current op, pool state...), run after detail. */
void shim_finding_set_context(void (*fn)(FILE *out, void *arg), void *arg);

__attribute__((format(printf, 3, 4))) void
shim_finding(const char *kind, const struct shim_site *site, const char *fmt,
	     ...);
/* Same, with an explicit location (for findings not tied to a call site). */
__attribute__((format(printf, 5, 6))) void
shim_finding_at(const char *kind, const char *func, const char *file, int line,
		const char *fmt, ...);

/*
 * Suppression of known findings: when fn(signature) is true the finding is
 * neither printed nor counted; in JUMP mode it longjmp()s with value 2 so
 * the input ends quietly (fuzzing past a known, shallow finding).
 */
void shim_finding_set_suppress(int (*fn)(const char *signature));

unsigned long shim_findings_count(void);
/* Signature of the first and of the last finding since shim_findings_clear(). */
const char *shim_findings_first(void);
const char *shim_findings_last(void);
/* Detail text of the last finding (truncated to 1 KiB), "" if none. */
const char *shim_findings_last_detail(void);
/* True if any finding since the last clear has this kind. */
int shim_findings_have_kind(const char *kind);
void shim_findings_clear(void);

/* Output stream for reports (stderr by default). */
FILE *shim_report_stream(void);

#endif
