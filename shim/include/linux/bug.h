/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim (instrumented): WARN and BUG report findings through shim/warn.h. */
#ifndef _SHIM_LINUX_BUG_H
#define _SHIM_LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/printk.h>
#include <shim/warn.h>

#define WARN_ON(condition)                                   \
	({                                                   \
		int __ret_warn_on = !!(condition);           \
		if (unlikely(__ret_warn_on))                 \
			shim_warn("WARN_ON(" #condition ")", SHIM_SITE); \
		unlikely(__ret_warn_on);                     \
	})

#define WARN(condition, format...)                           \
	({                                                   \
		int __ret_warn_on = !!(condition);           \
		if (unlikely(__ret_warn_on)) {               \
			printk(KERN_WARNING format);         \
			shim_warn("WARN(" #condition ")", SHIM_SITE); \
		}                                            \
		unlikely(__ret_warn_on);                     \
	})

#define __SHIM_ONCE(condition, report)                                   \
	({                                                               \
		static unsigned long __warned_gen;                      \
		int __ret_warn_once = !!(condition);                     \
		if (unlikely(__ret_warn_once) &&                         \
		    __warned_gen != shim_input_generation + 1) {        \
			__warned_gen = shim_input_generation + 1;        \
			report;                                          \
		}                                                        \
		unlikely(__ret_warn_once);                               \
	})

#define WARN_ON_ONCE(condition) \
	__SHIM_ONCE(condition, shim_warn("WARN_ON_ONCE(" #condition ")", SHIM_SITE))
#define WARN_ONCE(condition, format...)                                    \
	__SHIM_ONCE(condition, ({                                          \
			    printk(KERN_WARNING format);                   \
			    shim_warn("WARN_ONCE(" #condition ")", SHIM_SITE); \
		    }))

#define BUG() shim_bug("BUG()", SHIM_SITE)
#define BUG_ON(condition)                                      \
	do {                                                   \
		if (unlikely(condition))                       \
			shim_bug("BUG_ON(" #condition ")", SHIM_SITE); \
	} while (0)
#define VM_BUG_ON(condition)                                      \
	do {                                                      \
		if (unlikely(condition))                          \
			shim_bug("VM_BUG_ON(" #condition ")", SHIM_SITE); \
	} while (0)
#define VM_WARN_ON(condition) WARN_ON(condition)
#define VM_WARN_ON_ONCE(condition) WARN_ON_ONCE(condition)

/* Rate limiting only spares the log: still a WARN (a finding) each time. */
#define WARN_RATELIMIT(condition, format...) WARN(condition, format)

#endif
