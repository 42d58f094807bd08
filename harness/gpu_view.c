// SPDX-License-Identifier: GPL-2.0-only
/*
 * What each IOMMU_* prot must look like to the GPU (msm derives prot from
 * the UAPI: READ always, WRITE unless MSM_BO_GPU_READONLY, PRIV for
 * MSM_BO_MAP_PRIV, CACHE for MSM_BO_CACHED_COHERENT; MAP_NULL maps the PRR
 * page READ | WRITE), checked on the walk of model/lpae_walk.c:
 *   address   the model's page, or a translation fault when unmapped
 *   write     writable iff IOMMU_WRITE
 *   unpriv    unprivileged (EL0-regime) access iff not IOMMU_PRIV
 *   xn        execute-never iff IOMMU_NOEXEC
 *   memtype   device iff IOMMU_MMIO; write-back and inner shareable iff
 *             IOMMU_CACHE; inner non-cacheable otherwise
 *   ng        not global: the translation belongs to this address space
 *   af        access flag set (the SMMU does not set it: it would fault)
 *   contig    no contiguous hint (4 KiB pages, never a contiguous run)
 *   table-attr no APTable/XNTable/PXNTable/NSTable bit on the way down
 *   unsynced  on a non-coherent walk, the device sees what the CPU wrote
 */
#include <stdio.h>
#include <string.h>

#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <shim/dma.h>
#include <shim/finding.h>
#include <shim/alloc.h>

#include "../model/lpae_walk.h"
#include "gpu_view.h"

void gpu_view_enable(bool on)
{
	shim_dma_set_device_view(on);
}

struct reader {
	bool coherent;
	/* Set when the device's copy and the CPU's table differ. */
	bool stale;
	uint64_t stale_phys, cpu_desc, dev_desc;
};

/*
 * Tables already found readable in this pass (gpu_view_begin() starts one;
 * no table is freed within it): the walks of neighbouring pages share them,
 * so liveness and the device copy are looked up once per table. Coherent:
 * the page is live; non-coherent: the DMA mapping [start, start + size).
 */
struct seen_table {
	uint64_t start, size;
	const uint8_t *dev;
};
static struct seen_table seen[8];
static unsigned int nseen, next_seen;
/* The walk to the last table of the previous page, likewise for one pass. */
static struct lpae_walk_prefix prefix;
/*
 * The last page descriptor that passed every check, for one pass: a page
 * of the same table whose descriptor has the same attribute bits, under
 * the same table attributes and for the same prot, gets the same verdict
 * from check_attrs() (a function of those alone), so only its output
 * address is left to compare.
 */
static struct {
	bool valid;
	uint64_t attrs, table_attrs;
	int prot;
} last_ok;

void gpu_view_begin(void)
{
	nseen = next_seen = 0;
	prefix.valid = false;
	last_ok.valid = false;
}

static const struct seen_table *lookup_table(uint64_t phys, bool coherent)
{
	static const struct shim_site site = { "gpu_view_check_page",
					       "harness/gpu_view.c", __LINE__ };
	struct seen_table t = { .start = phys & ~0xfffull, .size = 4096 };
	const struct seen_table *last = &seen[(next_seen + 7) % 8];

	/* Neighbouring pages read the same table: the newest first. */
	if (nseen && phys - last->start < last->size)
		return last;
	for (unsigned int i = 0; i < nseen; i++)
		if (phys - seen[i].start < seen[i].size)
			return &seen[i];
	/* A table pointer into freed or foreign memory is a finding itself. */
	if (!shim_phys_is_live(phys, &site))
		return NULL;
	if (!coherent) {
		size_t size;

		t.dev = shim_dma_device_map(phys, &t.start, &size);
		if (!t.dev || phys + 8 > t.start + size)
			return NULL;
		t.size = size;
	}
	seen[next_seen] = t;
	next_seen = (next_seen + 1) % 8;
	if (nseen < 8)
		nseen++;
	return &seen[(next_seen + 7) % 8];
}

