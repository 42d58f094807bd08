// SPDX-License-Identifier: GPL-2.0-only
/* The oracles of a run (see oracles.h), reading struct vmbind_run. */
#include <string.h>

#include <linux/io-pgtable.h>
#include <linux/slab.h>
#include <shim/alloc.h>
#include <shim/dma.h>
#include <shim/finding.h>

#include "gpu_view.h"
#include "oracles.h"

static const struct {
	const char *name;
	enum vmbind_oracle bit;
} oracle_table[] = {
	{ "pool-dry", VMBIND_ORACLE_POOL_DRY },
	{ "conservation", VMBIND_ORACLE_CONSERVATION },
	{ "shim", VMBIND_ORACLE_SHIM },
	{ "shadow", VMBIND_ORACLE_SHADOW },
	{ "reservation", VMBIND_ORACLE_RESERVATION },
	{ "gpu-view", VMBIND_ORACLE_GPU_VIEW },
};

#define NR_ORACLES (sizeof(oracle_table) / sizeof(oracle_table[0]))

const char *oracle_names(void)
{
	static char names[128];

	if (!names[0])
		for (size_t i = 0; i < NR_ORACLES; i++) {
			if (i)
				strcat(names, " ");
			strcat(names, oracle_table[i].name);
		}
	return names;
}

static int oracle_bit(const char *name, size_t len, unsigned int *bit)
{
	if (len == 3 && !strncmp(name, "all", 3)) {
		*bit = VMBIND_ORACLE_ALL;
		return 0;
	}
	for (size_t i = 0; i < NR_ORACLES; i++) {
		if (strlen(oracle_table[i].name) == len &&
		    !strncmp(name, oracle_table[i].name, len)) {
			*bit = oracle_table[i].bit;
			return 0;
		}
	}
	return -1;
}

int oracle_parse_list(const char *list, unsigned int *mask, const char **bad)
{
	const char *p = list;

	*mask = 0;
	while (*p) {
		bool minus = *p == '-';
		const char *name = p + minus;
		size_t len = strcspn(name, ",");
		unsigned int bit;

		if (len == 4 && !strncmp(name, "none", 4)) {
			bit = 0;
		} else if (oracle_bit(name, len, &bit)) {
			*bad = p;
			return -1;
		}
		*mask = minus ? *mask & ~bit : *mask | bit;
		p = name + len + (name[len] == ',');
	}
	return 0;
}

/* ---- pool-dry: the pool never runs dry ---- */

/* The hook has only the table's cookie: the run whose VM it belongs to. */
static struct vmbind_run *pool_run;

static void *pool_checked_alloc(void *cookie, size_t size, gfp_t gfp)
{
	struct vmbind_run *r = pool_run;
	struct vmbind_prealloc_view v;

	if (run_oracle_on(r, VMBIND_ORACLE_POOL_DRY)) {
		if (!r->prealloc_set) {
			shim_finding_at("pool-dry", r->be->alloc_hook,
					r->be->source, 0,
					"page-table allocation outside a VM_BIND job (no reservation), job %u",
					r->job);
		} else {
			r->be->prealloc_view(r->vm, r->prealloc, &v);
			if (v.ptr >= v.count)
				shim_finding_at("pool-dry", r->be->alloc_hook,
						r->be->source, 0,
						"reservation exhausted in job %u: %u reserved, %u already used",
						r->job, v.count, v.ptr);
		}
	}
	return r->orig_alloc(cookie, size, gfp);
}

void oracle_install_pool_check(struct vmbind_run *r)
{
	struct io_pgtable *iop =
		io_pgtable_ops_to_pgtable(r->be->pgtbl_ops(r->vm));

	pool_run = r;
	r->orig_alloc = iop->cfg.alloc;
	iop->cfg.alloc = pool_checked_alloc;
}

/* ---- reservation: enough for what the ops need ---- */

void oracle_reservation(const struct vmbind_run *r, uint64_t count,
			uint64_t needed, const uint64_t per_level[TABLE_LEVELS])
{
	if (!run_oracle_on(r, VMBIND_ORACLE_RESERVATION) || !r->exact_tables ||
	    count >= needed)
		return;
	shim_finding_at("reservation-short", "prealloc_count", r->be->source, 0,
			"job %u reserves %llu page-table pages but its ops need %llu new tables (L1 %llu, L2 %llu, L3 %llu): the pool would run dry",
			r->job, (unsigned long long)count,
			(unsigned long long)needed,
			(unsigned long long)per_level[1],
			(unsigned long long)per_level[2],
			(unsigned long long)per_level[3]);
}

/* ---- conservation; and the exact table count ---- */

uint64_t oracle_cache_live(const struct vmbind_run *r)
{
	struct kmem_cache *cache = r->be->pt_cache(r->vm);

	/* The cache may be missing: msm does not check kmem_cache_create(). */
	return cache ? shim_kmem_cache_live(cache) : 0;
}

