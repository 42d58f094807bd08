// SPDX-License-Identifier: GPL-2.0-only
/*
 * Streaming DMA with dma-debug style bookkeeping. The mapping is the
 * identity (dma address == physical address == host address), so the
 * "IOMMU must see CPU physical addresses" check in io-pgtable-arm passes.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <shim/dma.h>
#include <shim/finding.h>

struct dma_map {
	dma_addr_t addr;
	size_t size;
	enum dma_data_direction dir;
	const struct shim_site *site;
	unsigned long gen;
	/* What the device sees: the bytes as of the map and the last sync. */
	uint8_t *dev;
};

static struct dma_map *maps;
static size_t cap;
static size_t used;
static unsigned long gen = 1;
static unsigned long live, map_calls, sync_calls;
/* Keep device copies (shim_dma_set_device_view); how many are allocated. */
static bool keep_device_view;
static unsigned long device_copies;

static size_t slot(dma_addr_t a)
{
	return (size_t)(((a >> 4) * 0x9E3779B97F4A7C15ull) >> 24) & (cap - 1);
}

static struct dma_map *find(dma_addr_t a)
{
	if (!cap)
		return NULL;
	for (size_t s = slot(a);; s = (s + 1) & (cap - 1)) {
		if (maps[s].gen != gen)
			return NULL;
		if (maps[s].addr == a)
			return &maps[s];
	}
}

static void grow(void)
{
	struct dma_map *old = maps;
	size_t old_cap = cap;

	cap = cap ? cap * 2 : 4096;
	maps = calloc(cap, sizeof(*maps));
	if (!maps)
		abort();
	used = 0;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].gen != gen)
			continue;
		size_t s = slot(old[i].addr);

		while (maps[s].gen == gen)
			s = (s + 1) & (cap - 1);
		maps[s] = old[i];
		used++;
	}
	free(old);
}

/*
 * Unmapped entries keep their slot with size 0, so probe chains stay intact
 * until the generation changes.
 */
static struct dma_map *insert(dma_addr_t a)
{
	struct dma_map *m = find(a);

	if (m)
		return m;
	if ((used + 1) * 2 > cap)
		grow();
	size_t s = slot(a);

	while (maps[s].gen == gen)
		s = (s + 1) & (cap - 1);
	used++;
	/* The slot may hold a stale entry of an earlier generation. */
	maps[s] = (struct dma_map){ .addr = a, .gen = gen };
	return &maps[s];
}

dma_addr_t shim_dma_map_single(struct device *dev, void *ptr, size_t size,
			       enum dma_data_direction dir,
			       const struct shim_site *site)
{
	dma_addr_t a = virt_to_phys(ptr);
	struct dma_map *m;

	(void)dev;
	map_calls++;
	m = insert(a);
	if (m->size) {
		shim_finding("dma-double-map", site,
			     "dma_map_single(%p, %zu): already mapped by %s %s:%d",
			     ptr, size, m->site->func, m->site->file,
			     m->site->line);
		return a;
	}
	m->size = size;
	m->dir = dir;
	m->site = site;
	if (keep_device_view && dir != DMA_FROM_DEVICE) {
		free(m->dev);
		m->dev = malloc(size);
		if (!m->dev)
			abort();
		memcpy(m->dev, ptr, size);
		device_copies++;
	}
	live++;
	return a;
}

void shim_dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
			   enum dma_data_direction dir,
			   const struct shim_site *site)
{
	struct dma_map *m = find(addr);

	(void)dev;
	if (!m || !m->size) {
		shim_finding("dma-unmap-unmapped", site,
			     "dma_unmap_single(%#llx, %zu): device driver frees DMA memory it has not allocated",
			     (unsigned long long)addr, size);
		return;
	}
	if (m->size != size || m->dir != dir) {
		shim_finding("dma-unmap-mismatch", site,
			     "dma_unmap_single(%#llx): size %zu dir %d, mapped with size %zu dir %d at %s %s:%d",
			     (unsigned long long)addr, size, dir, m->size,
			     m->dir, m->site->func, m->site->file, m->site->line);
		return;
	}
	m->size = 0;
	if (m->dev) {
		free(m->dev);
		m->dev = NULL;
		device_copies--;
	}
	live--;
}

