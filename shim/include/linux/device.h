/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: the parts of struct device that the IOMMU and msm code touch. */
#ifndef _SHIM_LINUX_DEVICE_H
#define _SHIM_LINUX_DEVICE_H

#include <linux/numa.h>
#include <linux/printk.h>
#include <linux/types.h>

struct device_node;
struct iommu_group;

/* Runtime PM state (linux/pm_runtime.h); all zero: enabled, active, idle. */
enum rpm_status {
	RPM_INVALID = -1,
	RPM_ACTIVE = 0,
	RPM_RESUMING,
	RPM_SUSPENDED,
	RPM_SUSPENDING,
};

struct dev_pm_info {
	int usage_count;
	unsigned int disable_depth;
	enum rpm_status runtime_status;
};

struct device {
	const char *init_name;
	int numa_node;
	void *driver_data;
	void *platform_data;
	struct device_node *of_node;
	struct device *parent;
	struct dev_pm_info power;
	/* device_iommu_mapped() is true when set */
	struct iommu_group *iommu_group;
};

static inline int dev_to_node(struct device *dev)
{
	return dev ? dev->numa_node : NUMA_NO_NODE;
}

static inline void set_dev_node(struct device *dev, int node)
{
	if (dev)
		dev->numa_node = node;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline const char *dev_name(const struct device *dev)
{
	return dev && dev->init_name ? dev->init_name : "shim-device";
}

#define dev_err(dev, fmt, ...) printk(KERN_ERR "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) printk(KERN_WARNING "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) printk(KERN_INFO "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...) printk(KERN_DEBUG "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_err_ratelimited dev_err
#define dev_warn_ratelimited dev_warn
#define dev_err_once dev_err
#define dev_warn_once dev_warn

#endif