static bool read_desc(void *ctx, uint64_t phys, uint64_t *desc)
{
	struct reader *rd = ctx;
	const struct seen_table *t = lookup_table(phys, rd->coherent);
	uint64_t cpu;

	if (!t)
		return false;
	cpu = *(const uint64_t *)(uintptr_t)phys;
	if (rd->coherent) {
		*desc = cpu;
		return true;
	}
	memcpy(desc, t->dev + (phys - t->start), sizeof(*desc));
	/*
	 * Bits [58:55] are for software and ignored by the walker:
	 * io-pgtable-arm marks a table entry it has synced there
	 * (ARM_LPAE_PTE_SW_SYNC) without syncing that mark.
	 */
	if (((*desc ^ cpu) & ~LPAE_DESC_SW_BITS) && !rd->stale) {
		rd->stale = true;
		rd->stale_phys = phys;
		rd->cpu_desc = cpu;
		rd->dev_desc = *desc;
	}
	return true;
}

static void report(const char *field, int line, uint64_t iova, unsigned int job,
		   const struct lpae_walk_result *r, const char *want,
		   const char *got)
{
	char kind[48];

	snprintf(kind, sizeof(kind), "gpu-view-%s", field);
	shim_finding_at(kind, "gpu_view_check_page", "harness/gpu_view.c", line,
			"after job %u: iova %#llx: %s: expected %s, the GPU sees %s (level %d descriptor %#llx at %#llx)",
			job, (unsigned long long)iova, field, want, got,
			r->level, (unsigned long long)r->desc,
			(unsigned long long)r->desc_phys);
}

#define YESNO(b) ((b) ? "yes" : "no")

/* The leaf against the prot; reports the first field that differs. */
static bool check_attrs(const struct io_pgtable_cfg *hw, uint64_t iova,
			const struct gpu_view_expect *want, unsigned int job,
			const struct lpae_walk_result *r)
{
	int prot = want->prot;
	bool w = prot & IOMMU_WRITE, unpriv = !(prot & IOMMU_PRIV);
	bool xn = prot & IOMMU_NOEXEC;
	enum lpae_memtype mt = (prot & IOMMU_MMIO) ? LPAE_MEM_DEVICE :
			       (prot & IOMMU_CACHE) ? LPAE_MEM_NORMAL_WB :
						      LPAE_MEM_NORMAL_NC;
	/* Static: only a mismatch formats them, and the hot path sets up no
	 * stack buffers (their redzones cost more than the walk). */
	static char a[64], b[64];

	if (r->table_attrs) {
		snprintf(a, sizeof(a), "none");
		snprintf(b, sizeof(b), "%#llx from level %d",
			 (unsigned long long)r->table_attrs, r->table_attrs_level);
		report("table-attr", __LINE__, iova, job, r, a, b);
		return false;
	}
	if (r->write != w) {
		report("write", __LINE__, iova, job, r, YESNO(w), YESNO(r->write));
		return false;
	}
	if (r->unpriv != unpriv) {
		report("unpriv", __LINE__, iova, job, r, YESNO(unpriv),
		       YESNO(r->unpriv));
		return false;
	}
	if (r->uxn != xn || r->pxn != xn) {
		snprintf(b, sizeof(b), "uxn %s pxn %s", YESNO(r->uxn), YESNO(r->pxn));
		report("xn", __LINE__, iova, job, r, YESNO(xn), b);
		return false;
	}
	if (r->memtype != mt) {
		snprintf(b, sizeof(b), "%s (AttrIndx %u, MAIR attr %#x)",
			 lpae_memtype_name(r->memtype), r->attrindx, r->attr);
		report("memtype", __LINE__, iova, job, r, lpae_memtype_name(mt), b);
		return false;
	}
	if (mt == LPAE_MEM_NORMAL_WB && r->sh != 3) {
		snprintf(b, sizeof(b), "SH %u", r->sh);
		report("shareability", __LINE__, iova, job, r, "inner shareable (SH 3)", b);
		return false;
	}
	if (!r->ng) {
		report("ng", __LINE__, iova, job, r, "nG set (per address space)",
		       "a global translation");
		return false;
	}
	if (r->contig) {
		report("contig", __LINE__, iova, job, r, "no contiguous hint", "the hint set");
		return false;
	}
	/* DBM only means something with hardware dirty tracking. */
	if (r->dbm && !(hw->quirks & IO_PGTABLE_QUIRK_ARM_HD)) {
		report("dbm", __LINE__, iova, job, r, "DBM clear", "DBM set");
		return false;
	}
	return true;
}

