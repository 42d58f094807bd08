/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Call-site records. Every instrumented kernel API is a macro that passes the
 * caller's function, file and line, so findings name the kernel code that
 * misused the API, not the shim.
 */
#ifndef _SHIM_SITE_H
#define _SHIM_SITE_H

struct shim_site {
	const char *func;
	const char *file;
	int line;
};

#define SHIM_SITE                                                      \
	({                                                             \
		static const struct shim_site __shim_site = { __func__, \
							      __FILE__, \
							      __LINE__ }; \
		&__shim_site;                                          \
	})

#endif
