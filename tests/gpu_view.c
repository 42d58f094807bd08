// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GPU-view oracle (harness/gpu_view.c on model/lpae_walk.c) against the
 * tree's io-pgtable-arm: every prot the path allows looks right to the
 * walker, on coherent and non-coherent walks; then each way a descriptor can
 * be wrong is done on purpose to a real table and must be found, with its
 * field named.
 *
 * Usage: test_gpu_view <case> coherent|noncoherent   ("list" names the cases)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/dma-mapping.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/sizes.h>
#include <shim/alloc.h>
#include <shim/finding.h>

#include "../model/lpae_walk.h"
#include "check.h"
#include "gpu_view.h"
#include "tlb_noop.h"

#define PADDR 0x80000000ULL

static struct device dev = { .init_name = "test-smmu" };
static bool coherent;

static struct io_pgtable_cfg cfg;
static struct io_pgtable_ops *ops;

/* One page per prot the VM_BIND path can ask for, 1 GiB apart. */
static const int prots[] = {
	IOMMU_READ | IOMMU_WRITE,
	IOMMU_READ,
	IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE,
	IOMMU_READ | IOMMU_CACHE,
	IOMMU_READ | IOMMU_WRITE | IOMMU_PRIV,
	IOMMU_READ | IOMMU_PRIV | IOMMU_CACHE,
	IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO,
	IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC,
};
#define NPROTS (sizeof(prots) / sizeof(prots[0]))

static uint64_t iova_of(size_t i)
{
	return (uint64_t)(i + 1) * SZ_1G + 5 * SZ_4K;
}

static void setup(void)
{
	size_t mapped;

	shim_reset();
	shim_findings_clear();
	gpu_view_enable(!coherent);
	cfg = (struct io_pgtable_cfg){
		.pgsize_bitmap = SZ_4K,
		.ias = 48,
		.oas = 48,
		.coherent_walk = coherent,
		.tlb = &tlb_noop_ops,
		.iommu_dev = &dev,
	};
	ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &cfg, NULL);
	CHECK(ops);
	for (size_t i = 0; ops && i < NPROTS; i++) {
		mapped = 0;
		CHECK_EQ(ops->map_pages(ops, iova_of(i), PADDR + i * SZ_4K, SZ_4K, 1,
					prots[i], GFP_KERNEL, &mapped), 0);
		CHECK_EQ(mapped, SZ_4K);
	}
}

static void teardown(void)
{
	if (ops)
		free_io_pgtable_ops(ops);
	ops = NULL;
	gpu_view_enable(false);
	shim_reset();
}

static bool check(size_t i)
{
	struct gpu_view_expect want = {
		.mapped = true, .phys = PADDR + i * SZ_4K, .prot = prots[i]
	};

	gpu_view_begin();
	return gpu_view_check_page(&cfg, iova_of(i), &want, 0);
}

static bool check_unmapped(uint64_t iova)
{
	struct gpu_view_expect want = { .mapped = false };

	gpu_view_begin();
	return gpu_view_check_page(&cfg, iova, &want, 0);
}

/* Where the walker finds the leaf of mapping i. */
static uint64_t *leaf_of(size_t i)
{
	/* Level 0..3 indices of a 48-bit iova, the CPU's copy of the tables. */
	uint64_t iova = iova_of(i), *t = (uint64_t *)(uintptr_t)cfg.arm_lpae_s1_cfg.ttbr;

	for (int lvl = 0; lvl < 3; lvl++)
		t = (uint64_t *)(uintptr_t)(t[(iova >> (39 - 9 * lvl)) & 511] &
					    LPAE_DESC_OA_MASK);
	return &t[(iova >> 12) & 511];
}

/* A descriptor change made visible to a non-coherent walker. */
static void write_synced(uint64_t *desc, uint64_t val)
{
	*desc = val;
	if (!coherent)
		dma_sync_single_for_device(&dev, virt_to_phys(desc), sizeof(*desc),
					   DMA_TO_DEVICE);
}

/* Exactly one finding, of this kind, and the detail names the field. */
static void expect_finding(const char *kind, const char *field)
{
	CHECK_EQ(shim_findings_count(), 1);
	CHECK(shim_findings_have_kind(kind), "want %s, got %s", kind,
	      shim_findings_count() ? shim_findings_first() : "none");
	CHECK(strstr(shim_findings_last_detail(), field), "detail: %s",
	      shim_findings_last_detail());
	printf("%s: %s\n", kind, shim_findings_last_detail());
}

