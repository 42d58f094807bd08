/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: KUnit-managed devices. The device is a kmalloc()ed struct device,
 * released with the case's other resources (or by
 * kunit_device_unregister()).
 */
#ifndef _SHIM_KUNIT_DEVICE_H
#define _SHIM_KUNIT_DEVICE_H

#include <kunit/test.h>
#include <linux/device.h>

struct device_driver;

struct device *__kunit_shim_device_register(struct kunit *test,
					    const char *name,
					    const struct shim_site *site);
void kunit_device_unregister(struct kunit *test, struct device *dev);

#define kunit_device_register(test, name) \
	__kunit_shim_device_register((test), (name), SHIM_SITE)
#define kunit_device_register_with_driver(test, name, drv) \
	((void)(drv), kunit_device_register(test, name))

#endif
