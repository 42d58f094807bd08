// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated user memory (<linux/uaccess.h>), signals (pending ones, and
 * the harness's source: <shim/signal.h>) and what runs while a caller
 * waits (<linux/wait.h>), for the ioctl path.
 */
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <shim/finding.h>
#include <shim/signal.h>
#include <string.h>

#define USER_REGIONS 16

static struct {
	u64 uaddr;
	void *buf;
	size_t len;
} regions[USER_REGIONS];
static unsigned int nr_regions;
static unsigned long faults;
static unsigned int signals;
static unsigned long signals_delivered;
static bool (*signal_source)(enum shim_signal_point point, const struct shim_site *site);

void shim_user_map(u64 uaddr, void *buf, size_t len)
{
	if (nr_regions == USER_REGIONS) {
		shim_finding_at("harness", __func__, __FILE__, __LINE__,
				"more than %d user memory regions", USER_REGIONS);
		return;
	}
	regions[nr_regions].uaddr = uaddr;
	regions[nr_regions].buf = buf;
	regions[nr_regions].len = len;
	nr_regions++;
}

void shim_user_unmap_all(void)
{
	nr_regions = 0;
	faults = 0;
}

unsigned long shim_user_faults(void)
{
	return faults;
}

static void *user_lookup(u64 uaddr, unsigned long n)
{
	for (unsigned int i = 0; i < nr_regions; i++) {
		u64 off = uaddr - regions[i].uaddr;

		if (uaddr >= regions[i].uaddr && off <= regions[i].len &&
		    n <= regions[i].len - off)
			return (char *)regions[i].buf + off;
	}
	faults++;
	return NULL;
}

size_t shim_user_readable(u64 uaddr, size_t max)
{
	for (unsigned int i = 0; i < nr_regions; i++) {
		u64 off = uaddr - regions[i].uaddr;

		if (uaddr >= regions[i].uaddr && off < regions[i].len)
			return regions[i].len - off < max ? regions[i].len - off : max;
	}
	return 0;
}

unsigned long shim_copy_from_user(void *to, const void __user *from,
				  unsigned long n)
{
	void *src = user_lookup((u64)(uintptr_t)from, n);

	if (!src)
		return n;
	memcpy(to, src, n);
	return 0;
}

unsigned long shim_copy_to_user(void __user *to, const void *from,
				unsigned long n)
{
	void *dst = user_lookup((u64)(uintptr_t)to, n);

	if (!dst)
		return n;
	memcpy(dst, from, n);
	return 0;
}

void shim_signal_pending_set(unsigned int n)
{
	signals = n;
}

unsigned int shim_signal_pending(void)
{
	return signals;
}

bool shim_wait_interrupted(void)
{
	if (!signals)
		return false;
	signals--;
	signals_delivered++;
	return true;
}

void shim_signal_set_source(bool (*fn)(enum shim_signal_point point,
				       const struct shim_site *site))
{
	signal_source = fn;
}

bool shim_signal_arrives(enum shim_signal_point point, const struct shim_site *site)
{
	if (!signal_source || !signal_source(point, site))
		return false;
	signals_delivered++;
	return true;
}

unsigned long shim_signals_delivered(void)
{
	return signals_delivered;
}

static bool (*wait_progress)(void);

void shim_wait_set_progress(bool (*fn)(void))
{
	wait_progress = fn;
}

bool shim_wait_progress(void)
{
	return wait_progress && wait_progress();
}

void shim_wait_forever(const char *cond, const struct shim_site *site)
{
	shim_finding("wait-forever", site,
		     "waiting for '%s' with nothing that could make it true (single-threaded: this would hang)",
		     cond);
}
