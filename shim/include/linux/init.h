/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: init sections are plain code; an initcall becomes a global function
 * pointer named shim_initcall_<fn> that tests call explicitly.
 */
#ifndef _SHIM_LINUX_INIT_H
#define _SHIM_LINUX_INIT_H

#define __init
#define __exit
#define __initdata
#define __initconst
#define __ro_after_init
#define __read_mostly

#define __shim_initcall(fn) int (*shim_initcall_##fn)(void) = fn
#define subsys_initcall(fn) __shim_initcall(fn)
#define device_initcall(fn) __shim_initcall(fn)
#define late_initcall(fn) __shim_initcall(fn)
#define module_init(fn) __shim_initcall(fn)
#define module_exit(fn)

#endif