void oracle_conservation(const struct vmbind_run *r, const char *when,
			 uint64_t live, uint64_t tables, uint64_t unused)
{
	if (!run_oracle_on(r, VMBIND_ORACLE_CONSERVATION) ||
	    live == tables + unused)
		return;
	shim_finding_at("conservation", "vmbind_job", "harness/oracles.c", 0,
			"%s of job %u: %llu live msm-mmu-pt objects, but %llu tables reachable from the root + %llu reserved pages unused",
			when, r->job, (unsigned long long)live,
			(unsigned long long)tables, (unsigned long long)unused);
}

static void check_table_model(const struct vmbind_run *r,
			      const struct pt_walk *w)
{
	uint64_t want[TABLE_LEVELS];

	if (!run_oracle_on(r, VMBIND_ORACLE_CONSERVATION) || !r->exact_tables)
		return;
	table_model_count(&r->tables, want);
	for (int l = 0; l < TABLE_LEVELS; l++) {
		if (want[l] == w->tables[l])
			continue;
		shim_finding_at("table-count", "vmbind_job", "harness/oracles.c", 0,
				"after job %u: %llu level-%d tables in the page table, the model expects %llu",
				r->job, (unsigned long long)w->tables[l], l,
				(unsigned long long)want[l]);
		return;
	}
}

/* ---- shadow and gpu-view: every checked page as the model says ---- */

/* The SMMU's view of the VM, asked once per pass of check_pages() (it is
 * the same for every page; the backend's accessor gives feedback). */
static const struct io_pgtable_cfg *pass_hw;
/* MAP_NULL's page, likewise. */
static uint64_t pass_prr;

static uint64_t expected_phys(const struct vmbind_run *r,
			      const struct vm_mapping *v, uint64_t iova)
{
	if (!v)
		return 0;
	if (v->bo == VM_MODEL_NULL_BO)
		return pass_prr;
	return vmbind_bo_phys(&r->in.bo[v->bo], v->bo_offset + (iova - v->iova));
}

static void check_shadow(const struct vmbind_run *r,
			 const struct vm_mapping *v, uint64_t iova)
{
	struct io_pgtable_ops *ops = r->be->pgtbl_ops(r->vm);
	uint64_t want = expected_phys(r, v, iova);
	uint64_t got = ops->iova_to_phys(ops, iova);

	if (got == want)
		return;
	shim_finding_at("shadow-mismatch", "iova_to_phys", "harness/oracles.c",
			__LINE__,
			"after job %u: iova %#llx translates to %#llx, the model says %#llx (%s)",
			r->job, (unsigned long long)iova, (unsigned long long)got,
			(unsigned long long)want, want ? "mapped" : "unmapped");
}

static void check_gpu_view(const struct vmbind_run *r,
			   const struct vm_mapping *v, uint64_t iova)
{
	const struct io_pgtable_cfg *hw = pass_hw;
	struct gpu_view_expect want = { .mapped = v != NULL };

	if (!hw) {
		shim_finding_at("gpu-view-ttbr0", "oracle_check_gpu_view",
				"harness/oracles.c", __LINE__,
				"after job %u: the VM's page table is not programmed into the SMMU (no set_ttbr0_cfg)",
				r->job);
		return;
	}
	if (v) {
		want.prot = v->prot;
		want.phys = expected_phys(r, v, iova);
	}
	gpu_view_check_page(hw, iova, &want, r->job);
}

/*
 * The shadow oracle asks the kernel (iova_to_phys), the GPU-view oracle
 * walks the tables itself and checks the address too. With both on, the
 * kernel's lookup is asked on the edges of every op and of every 2 MiB
 * block it touches (where its walk changes tables) and on the sampled
 * pages, not on every page: the walk that matters, the GPU's, still covers
 * every page checked.
 */
/* Pages come in runs: the mapping of the last one is tried first. Reset
 * by every pass of check_pages() (the model changes between jobs). */
static const struct vm_mapping *last_mapping;

static void check_page_on(const struct vmbind_run *r, uint64_t iova, bool shadow)
{
	const struct vm_mapping *v = last_mapping;

	if (!v || iova - v->iova >= v->range)
		v = last_mapping = vm_model_find(&r->model, iova);
	if (shadow && run_oracle_on(r, VMBIND_ORACLE_SHADOW))
		check_shadow(r, v, iova);
	if (run_oracle_on(r, VMBIND_ORACLE_GPU_VIEW))
		check_gpu_view(r, v, iova);
}

static void check_page(const struct vmbind_run *r, uint64_t iova)
{
	check_page_on(r, iova, true);
}

/*
 * check_page_on() for every page of op, with the GPU view on: in runs of
 * pages of one 2 MiB block, one mapping (or none) and one sg chunk, each
 * run read from its table in one go. The kernel's lookup is asked on the
 * same pages as by the per-page loop, in the same order.
 */
