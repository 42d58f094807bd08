/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim (instrumented): runtime PM as reference counting on
 * struct device::power, without callbacks. A shim device starts with runtime
 * PM enabled, RPM_ACTIVE and a usage count of 0 ("powered but idle");
 * the harness sets usage_count to model a busy device. Dropping the usage
 * count below zero is a finding (the kernel's "Runtime PM usage count
 * underflow!").
 */
#ifndef _SHIM_LINUX_PM_RUNTIME_H
#define _SHIM_LINUX_PM_RUNTIME_H

#include <linux/device.h>
#include <linux/errno.h>
#include <shim/finding.h>
#include <shim/site.h>

static inline int __shim_pm_get_conditional(struct device *dev, bool ign_usage)
{
	if (dev->power.disable_depth > 0)
		return -EINVAL;
	if (dev->power.runtime_status != RPM_ACTIVE)
		return 0;
	if (!ign_usage && dev->power.usage_count <= 0)
		return 0;
	dev->power.usage_count++;
	return 1;
}

static inline void __shim_pm_put(struct device *dev, const char *api,
				 const struct shim_site *site)
{
	if (dev->power.usage_count <= 0) {
		shim_finding("pm-usage-underflow", site,
			     "%s(%s): runtime PM usage count underflow", api,
			     dev_name(dev));
		return;
	}
	dev->power.usage_count--;
}

static inline int __shim_pm_get(struct device *dev)
{
	dev->power.usage_count++;
	if (dev->power.disable_depth > 0)
		return -EACCES;
	dev->power.runtime_status = RPM_ACTIVE;
	return 0;
}

#define pm_runtime_get_if_in_use(dev) __shim_pm_get_conditional((dev), false)
#define pm_runtime_get_if_active(dev) __shim_pm_get_conditional((dev), true)
#define pm_runtime_get_sync(dev) __shim_pm_get(dev)
#define pm_runtime_resume_and_get(dev)                                      \
	({                                                                  \
		struct device *__dev = (dev);                               \
		int __ret = __shim_pm_get(__dev);                           \
		if (__ret < 0)                                              \
			__shim_pm_put(__dev, "pm_runtime_resume_and_get", SHIM_SITE); \
		__ret < 0 ? __ret : 0;                                      \
	})
#define pm_runtime_get_noresume(dev) ((void)((dev)->power.usage_count++))
#define pm_runtime_put(dev) \
	(__shim_pm_put((dev), "pm_runtime_put", SHIM_SITE), 0)
#define pm_runtime_put_sync(dev) \
	(__shim_pm_put((dev), "pm_runtime_put_sync", SHIM_SITE), 0)
#define pm_runtime_put_autosuspend(dev) \
	(__shim_pm_put((dev), "pm_runtime_put_autosuspend", SHIM_SITE), 0)
#define pm_runtime_put_sync_autosuspend(dev) \
	(__shim_pm_put((dev), "pm_runtime_put_sync_autosuspend", SHIM_SITE), 0)
#define pm_runtime_put_noidle(dev) \
	__shim_pm_put((dev), "pm_runtime_put_noidle", SHIM_SITE)
#define pm_runtime_mark_last_busy(dev) ((void)(dev))
#define pm_runtime_enable(dev)                                    \
	do {                                                      \
		if ((dev)->power.disable_depth > 0)               \
			(dev)->power.disable_depth--;             \
	} while (0)
#define pm_runtime_disable(dev) ((void)((dev)->power.disable_depth++))
#define pm_runtime_enabled(dev) ((dev)->power.disable_depth == 0)
#define pm_runtime_active(dev) \
	((dev)->power.disable_depth > 0 || (dev)->power.runtime_status == RPM_ACTIVE)
#define pm_runtime_suspended(dev) \
	((dev)->power.disable_depth == 0 && (dev)->power.runtime_status == RPM_SUSPENDED)
#define pm_runtime_set_active(dev) \
	((void)((dev)->power.runtime_status = RPM_ACTIVE), 0)
#define pm_runtime_set_suspended(dev) \
	((void)((dev)->power.runtime_status = RPM_SUSPENDED))

#endif
