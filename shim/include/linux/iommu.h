/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim (stub): the IOMMU core types that io-pgtable and its users need. */
#ifndef _SHIM_LINUX_IOMMU_H
#define _SHIM_LINUX_IOMMU_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/types.h>
#include <shim/site.h>

#define IOMMU_READ (1 << 0)
#define IOMMU_WRITE (1 << 1)
#define IOMMU_CACHE (1 << 2)
#define IOMMU_NOEXEC (1 << 3)
#define IOMMU_MMIO (1 << 4)
#define IOMMU_PRIV (1 << 5)

#define IOMMU_DIRTY_NO_CLEAR (1 << 0)

/*
 * Pages from iommu_alloc_pages_node_sz() chained through their struct page
 * (Linux >= 6.15; see shim/instrumented/iommu_pages.c).
 */
struct iommu_pages_list {
	struct list_head pages;
};

#define IOMMU_PAGES_LIST_INIT(name) \
	((struct iommu_pages_list){ .pages = LIST_HEAD_INIT(name.pages) })

struct iommu_iotlb_gather {
	unsigned long start;
	unsigned long end;
	size_t pgsize;
	struct list_head freelist;
	bool queued;
};

static inline bool iommu_iotlb_gather_queued(struct iommu_iotlb_gather *gather)
{
	return gather && gather->queued;
}

static inline void iommu_iotlb_gather_init(struct iommu_iotlb_gather *gather)
{
	*gather = (struct iommu_iotlb_gather){ .start = ~0UL };
	INIT_LIST_HEAD(&gather->freelist);
}

struct iova_bitmap;

struct iommu_dirty_bitmap {
	struct iova_bitmap *bitmap;
	struct iommu_iotlb_gather *gather;
};

/* Dirty tracking is not exercised by the harness. */
static inline void iommu_dirty_bitmap_record(struct iommu_dirty_bitmap *dirty,
					     unsigned long iova,
					     unsigned long length)
{
	(void)dirty;
	(void)iova;
	(void)length;
}

/*
 * Shim (instrumented): IOMMU domains, for drivers that own one (msm's parent
 * MMU). A domain is a tracked kmalloc() object; it records what the driver
 * did to it (attach, quirks, fault handler, TLB flushes) but translates
 * nothing: iommu_map_sgtable()/iommu_unmap() only account lengths. The
 * per-process page tables under test are io-pgtables, not domains.
 */
struct sg_table;
struct iommu_domain;

#define IOMMU_FAULT_READ 0x0
#define IOMMU_FAULT_WRITE 0x1

#define __IOMMU_DOMAIN_PAGING (1U << 0)
#define __IOMMU_DOMAIN_DMA_API (1U << 1)
#define IOMMU_DOMAIN_UNMANAGED (__IOMMU_DOMAIN_PAGING)

typedef int (*iommu_fault_handler_t)(struct iommu_domain *domain,
				     struct device *dev, unsigned long iova,
				     int flags, void *token);

struct iommu_domain_geometry {
	dma_addr_t aperture_start;
	dma_addr_t aperture_end;
	bool force_aperture;
};

struct iommu_domain {
	unsigned int type;
	unsigned long pgsize_bitmap;
	struct iommu_domain_geometry geometry;
	iommu_fault_handler_t handler;
	void *handler_token;
	/* shim bookkeeping */
	struct device *shim_attached;
	unsigned long shim_pgtable_quirks;
	unsigned long shim_flush_all_calls;
	unsigned long shim_attach_calls;
	u64 shim_mapped_bytes;
	const struct shim_site *shim_alloc_site;
};

static inline bool device_iommu_mapped(struct device *dev)
{
	return dev && dev->iommu_group != NULL;
}

struct iommu_domain *shim_iommu_paging_domain_alloc(struct device *dev,
						    unsigned int flags,
						    const struct shim_site *site);
void shim_iommu_domain_free(struct iommu_domain *domain,
			    const struct shim_site *site);
int shim_iommu_attach_device(struct iommu_domain *domain, struct device *dev,
			     const struct shim_site *site);
void shim_iommu_detach_device(struct iommu_domain *domain, struct device *dev,
			      const struct shim_site *site);
ssize_t shim_iommu_map_sgtable(struct iommu_domain *domain, unsigned long iova,
			       struct sg_table *sgt, int prot,
			       const struct shim_site *site);
size_t shim_iommu_unmap(struct iommu_domain *domain, unsigned long iova,
			size_t size, const struct shim_site *site);
void shim_iommu_flush_iotlb_all(struct iommu_domain *domain,
				const struct shim_site *site);
int shim_iommu_set_pgtable_quirks(struct iommu_domain *domain,
				  unsigned long quirks,
				  const struct shim_site *site);
void shim_iommu_set_fault_handler(struct iommu_domain *domain,
				  iommu_fault_handler_t handler, void *token,
				  const struct shim_site *site);
/* Delivers a fault as the SMMU driver would (report_iommu_fault()). */
int report_iommu_fault(struct iommu_domain *domain, struct device *dev,
		       unsigned long iova, int flags);

#define iommu_paging_domain_alloc(dev) \
	shim_iommu_paging_domain_alloc((dev), 0, SHIM_SITE)
#define iommu_paging_domain_alloc_flags(dev, flags) \
	shim_iommu_paging_domain_alloc((dev), (flags), SHIM_SITE)
#define iommu_domain_free(domain) shim_iommu_domain_free((domain), SHIM_SITE)
#define iommu_attach_device(domain, dev) \
	shim_iommu_attach_device((domain), (dev), SHIM_SITE)
#define iommu_detach_device(domain, dev) \
	shim_iommu_detach_device((domain), (dev), SHIM_SITE)
#define iommu_map_sgtable(domain, iova, sgt, prot) \
	shim_iommu_map_sgtable((domain), (iova), (sgt), (prot), SHIM_SITE)
#define iommu_unmap(domain, iova, size) \
	shim_iommu_unmap((domain), (iova), (size), SHIM_SITE)
#define iommu_flush_iotlb_all(domain) \
	shim_iommu_flush_iotlb_all((domain), SHIM_SITE)
#define iommu_set_pgtable_quirks(domain, quirks) \
	shim_iommu_set_pgtable_quirks((domain), (quirks), SHIM_SITE)
#define iommu_set_fault_handler(domain, handler, token) \
	shim_iommu_set_fault_handler((domain), (handler), (token), SHIM_SITE)

#endif