static size_t find_prot(int prot)
{
	for (size_t i = 0; i < NPROTS; i++)
		if (prots[i] == prot)
			return i;
	return 0;
}

static void case_clean(void)
{
	setup();
	for (size_t i = 0; i < NPROTS; i++)
		CHECK(check(i), "prot %#x", prots[i]);
	CHECK(check_unmapped(iova_of(0) + SZ_4K));
	CHECK(check_unmapped(300ULL * SZ_1G));
	CHECK(check_unmapped((1ULL << 48) - SZ_4K));
	CHECK_EQ(shim_findings_count(), 0);
	if (shim_findings_count())
		fprintf(stderr, "%s\n", shim_findings_last_detail());
	teardown();
}

static void case_ap2_flipped(void)
{
	size_t i = find_prot(IOMMU_READ | IOMMU_WRITE);
	uint64_t *d;

	setup();
	d = leaf_of(i);
	write_synced(d, *d | LPAE_DESC_AP2);
	CHECK(!check(i));
	expect_finding("gpu-view-write", "write: expected yes");
	teardown();
}

static void case_readonly_writable(void)
{
	size_t i = find_prot(IOMMU_READ);
	uint64_t *d;

	setup();
	d = leaf_of(i);
	write_synced(d, *d & ~LPAE_DESC_AP2);
	CHECK(!check(i));
	expect_finding("gpu-view-write", "write: expected no");
	teardown();
}

static void case_unpriv_on_priv(void)
{
	size_t i = find_prot(IOMMU_READ | IOMMU_WRITE | IOMMU_PRIV);
	uint64_t *d;

	setup();
	d = leaf_of(i);
	write_synced(d, *d | LPAE_DESC_AP1);
	CHECK(!check(i));
	expect_finding("gpu-view-unpriv", "unpriv: expected no");
	teardown();
}

static void case_ng_dropped(void)
{
	uint64_t *d;

	setup();
	d = leaf_of(0);
	write_synced(d, *d & ~LPAE_DESC_NG);
	CHECK(!check(0));
	expect_finding("gpu-view-ng", "ng: expected nG set");
	teardown();
}

static void case_attrindx_wrong(void)
{
	size_t i = find_prot(IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE);
	size_t nc = find_prot(IOMMU_READ | IOMMU_WRITE);
	uint64_t *d, *n;

	setup();
	d = leaf_of(i);
	n = leaf_of(nc);
	/* The non-cacheable mapping's AttrIndx on the cached one. */
	write_synced(d, (*d & ~(7ULL << 2)) | (*n & (7ULL << 2)));
	CHECK(!check(i));
	expect_finding("gpu-view-memtype", "memtype: expected normal write-back");
	teardown();
}

static void case_aptable_set(void)
{
	uint64_t *root, iova = iova_of(0);

	setup();
	root = (uint64_t *)(uintptr_t)cfg.arm_lpae_s1_cfg.ttbr;
	write_synced(&root[(iova >> 39) & 511], root[(iova >> 39) & 511] | LPAE_TABLE_AP1);
	CHECK(!check(0));
	expect_finding("gpu-view-table-attr", "table-attr: expected none");
	CHECK(strstr(shim_findings_last_detail(), "from level 0"));
	teardown();
}

static void case_af_clear(void)
{
	uint64_t *d;

	setup();
	d = leaf_of(0);
	write_synced(d, *d & ~LPAE_DESC_AF);
	CHECK(!check(0));
	expect_finding("gpu-view-af", "af: expected AF set");
	teardown();
}

static void case_wrong_address(void)
{
	uint64_t *d;

	setup();
	d = leaf_of(0);
	write_synced(d, *d + SZ_4K);
	CHECK(!check(0));
	expect_finding("gpu-view-address", "address: expected 0x80000000");
	teardown();
}

/* A translation left where the model says nothing is mapped. */
static void case_stale_mapping(void)
{
	uint64_t *d;

	setup();
	d = leaf_of(0);
	write_synced(d + 1, *d);
	CHECK(!check_unmapped(iova_of(0) + SZ_4K));
	expect_finding("gpu-view-mapped", "mapped: expected a translation fault");
	teardown();
}

static void case_contig_set(void)
{
	uint64_t *d;

	setup();
	d = leaf_of(0);
	write_synced(d, *d | LPAE_DESC_CONTIG);
	CHECK(!check(0));
	expect_finding("gpu-view-contig", "contig: expected no contiguous hint");
	teardown();
}

