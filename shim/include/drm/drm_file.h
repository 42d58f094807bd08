/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: struct drm_file as the VM_BIND ioctl sees it: the GEM handle table
 * (object_idr under table_lock), the driver's per-file context and the
 * client id. drm_gem_object_lookup() takes a reference, as drm_gem.c does.
 */
#ifndef _SHIM_DRM_DRM_FILE_H
#define _SHIM_DRM_DRM_FILE_H

#include <drm/drm_gem.h>
#include <linux/idr.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct drm_file {
	spinlock_t table_lock;
	struct idr object_idr;
	void *driver_priv;
	u64 client_id;
};

static inline struct drm_gem_object *
drm_gem_object_lookup(struct drm_file *file, u32 handle)
{
	struct drm_gem_object *obj;

	spin_lock(&file->table_lock);
	obj = idr_find(&file->object_idr, handle);
	if (obj)
		drm_gem_object_get(obj);
	spin_unlock(&file->table_lock);
	return obj;
}

#endif
