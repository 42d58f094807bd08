/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: the drm_WARN family (a WARN, so a finding unless WARNs continue;
 * see <shim/warn.h>) and drm's log macros (printk).
 */
#ifndef _SHIM_DRM_DRM_PRINT_H
#define _SHIM_DRM_DRM_PRINT_H

#include <linux/bug.h>
#include <linux/printk.h>

struct drm_device;

#define drm_WARN(drm, condition, format, arg...) \
	((void)(drm), WARN(condition, "[drm] " format, ##arg))
#define drm_WARN_ONCE(drm, condition, format, arg...) \
	((void)(drm), WARN_ONCE(condition, "[drm] " format, ##arg))
#define drm_WARN_ON(drm, x) drm_WARN((drm), (x), "%s", "drm_WARN_ON(" #x ")")
#define drm_WARN_ON_ONCE(drm, x) \
	drm_WARN_ONCE((drm), (x), "%s", "drm_WARN_ON_ONCE(" #x ")")

#define drm_err(drm, fmt, ...) pr_err("[drm] " fmt, ##__VA_ARGS__)
#define drm_warn(drm, fmt, ...) pr_warn("[drm] " fmt, ##__VA_ARGS__)
#define drm_info(drm, fmt, ...) pr_info("[drm] " fmt, ##__VA_ARGS__)
#define drm_dbg(drm, fmt, ...) pr_debug("[drm] " fmt, ##__VA_ARGS__)
#define drm_dbg_driver(drm, fmt, ...) pr_debug("[drm] " fmt, ##__VA_ARGS__)
#define DRM_DEV_DEBUG_DRIVER(dev, fmt, ...) pr_debug("[drm] " fmt, ##__VA_ARGS__)
#define DRM_DEBUG_DRIVER(fmt, ...) pr_debug("[drm] " fmt, ##__VA_ARGS__)
#define DRM_DEBUG(fmt, ...) pr_debug("[drm] " fmt, ##__VA_ARGS__)

#endif
