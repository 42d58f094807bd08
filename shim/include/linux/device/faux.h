/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: faux devices (Linux >= 6.15), a bare struct device with no bus.
 * The device is a kzalloc()ed object, so one that is never destroyed shows
 * up as a leak.
 */
#ifndef _SHIM_LINUX_DEVICE_FAUX_H
#define _SHIM_LINUX_DEVICE_FAUX_H

#include <linux/device.h>
#include <linux/slab.h>

struct faux_device {
	struct device dev;
};

#define to_faux_device(x) container_of_const((x), struct faux_device, dev)

struct faux_device_ops {
	int (*probe)(struct faux_device *faux_dev);
	void (*remove)(struct faux_device *faux_dev);
};

struct attribute_group;

static inline struct faux_device *
faux_device_create_with_groups(const char *name, struct device *parent,
			       const struct faux_device_ops *faux_ops,
			       const struct attribute_group **groups)
{
	struct faux_device *faux_dev;

	(void)groups;
	faux_dev = kzalloc(sizeof(*faux_dev), GFP_KERNEL);
	if (!faux_dev)
		return NULL;
	faux_dev->dev.init_name = name;
	faux_dev->dev.parent = parent;
	faux_dev->dev.numa_node = NUMA_NO_NODE;
	/* A failing probe makes creation fail, as faux_device_create() does. */
	if (faux_ops && faux_ops->probe && faux_ops->probe(faux_dev)) {
		kfree(faux_dev);
		return NULL;
	}
	faux_dev->dev.platform_data = (void *)faux_ops;
	return faux_dev;
}

static inline struct faux_device *
faux_device_create(const char *name, struct device *parent,
		   const struct faux_device_ops *faux_ops)
{
	return faux_device_create_with_groups(name, parent, faux_ops, NULL);
}

static inline void faux_device_destroy(struct faux_device *faux_dev)
{
	const struct faux_device_ops *faux_ops;

	if (!faux_dev)
		return;
	faux_ops = faux_dev->dev.platform_data;
	if (faux_ops && faux_ops->remove)
		faux_ops->remove(faux_dev);
	kfree(faux_dev);
}

static inline void *faux_device_get_drvdata(const struct faux_device *faux_dev)
{
	return dev_get_drvdata(&faux_dev->dev);
}

static inline void faux_device_set_drvdata(struct faux_device *faux_dev,
					   void *data)
{
	dev_set_drvdata(&faux_dev->dev, data);
}

#endif