static void check_op_pages(const struct vmbind_run *r, const struct pt_op *op)
{
	uint64_t end = op->m.iova + op->m.range, b;
	bool shadow = run_oracle_on(r, VMBIND_ORACLE_SHADOW);

	for (uint64_t a = op->m.iova; a < end; a = b) {
		const struct vm_mapping *v = vm_model_next(&r->model, a);
		struct gpu_view_expect want = { .mapped = v && v->iova <= a };
		uint64_t step = 0, n, span;
		bool first, tail;

		b = (a | (VMBIND_BLOCK_SIZE - 1)) + 1;
		if (b > end)
			b = end;
		if (!want.mapped) {
			if (v && v->iova < b)
				b = v->iova;
			v = NULL;
		} else {
			if (v->iova + v->range < b)
				b = v->iova + v->range;
			want.prot = v->prot;
			want.phys = pass_prr;
			if (v->bo != VM_MODEL_NULL_BO) {
				want.phys = vmbind_bo_phys_span(&r->in.bo[v->bo],
								v->bo_offset + (a - v->iova),
								&span);
				if (span < b - a)
					b = a + span;
				step = VMBIND_PAGE_SIZE;
			}
		}
		n = (b - a) / VMBIND_PAGE_SIZE;
		first = shadow && (a == op->m.iova || !(a & (VMBIND_BLOCK_SIZE - 1)));
		/* The op's last page: asked of the kernel before its GPU check. */
		tail = shadow && b == end && !(first && n == 1);
		if (first)
			check_shadow(r, v, a);
		gpu_view_check_run(pass_hw, a, n - tail, &want, step, r->job);
		if (tail) {
			want.phys += (n - 1) * step;
			check_shadow(r, v, end - VMBIND_PAGE_SIZE);
			gpu_view_check_run(pass_hw, end - VMBIND_PAGE_SIZE, 1, &want, step,
					   r->job);
		}
	}
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

static void check_pages(const struct vmbind_run *r)
{
	const struct vmbind_input *in = &r->in;
	uint64_t va_pages = (in->va_end - in->va_start) / VMBIND_PAGE_SIZE;
	bool every_page_shadow;
	size_t nmaps;

	if (!(run_oracle_on(r, VMBIND_ORACLE_SHADOW) ||
	      run_oracle_on(r, VMBIND_ORACLE_GPU_VIEW)) ||
	    !r->shadow_valid)
		return;
	gpu_view_begin();
	last_mapping = NULL;
	pass_hw = r->be->hw_cfg(r->vm);
	pass_prr = r->be->prr_phys(r->vm);
	/* Every page the job touched. */
	every_page_shadow = !run_oracle_on(r, VMBIND_ORACLE_GPU_VIEW);
	for (size_t i = 0; i < r->pt.n; i++) {
		const struct pt_op *op = &r->pt.ops[i];
		uint64_t end = op->m.iova + op->m.range;

		if (!every_page_shadow && pass_hw) {
			check_op_pages(r, op);
			continue;
		}
		for (uint64_t a = op->m.iova; a < end; a += VMBIND_PAGE_SIZE)
			check_page_on(r, a, every_page_shadow || a == op->m.iova ||
						    a + VMBIND_PAGE_SIZE == end ||
						    !(a & (VMBIND_BLOCK_SIZE - 1)));
	}
	/* The pages just outside every op: neighbours must be untouched. */
	for (size_t i = 0; i < r->pt.n; i++) {
		const struct pt_op *op = &r->pt.ops[i];
		uint64_t end = op->m.iova + op->m.range;

		if (op->m.iova - VMBIND_PAGE_SIZE >= in->va_start)
			check_page_on(r, op->m.iova - VMBIND_PAGE_SIZE, every_page_shadow);
		if (end < in->va_end)
			check_page_on(r, end, every_page_shadow);
	}
	/*
	 * The edges of 16 mappings and their neighbours, the next 16 after
	 * each job, so that over the jobs of an input every mapping is seen.
	 */
	nmaps = r->model.n < 16 ? r->model.n : 16;
	for (size_t k = 0; k < nmaps; k++) {
		const struct vm_mapping *m =
			&r->model.maps[((size_t)r->job * 16 + k) % r->model.n];
		uint64_t probe[4] = { m->iova - VMBIND_PAGE_SIZE, m->iova,
				      m->iova + m->range - VMBIND_PAGE_SIZE,
				      m->iova + m->range };

		for (int p = 0; p < 4; p++)
			if (probe[p] >= in->va_start && probe[p] < in->va_end)
				check_page_on(r, probe[p], every_page_shadow);
	}
	/* A deterministic sample of the rest. */
	for (unsigned int k = 0; k < 16; k++) {
		uint64_t page = mix(((uint64_t)r->job << 32) | k) % va_pages;

		check_page(r, in->va_start + page * VMBIND_PAGE_SIZE);
	}
}

void oracle_after_job(struct vmbind_run *r, const struct pt_walk *walk)
{
	check_table_model(r, walk);
	check_pages(r);
}

/* ---- shim: nothing leaks ---- */

void oracle_end_of_input(const struct vmbind_run *r)
{
	if (!run_oracle_on(r, VMBIND_ORACLE_SHIM))
		return;
	shim_alloc_check_leaks();
	shim_dma_check_leaks();
}
