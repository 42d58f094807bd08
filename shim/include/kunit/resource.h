/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: KUnit resources are the managed actions of kunit/test.h. */
#ifndef _SHIM_KUNIT_RESOURCE_H
#define _SHIM_KUNIT_RESOURCE_H

#include <kunit/test.h>

#endif
