/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: struct drm_device: its reference count (drm_dev_get/put in
 * <drm/drm_drv.h>: the GPU VA code takes one per VM), the device, the
 * driver's private data and the GEM LRU lock msm takes around pinning.
 */
#ifndef _SHIM_DRM_DRM_DEVICE_H
#define _SHIM_DRM_DRM_DEVICE_H

#include <linux/kref.h>
#include <linux/mutex.h>

struct device;

struct drm_device {
	struct kref ref;
	const char *name;
	struct device *dev;
	void *dev_private;
	struct mutex gem_lru_mutex;
};

#endif
