/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: struct drm_device, only its reference count (drm_dev_get/put in
 * <drm/drm_drv.h>): the GPU VA code takes one per VM.
 */
#ifndef _SHIM_DRM_DRM_DEVICE_H
#define _SHIM_DRM_DRM_DEVICE_H

#include <linux/kref.h>

struct drm_device {
	struct kref ref;
	const char *name;
};

#endif
