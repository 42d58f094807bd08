// SPDX-License-Identifier: GPL-2.0-only
/*
 * IOMMU domains (see linux/iommu.h): tracked kmalloc() objects that record
 * what the driver did to them. Misuse that the IOMMU core WARNs about is a
 * finding: detaching a device that is not attached, attaching a device
 * twice, using a domain that was freed (through the allocator's checks).
 */
#include <linux/iommu.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <shim/finding.h>
#include <shim/warn.h>

struct iommu_domain *shim_iommu_paging_domain_alloc(struct device *dev,
						    unsigned int flags,
						    const struct shim_site *site)
{
	struct iommu_domain *domain;

	(void)flags;
	if (!device_iommu_mapped(dev))
		return ERR_PTR(-ENODEV);
	domain = shim_kmalloc(sizeof(*domain), GFP_KERNEL | __GFP_ZERO, site);
	if (!domain)
		return ERR_PTR(-ENOMEM);
	domain->type = IOMMU_DOMAIN_UNMANAGED;
	domain->pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G;
	domain->geometry.aperture_start = 0;
	domain->geometry.aperture_end = (1ULL << 48) - 1;
	domain->geometry.force_aperture = true;
	domain->shim_alloc_site = site;
	return domain;
}

void shim_iommu_domain_free(struct iommu_domain *domain,
			    const struct shim_site *site)
{
	if (!domain)
		return;
	shim_kfree(domain, site);
}

int shim_iommu_attach_device(struct iommu_domain *domain, struct device *dev,
			     const struct shim_site *site)
{
	if (!device_iommu_mapped(dev))
		return -ENODEV;
	domain->shim_attach_calls++;
	if (domain->shim_attached == dev) {
		/* __iommu_attach_group(): the group already uses this domain */
		return 0;
	}
	if (domain->shim_attached) {
		shim_finding("iommu-attach", site,
			     "iommu_attach_device(%p, %s): domain already attached to %s",
			     (void *)domain, dev_name(dev),
			     dev_name(domain->shim_attached));
		return -EBUSY;
	}
	domain->shim_attached = dev;
	return 0;
}

void shim_iommu_detach_device(struct iommu_domain *domain, struct device *dev,
			      const struct shim_site *site)
{
	if (domain->shim_attached != dev) {
		/* iommu_detach_device(): WARN_ON(domain != group->domain) */
		shim_warn("WARN_ON(domain != group->domain): iommu_detach_device() of a device not attached to the domain",
			  site);
		return;
	}
	domain->shim_attached = NULL;
}

ssize_t shim_iommu_map_sgtable(struct iommu_domain *domain, unsigned long iova,
			       struct sg_table *sgt, int prot,
			       const struct shim_site *site)
{
	struct scatterlist *sg;
	size_t mapped = 0;
	unsigned int i;

	(void)iova;
	(void)prot;
	(void)site;
	for_each_sgtable_sg(sgt, sg, i)
		mapped += sg->length;
	domain->shim_mapped_bytes += mapped;
	return mapped;
}

size_t shim_iommu_unmap(struct iommu_domain *domain, unsigned long iova,
			size_t size, const struct shim_site *site)
{
	(void)iova;
	(void)site;
	domain->shim_mapped_bytes -= size < domain->shim_mapped_bytes ?
					     size : domain->shim_mapped_bytes;
	return size;
}

void shim_iommu_flush_iotlb_all(struct iommu_domain *domain,
				const struct shim_site *site)
{
	(void)site;
	domain->shim_flush_all_calls++;
}

int shim_iommu_set_pgtable_quirks(struct iommu_domain *domain,
				  unsigned long quirks,
				  const struct shim_site *site)
{
	(void)site;
	domain->shim_pgtable_quirks = quirks;
	return 0;
}

void shim_iommu_set_fault_handler(struct iommu_domain *domain,
				  iommu_fault_handler_t handler, void *token,
				  const struct shim_site *site)
{
	(void)site;
	domain->handler = handler;
	domain->handler_token = token;
}

int report_iommu_fault(struct iommu_domain *domain, struct device *dev,
		       unsigned long iova, int flags)
{
	if (domain->handler)
		return domain->handler(domain, dev, iova, flags,
				       domain->handler_token);
	return -ENOSYS;
}