static void case_dbm_set(void)
{
	uint64_t *d;

	setup();
	d = leaf_of(0);
	write_synced(d, *d | LPAE_DESC_DBM);
	CHECK(!check(0));
	expect_finding("gpu-view-dbm", "dbm: expected DBM clear");
	teardown();
}

/* An IOMMU_NOEXEC mapping made executable. */
static void case_xn_cleared(void)
{
	size_t i = find_prot(IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC);
	uint64_t *d;

	setup();
	d = leaf_of(i);
	write_synced(d, *d & ~(LPAE_DESC_UXN | LPAE_DESC_PXN));
	CHECK(!check(i));
	expect_finding("gpu-view-xn", "xn: expected yes");
	teardown();
}

/* A cached mapping that is only outer shareable: not coherent with the CPU. */
static void case_cached_outer_shareable(void)
{
	size_t i = find_prot(IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE);
	uint64_t *d;

	setup();
	d = leaf_of(i);
	write_synced(d, (*d & ~(3ULL << 8)) | (2ULL << 8));
	CHECK(!check(i));
	expect_finding("gpu-view-shareability", "shareability: expected inner shareable");
	teardown();
}

/* A page the model has mapped that the GPU cannot reach. */
static void case_leaf_invalid(void)
{
	uint64_t *d;

	setup();
	d = leaf_of(0);
	write_synced(d, *d & ~LPAE_DESC_VALID);
	CHECK(!check(0));
	expect_finding("gpu-view-fault", "a translation fault");
	teardown();
}

/* Non-coherent walk: a PTE written without its sync. */
static void case_unsynced(void)
{
	uint64_t *d;

	if (coherent) {
		printf("skipped: a coherent walker sees every write\n");
		exit(77);
	}
	setup();
	d = leaf_of(0);
	*d |= LPAE_DESC_AP2;	/* no dma_sync_single_for_device() */
	CHECK(!check(0));
	expect_finding("gpu-view-unsynced", "never synced for the device");
	teardown();
}

/*
 * Runs (gpu_view_check_run(), the oracles' per-op loop): RUN_PAGES pages
 * mapped contiguously across a 2 MiB boundary, then the unmapped rest of
 * that 1 GiB and the next, where the walk stops above the last level.
 */
#define RUN_IOVA (200ULL * SZ_1G - 100 * SZ_4K)
#define RUN_PAGES 600
#define RUN_PADDR 0x90000000ULL
#define RUN_PROT (IOMMU_READ | IOMMU_WRITE)
#define HOLE_IOVA (RUN_IOVA + RUN_PAGES * SZ_4K)
#define HOLE_PAGES ((202ULL * SZ_1G - HOLE_IOVA) / SZ_4K)

static void setup_run(void)
{
	size_t done = 0;

	setup();
	/* map_pages() stops at the end of a table, as iommu_map() knows. */
	while (done < RUN_PAGES * SZ_4K) {
		size_t mapped = 0;

		CHECK_EQ(ops->map_pages(ops, RUN_IOVA + done, RUN_PADDR + done, SZ_4K,
					RUN_PAGES - done / SZ_4K, RUN_PROT, GFP_KERNEL,
					&mapped), 0);
		if (!mapped)
			break;
		done += mapped;
	}
	CHECK_EQ(done, RUN_PAGES * SZ_4K);
}

static bool check_run(void)
{
	struct gpu_view_expect want = { .mapped = true, .phys = RUN_PADDR,
					.prot = RUN_PROT };

	gpu_view_begin();
	return gpu_view_check_run(&cfg, RUN_IOVA, RUN_PAGES, &want, SZ_4K, 0);
}

static bool check_hole(void)
{
	struct gpu_view_expect want = { .mapped = false };

	gpu_view_begin();
	return gpu_view_check_run(&cfg, HOLE_IOVA, HOLE_PAGES, &want, 0, 0);
}

/* The descriptor of page iova (the CPU's copy). */
static uint64_t *leaf_at(uint64_t iova)
{
	uint64_t *t = (uint64_t *)(uintptr_t)cfg.arm_lpae_s1_cfg.ttbr;

	for (int lvl = 0; lvl < 3; lvl++)
		t = (uint64_t *)(uintptr_t)(t[(iova >> (39 - 9 * lvl)) & 511] &
					    LPAE_DESC_OA_MASK);
	return &t[(iova >> 12) & 511];
}