void shim_dma_sync_single(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, bool for_device,
			  const struct shim_site *site)
{
	dma_addr_t page = addr & PAGE_MASK;

	(void)dev;
	(void)dir;
	sync_calls++;
	/* The covering mapping starts at most 16 pages below (large pgds). */
	for (int i = 0; i < 16; i++, page -= PAGE_SIZE) {
		struct dma_map *m = find(page);

		if (m && m->size) {
			if (addr + size > m->addr + m->size)
				break;
			if (for_device && m->dev)
				memcpy(m->dev + (addr - m->addr),
				       (const void *)(uintptr_t)addr, size);
			return;
		}
	}
	shim_finding("dma-sync-unmapped", site,
		     "dma_sync_single(%#llx, %zu): device driver syncs DMA memory it has not mapped",
		     (unsigned long long)addr, size);
}

/*
 * Memory freed while a streaming mapping still covers part of it: the
 * device may go on reading (or the next owner's data be synced over it).
 * Mappings start on a page boundary and span at most 16 pages.
 */
void shim_dma_check_free(uintptr_t addr, size_t size,
			 const struct shim_site *site)
{
	dma_addr_t page = (addr & PAGE_MASK) - 15 * PAGE_SIZE;

	if (!live || !size)
		return;
	if ((addr & PAGE_MASK) < 15 * PAGE_SIZE)
		page = 0;
	for (; page < addr + size; page += PAGE_SIZE) {
		struct dma_map *m = find(page);

		if (!m || !m->size || m->addr + m->size <= addr)
			continue;
		shim_finding("dma-free-mapped", site,
			     "freeing %zu bytes at %#lx that are still DMA-mapped: dma_map_single(%#llx, %zu) at %s %s:%d was never unmapped",
			     size, (unsigned long)addr,
			     (unsigned long long)m->addr, m->size,
			     m->site->func, m->site->file, m->site->line);
		return;
	}
}

unsigned long shim_dma_live(void)
{
	return live;
}

unsigned long shim_dma_map_calls(void)
{
	return map_calls;
}

unsigned long shim_dma_sync_calls(void)
{
	return sync_calls;
}

unsigned long shim_dma_check_leaks(void)
{
	unsigned long n = live;

	if (!n)
		return 0;
	for (size_t i = 0; i < cap; i++) {
		struct dma_map *m = &maps[i];

		if (m->gen != gen || !m->size)
			continue;
		shim_finding("dma-map-leak", m->site,
			     "dma_map_single(%#llx, %zu) never unmapped (%lu mapping(s) live at end of input)",
			     (unsigned long long)m->addr, m->size, n);
		/* One report is enough to name the culprit. */
		break;
	}
	return n;
}

void shim_dma_set_device_view(bool on)
{
	keep_device_view = on;
}

const void *shim_dma_device_map(uint64_t phys, uint64_t *start, size_t *size)
{
	dma_addr_t page = phys & PAGE_MASK;

	for (int i = 0; i < 16; i++, page -= PAGE_SIZE) {
		struct dma_map *m = find(page);

		if (!m || !m->size)
			continue;
		if (!m->dev || phys >= m->addr + m->size)
			return NULL;
		*start = m->addr;
		*size = m->size;
		return m->dev;
	}
	return NULL;
}

static void free_device_copies(void)
{
	for (size_t i = 0; i < cap && device_copies; i++) {
		if (maps[i].dev) {
			free(maps[i].dev);
			maps[i].dev = NULL;
			device_copies--;
		}
	}
	device_copies = 0;
}

void shim_dma_reset(void)
{
	if (device_copies)
		free_device_copies();
	gen++;
	used = 0;
	live = map_calls = sync_calls = 0;
}