/*
 * One page; on the translation fault an unmapped page must give, when the
 * walk stopped above the last level, *unmapped_to is the end of the region
 * of the descriptor it stopped at (every page of it faults the same way).
 */
static bool check_page(const struct io_pgtable_cfg *hw, uint64_t iova,
		       const struct gpu_view_expect *want, unsigned int job,
		       uint64_t *unmapped_to)
{
	struct reader rd = { .coherent = hw->coherent_walk };
	struct lpae_walk_cfg cfg = {
		.ttbr = hw->arm_lpae_s1_cfg.ttbr,
		.t0sz = hw->arm_lpae_s1_cfg.tcr.tsz,
		.mair = hw->arm_lpae_s1_cfg.mair,
		.read = read_desc,
		.ctx = &rd,
		.prefix = &prefix,
	};
	struct lpae_walk_result r;
	static char a[64], b[96];	/* as in check_attrs() */

	/* In the last table walked: its descriptor alone may settle it. */
	if (prefix.valid && prefix.block == iova >> 21) {
		uint64_t d;

		if (read_desc(&rd, prefix.table + ((iova >> 12) & 511) * 8, &d) && !rd.stale) {
			if (!want->mapped && !(d & LPAE_DESC_VALID))
				return true;
			if (want->mapped && last_ok.valid && (d & 3) == 3 &&
			    (d & ~LPAE_DESC_OA_MASK) == last_ok.attrs &&
			    prefix.table_attrs == last_ok.table_attrs &&
			    want->prot == last_ok.prot && (d & LPAE_DESC_OA_MASK) == want->phys)
				return true;
		}
		rd = (struct reader){ .coherent = hw->coherent_walk };
	}
	lpae_walk(&cfg, iova, &r);
	if (rd.stale) {
		snprintf(a, sizeof(a), "%#llx (the CPU's)", (unsigned long long)rd.cpu_desc);
		snprintf(b, sizeof(b), "%#llx at %#llx: written, never synced for the device",
			 (unsigned long long)rd.dev_desc, (unsigned long long)rd.stale_phys);
		report("unsynced", __LINE__, iova, job, &r, a, b);
		return false;
	}
	if (r.status == LPAE_WALK_UNREADABLE) {
		report("unreadable", __LINE__, iova, job, &r,
		       rd.coherent ? "a live table" : "a table DMA-mapped for the walker",
		       "memory the walker cannot read");
		return false;
	}
	if (!want->mapped) {
		if (r.status == LPAE_WALK_FAULT_TRANSLATION) {
			unsigned int shift = 12 + 9 * (3 - r.level);

			/* Above the last level, one descriptor faults them all. */
			if (r.level < 3)
				*unmapped_to = ((iova >> shift) + 1) << shift;
			return true;
		}
		snprintf(b, sizeof(b), "a translation to %#llx", (unsigned long long)r.out);
		report("mapped", __LINE__, iova, job, &r, "a translation fault", b);
		return false;
	}
	if (r.status == LPAE_WALK_FAULT_TRANSLATION) {
		snprintf(a, sizeof(a), "%#llx", (unsigned long long)want->phys);
		report("fault", __LINE__, iova, job, &r, a, "a translation fault");
		return false;
	}
	if (r.status == LPAE_WALK_FAULT_ACCESS) {
		report("af", __LINE__, iova, job, &r, "AF set", "an access flag fault");
		return false;
	}
	if (r.out != want->phys) {
		snprintf(a, sizeof(a), "%#llx", (unsigned long long)want->phys);
		snprintf(b, sizeof(b), "%#llx", (unsigned long long)r.out);
		report("address", __LINE__, iova, job, &r, a, b);
		return false;
	}
	if (!check_attrs(hw, iova, want, job, &r))
		return false;
	if (r.level == 3)
		last_ok = (typeof(last_ok)){ .valid = true,
					     .attrs = r.desc & ~LPAE_DESC_OA_MASK,
					     .table_attrs = r.table_attrs,
					     .prot = want->prot };
	return true;
}