static void case_run_clean(void)
{
	struct gpu_view_expect prr = { .mapped = true, .phys = PADDR, .prot = RUN_PROT };
	size_t mapped;

	setup_run();
	CHECK(check_run());
	CHECK(check_hole());
	/* One page for all (MAP_NULL's PRR page): phys_step 0. */
	for (int k = 0; k < 20; k++) {
		mapped = 0;
		CHECK_EQ(ops->map_pages(ops, 300ULL * SZ_1G + k * SZ_4K, PADDR, SZ_4K, 1,
					RUN_PROT, GFP_KERNEL, &mapped), 0);
	}
	gpu_view_begin();
	CHECK(gpu_view_check_run(&cfg, 300ULL * SZ_1G, 20, &prr, 0, 0));
	CHECK_EQ(shim_findings_count(), 0);
	if (shim_findings_count())
		fprintf(stderr, "%s\n", shim_findings_last_detail());
	teardown();
}

/* One page in the middle of a run: found, and only that page. */
static void case_run_wrong_address(void)
{
	uint64_t *d;

	setup_run();
	d = leaf_at(RUN_IOVA + 300 * SZ_4K);
	write_synced(d, *d + SZ_4K);
	CHECK(!check_run());
	expect_finding("gpu-view-address", "iova 0x32000c8000: address: expected 0x9012c000");
	teardown();
}

/* A page mapped in the hole, 1 GiB past the run's table: not skipped. */
static void case_run_stray_mapping(void)
{
	size_t mapped = 0;

	setup_run();
	CHECK_EQ(ops->map_pages(ops, 201ULL * SZ_1G + 7 * SZ_4K, RUN_PADDR, SZ_4K, 1,
				RUN_PROT, GFP_KERNEL, &mapped), 0);
	CHECK(!check_hole());
	expect_finding("gpu-view-mapped", "iova 0x3240007000: mapped: expected a translation fault");
	teardown();
}

/* Non-coherent walk: a PTE in the middle of a run written without its sync. */
static void case_run_unsynced(void)
{
	uint64_t *d;

	if (coherent) {
		printf("skipped: a coherent walker sees every write\n");
		exit(77);
	}
	setup_run();
	d = leaf_at(RUN_IOVA + 450 * SZ_4K);
	*d |= LPAE_DESC_AP2;	/* no dma_sync_single_for_device() */
	CHECK(!check_run());
	expect_finding("gpu-view-unsynced", "iova 0x320015e000");
	teardown();
}

static const struct {
	const char *name;
	void (*run)(void);
} cases[] = {
	{ "clean", case_clean },
	{ "ap2-flipped", case_ap2_flipped },
	{ "readonly-writable", case_readonly_writable },
	{ "unpriv-on-priv", case_unpriv_on_priv },
	{ "ng-dropped", case_ng_dropped },
	{ "attrindx-wrong", case_attrindx_wrong },
	{ "aptable-set", case_aptable_set },
	{ "af-clear", case_af_clear },
	{ "wrong-address", case_wrong_address },
	{ "stale-mapping", case_stale_mapping },
	{ "contig-set", case_contig_set },
	{ "dbm-set", case_dbm_set },
	{ "xn-cleared", case_xn_cleared },
	{ "cached-outer-shareable", case_cached_outer_shareable },
	{ "leaf-invalid", case_leaf_invalid },
	{ "unsynced", case_unsynced },
	{ "run-clean", case_run_clean },
	{ "run-wrong-address", case_run_wrong_address },
	{ "run-stray-mapping", case_run_stray_mapping },
	{ "run-unsynced", case_run_unsynced },
};

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "";

	shim_finding_set_mode(SHIM_FINDING_RECORD);
	shim_finding_set_quiet(1);
	if (!strcmp(name, "list")) {
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			puts(cases[i].name);
		return 0;
	}
	if (argc != 3 || (strcmp(argv[2], "coherent") && strcmp(argv[2], "noncoherent"))) {
		fprintf(stderr, "usage: %s CASE coherent|noncoherent\n", argv[0]);
		return 2;
	}
	coherent = !strcmp(argv[2], "coherent");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strcmp(name, cases[i].name))
			continue;
		cases[i].run();
		printf("%s %s: %s (%d failure(s))\n", name, argv[2],
		       failures ? "FAILED" : "ok", failures);
		return failures ? 1 : 0;
	}
	fprintf(stderr, "unknown case '%s' (try 'list')\n", name);
	return 2;
}
