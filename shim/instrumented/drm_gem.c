// SPDX-License-Identifier: GPL-2.0-only
/*
 * GEM object and drm_device stand-ins (<drm/drm_gem.h>, <drm/drm_drv.h>):
 * what drm_gpuvm.c and drm_exec.c rely on, as drm_gem.c does it.
 */
#include <string.h>

#include <drm/drm_drv.h>
#include <drm/drm_gem.h>
#include <linux/bug.h>
#include <shim/finding.h>

#include "internal.h"

#define GEM_REGISTRY 1024

static const struct drm_gem_object *registry[GEM_REGISTRY];
static unsigned long nr_live;

static void gem_register(const struct drm_gem_object *obj)
{
	for (unsigned int i = 0; i < GEM_REGISTRY; i++) {
		if (!registry[i]) {
			registry[i] = obj;
			nr_live++;
			return;
		}
	}
	shim_finding_at("harness", __func__, __FILE__, __LINE__,
			"more than %d live GEM objects", GEM_REGISTRY);
}

static bool gem_unregister(const struct drm_gem_object *obj)
{
	for (unsigned int i = 0; i < GEM_REGISTRY; i++) {
		if (registry[i] == obj) {
			registry[i] = NULL;
			nr_live--;
			return true;
		}
	}
	return false;
}

bool shim_gem_registered(const struct drm_gem_object *obj)
{
	for (unsigned int i = 0; i < GEM_REGISTRY; i++)
		if (registry[i] == obj)
			return true;
	return false;
}

bool shim_gem_is_live(const struct drm_gem_object *obj, const char *what,
		      const struct shim_site *site)
{
	if (shim_gem_registered(obj))
		return true;
	shim_finding("gem-bad-ref", site,
		     "%s(%p): not a live GEM object (never created, or already freed)",
		     what, (void *)obj);
	return false;
}

void shim_gem_reset(void)
{
	memset(registry, 0, sizeof(registry));
	nr_live = 0;
}

unsigned long shim_gem_live_objects(void)
{
	return nr_live;
}

void drm_gem_private_object_init(struct drm_device *dev,
				 struct drm_gem_object *obj, size_t size)
{
	obj->dev = dev;
	obj->size = size;
	kref_init(&obj->refcount);
	obj->handle_count = 0;
	dma_resv_init(&obj->_resv);
	/* A driver sharing a VM's reservation sets resv beforehand. */
	if (!obj->resv)
		obj->resv = &obj->_resv;
	drm_gem_gpuva_init(obj);
	mutex_init(&obj->gpuva.lock);
	obj->shim_inited = true;
	gem_register(obj);
}

void drm_gem_object_release(struct drm_gem_object *obj)
{
	if (!obj->shim_inited)
		shim_finding_at("gem", __func__, __FILE__, __LINE__,
				"drm_gem_object_release(%p): not initialised, or released twice",
				(void *)obj);
	obj->shim_inited = false;
	gem_unregister(obj);
	dma_resv_fini(&obj->_resv);
	mutex_destroy(&obj->gpuva.lock);
}

void drm_gem_object_free(struct kref *kref)
{
	struct drm_gem_object *obj =
		container_of(kref, struct drm_gem_object, refcount);

	if (WARN_ON(!obj->funcs || !obj->funcs->free))
		return;
	obj->funcs->free(obj);
}

void shim_drm_dev_init(struct drm_device *dev, const char *name)
{
	kref_init(&dev->ref);
	dev->name = name;
}

/* The device belongs to its creator: kernel code never drops the last reference. */
void shim_drm_dev_put(struct drm_device *dev, const struct shim_site *site)
{
	if (!dev)
		return;
	if (refcount_dec_and_test(&dev->ref.refcount))
		shim_finding("refcount", site,
			     "drm_dev_put(%p): the last reference dropped, but the device's creator still holds one",
			     (void *)dev);
}
