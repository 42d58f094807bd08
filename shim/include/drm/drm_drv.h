/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: drm_dev_get/put as reference counting on the shim's drm_device
 * (a put of the last reference is a finding: nothing here frees a device).
 */
#ifndef _SHIM_DRM_DRM_DRV_H
#define _SHIM_DRM_DRM_DRV_H

#include <drm/drm_device.h>
#include <shim/site.h>

/* A device with one reference, held by its creator. */
void shim_drm_dev_init(struct drm_device *dev, const char *name);
void shim_drm_dev_put(struct drm_device *dev, const struct shim_site *site);

#define drm_dev_get(dev)                          \
	do {                                      \
		struct drm_device *__d = (dev);   \
		if (__d)                          \
			kref_get(&__d->ref);      \
	} while (0)
#define drm_dev_put(dev) shim_drm_dev_put((dev), SHIM_SITE)

#endif
