/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: module parameters keep their initial values. */
#ifndef _SHIM_LINUX_MODULEPARAM_H
#define _SHIM_LINUX_MODULEPARAM_H

#define MODULE_PARM_DESC(name, desc)
#define module_param_named(name, value, type, perm) \
	static __attribute__((unused)) void *__shim_param_##name = &(value)
#define module_param(name, type, perm) module_param_named(name, name, type, perm)

#endif