bool gpu_view_check_page(const struct io_pgtable_cfg *hw, uint64_t iova,
			 const struct gpu_view_expect *want, unsigned int job)
{
	uint64_t unmapped_to = iova + 4096;

	return check_page(hw, iova, want, job, &unmapped_to);
}

/*
 * The level-3 descriptors the walker reads for pages iova.. of the last
 * table walked, when the fast path of check_page() applies to them (same
 * 2 MiB block): the table as the device sees it (its DMA copy when the
 * walk is not coherent) and the CPU's; *n is capped to the entries left
 * in the table and in what the device can read. NULL otherwise.
 */
static const uint64_t *fast_entries(bool coherent, uint64_t iova, uint64_t *n,
				    const uint64_t **cpu)
{
	const struct seen_table *t;
	uint64_t idx = (iova >> 12) & 511, first, readable;

	if (!prefix.valid || prefix.block != iova >> 21)
		return NULL;
	first = prefix.table + idx * 8;
	t = lookup_table(first, coherent);
	if (!t)
		return NULL;
	readable = (t->start + t->size - first) / 8;
	if (*n > 512 - idx)
		*n = 512 - idx;
	if (*n > readable)
		*n = readable;
	*cpu = (const uint64_t *)(uintptr_t)first;
	return coherent ? *cpu : (const uint64_t *)(t->dev + (first - t->start));
}

/*
 * check_page()'s fast path over a run: the pages whose descriptor, in the
 * table of the last walk, settles them without a walk (see last_ok).
 * Returns how many of the first n pages passed that way. Not instrumented
 * by ASan or UBSan: it reads only entries fast_entries() found live (or
 * DMA-mapped) and in bounds.
 */
__attribute__((no_sanitize("address", "undefined")))
static uint64_t fast_run(bool coherent, uint64_t iova, uint64_t n,
			 const struct gpu_view_expect *want, uint64_t phys_step)
{
	const uint64_t *cpu, *dev = fast_entries(coherent, iova, &n, &cpu);
	uint64_t k, phys = want->phys, attrs = last_ok.attrs;

	if (!dev)
		return 0;
	if (want->mapped && !(last_ok.valid && prefix.table_attrs == last_ok.table_attrs &&
			      want->prot == last_ok.prot))
		return 0;
	for (k = 0; k < n; k++, phys += phys_step) {
		uint64_t d;

		/* Unaligned in a device copy: read as read_desc() does. */
		__builtin_memcpy(&d, dev + k, sizeof(d));
		if (!coherent && ((d ^ cpu[k]) & ~LPAE_DESC_SW_BITS))
			break;
		if (!want->mapped ? (d & LPAE_DESC_VALID) :
				    ((d & 3) != 3 || (d & ~LPAE_DESC_OA_MASK) != attrs ||
				     (d & LPAE_DESC_OA_MASK) != phys))
			break;
	}
	return k;
}

bool gpu_view_check_run(const struct io_pgtable_cfg *hw, uint64_t iova,
			uint64_t npages, const struct gpu_view_expect *want,
			uint64_t phys_step, unsigned int job)
{
	struct gpu_view_expect w = *want;
	bool ok = true;

	while (npages) {
		uint64_t done = fast_run(hw->coherent_walk, iova, npages, &w, phys_step);
		uint64_t unmapped_to = iova + 4096;

		if (!done) {
			ok &= check_page(hw, iova, &w, job, &unmapped_to);
			done = 1;
			if (!w.mapped && unmapped_to > iova + 4096)
				done = (unmapped_to - iova) / 4096 < npages ?
					       (unmapped_to - iova) / 4096 : npages;
		}
		iova += done * 4096;
		w.phys += done * phys_step;
		npages -= done;
	}
	return ok;
}
