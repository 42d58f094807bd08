// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tree's drivers/gpu/drm/drm_gpuvm.c (with its drm_exec.c and
 * lib/rbtree.c), driven as a VM_BIND driver drives it, against a model.
 *
 *   test_gpuvm random SEED REQUESTS [BREAK]
 *   test_gpuvm enomem SEED REQUESTS fixed|leak-unmap
 *   test_gpuvm ops-enomem fixed|leak-unmap
 *
 * From a deterministic PRNG, REQUESTS random MAP and UNMAP requests (and a
 * few the VM must refuse; in enomem mode also some failed by an injected
 * allocation failure in the kernel code, which must leave the VM as it
 * was) go to one drm_gpuvm, each the way msm's VM_BIND does it: a
 * drm_exec loop locks the VM and every object the request
 * touches (drm_gpuvm_prepare_vm(), drm_gpuvm_sm_map_exec_lock() /
 * drm_gpuvm_sm_unmap_exec_lock(), now and then
 * drm_gpuvm_prepare_objects()), with ww_mutex contention injected so that
 * drm_exec backs off and retries; a MAP obtains the drm_gpuvm_bo
 * (drm_gpuvm_bo_obtain_locked(), drm_gpuvm_bo_extobj_add()); then the
 * request is split by drm_gpuvm_sm_map() / drm_gpuvm_sm_unmap() into
 * steps, or as a list by drm_gpuvm_sm_map_ops_create() /
 * drm_gpuvm_sm_unmap_ops_create(), and the steps are applied
 * (drm_gpuva_map/remap/unmap, drm_gpuva_link/unlink, a drm_gpuva allocated
 * or freed per step).
 *
 * Independently, a per-page model holds what the UAPI says each page maps
 * to: nothing, or (BO, page of the BO), or the NULL object (MAP_NULL).
 * Checked on every step: an UNMAP step covers only requested pages, a
 * REMAP keeps exactly the parts outside the request (prev/next ranges and
 * offsets), keep says whether old and new agree page for page, the MAP is
 * the request itself, last, over a hole. After every request: the VA list
 * is sorted, disjoint and equals the model page for page, the interval
 * tree finds the same mapping for every page, drm_gpuvm_bo references and
 * lists match the mappings, the VM holds one reference per mapping, no
 * shim finding (lock, refcount, allocator, WARN). At the end everything is
 * unmapped, the VM and the BOs are released, every drm_gpuva allocated was
 * freed exactly once and the shim reports no leak.
 *
 * ops-enomem fails each allocation of a splitting MAP and UNMAP op list in
 * turn (see run_ops_enomem()); leak-unmap names trees whose
 * drm_gpuva_sm_step() leaks on that path, as configure reads it.
 *
 * BREAK breaks it on purpose, to show the checks see it: remap-offset
 * (apply the remap's next part one page off), drop-unmap (never apply
 * UNMAP steps), leak-va (never free an unmapped drm_gpuva), no-lock (split
 * and apply without the locks drm_exec took: the tree's lockdep-style
 * assertions WARN through the shim).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <drm/drm_drv.h>
#include <drm/drm_exec.h>
#include <drm/drm_gem.h>
#include <drm/drm_gpuvm.h>
#include <shim/alloc.h>
#include <shim/finding.h>
#include <shim/warn.h>

#include "check.h"

#define PG 4096ull
#define VA_BASE 0x100000ull
#define NPAGES 64	/* the VA space: pages [0, NPAGES) from VA_BASE */
#define KPAGES 2	/* the kernel's reserved node: pages [0, KPAGES) */
#define NBO 4		/* BOs 0, 1 share the VM's resv; 2, 3 are extobjs */
#define BO_PAGES 24
#define MODEL_NULL NBO	/* model: mapped to the NULL object */
#define MODEL_NONE (-1)

enum brk { BRK_NONE, BRK_REMAP_OFFSET, BRK_DROP_UNMAP, BRK_LEAK_VA, BRK_NO_LOCK };
static enum brk brk;

/* enomem mode: allocation failures injected; the tree's known leak, if any. */
static bool enomem, known_leak;
static unsigned long nreq_total, known_leaks_seen;

/*
 * The tree's drm_gpuva_sm_step() (the step callback of the *_ops_create()
 * functions) has its error labels in the wrong order: when copying a
 * remap's next part fails, the copy of its unmap part is not freed
 * (err_free_prev: skips err_free_unmap:). Leak findings there are this one.
 */
#define KNOWN_LEAK_SIG "leak drm_gpuva_sm_step drivers/gpu/drm/drm_gpuvm.c:"

static int suppress_known_leak(const char *signature)
{
	if (known_leak && !strncmp(signature, KNOWN_LEAK_SIG, strlen(KNOWN_LEAK_SIG))) {
		known_leaks_seen++;
		return 1;
	}
	return 0;
}

static u64 rng;

static u64 rnd(void)
{
	/* splitmix64 */
	u64 z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned int rnd_below(unsigned int n)
{
	return n ? rnd() % n : 0;
}

/* ---- the objects ---- */

struct test_va {
	struct drm_gpuva base;
	unsigned long id;
	int frees;
};

static struct test_va **vas;
static unsigned long nvas, cap_vas, nlive;

static struct drm_device dev;
static struct drm_gpuvm vm;
static int vm_frees;
static struct drm_gem_object *r_obj;

struct test_bo {
	struct drm_gem_object base;
	int frees;
};

static struct test_bo bos[NBO];

static void test_bo_free(struct drm_gem_object *obj)
{
	struct test_bo *bo = container_of(obj, struct test_bo, base);

	drm_gem_object_release(obj);
	bo->frees++;
}

static const struct drm_gem_object_funcs test_bo_funcs = {
	.free = test_bo_free,
};

static int bo_index(const struct drm_gem_object *obj)
{
	if (!obj)
		return MODEL_NULL;
	for (int i = 0; i < NBO; i++)
		if (obj == &bos[i].base)
			return i;
	return -2;
}

static struct test_va *va_alloc(void)
{
	struct test_va *va = calloc(1, sizeof(*va));

	if (!va)
		abort();
	if (nvas == cap_vas) {
		cap_vas = cap_vas ? 2 * cap_vas : 1024;
		vas = realloc(vas, cap_vas * sizeof(*vas));
		if (!vas)
			abort();
	}
	va->id = nvas;
	vas[nvas++] = va;
	nlive++;
	return va;
}

static struct test_va *to_test_va(struct drm_gpuva *va)
{
	return container_of(va, struct test_va, base);
}

static bool va_known_live(struct drm_gpuva *gva)
{
	struct test_va *va = to_test_va(gva);

	return gva != &vm.kernel_alloc_node && va->id < nvas &&
	       vas[va->id] == va && !va->frees;
}

static void va_free(struct drm_gpuva *gva)
{
	struct test_va *va = to_test_va(gva);

	CHECK(!va->frees, "drm_gpuva %lu freed twice", va->id);
	nlive -= !va->frees;
	va->frees++;
	/* Kept (poisoned) until the end: a later use is a model mismatch. */
	memset(&va->base, 0x6b, sizeof(va->base));
}

/* ---- the model ---- */

struct page_map {
	int bo;		/* MODEL_NONE, MODEL_NULL or a BO index */
	u64 pgoff;	/* page of the BO (BOs only) */
};

static struct page_map model[NPAGES];

/* ---- one request ---- */

struct req {
	bool map;
	bool expect_valid;
	u64 addr, range;
	struct drm_gem_object *obj;
	u64 offset;
	struct drm_gpuvm_bo *vm_bo;
	unsigned int maps, remaps, unmaps;
	unsigned long seq;
};

static u64 gva_end(const struct drm_gpuva *va)
{
	return va->va.addr + va->va.range;
}

/* Do an existing mapping and the MAP request agree on every page they share? */
static bool agrees(const struct req *r, struct drm_gem_object *obj, u64 addr,
		   u64 offset)
{
	if (!r->map || !obj || obj != r->obj)
		return false;
	/* The translation of page x: offset + (x - addr) in both. */
	return offset - addr == r->offset - r->addr;
}

static bool overlaps_request(const struct req *r, const struct drm_gpuva *va)
{
	return va->va.addr < r->addr + r->range && gva_end(va) > r->addr;
}

static int step_map(struct drm_gpuva_op *op, void *priv)
{
	struct req *r = priv;
	struct drm_gpuva_op_map *m = &op->map;
	struct test_va *va;

	CHECK(r->map, "request %lu: MAP step for an UNMAP request", r->seq);
	CHECK(!r->maps, "request %lu: a second MAP step", r->seq);
	CHECK(m->va.addr == r->addr && m->va.range == r->range &&
		      m->gem.obj == r->obj && m->gem.offset == r->offset,
	      "request %lu: MAP step [%#llx +%#llx] obj %d off %#llx is not the request [%#llx +%#llx] obj %d off %#llx",
	      r->seq, (unsigned long long)m->va.addr,
	      (unsigned long long)m->va.range, bo_index(m->gem.obj),
	      (unsigned long long)m->gem.offset, (unsigned long long)r->addr,
	      (unsigned long long)r->range, bo_index(r->obj),
	      (unsigned long long)r->offset);
	r->maps++;
	if (drm_gpuva_find_first(&vm, m->va.addr, m->va.range)) {
		CHECK(0, "request %lu: MAP step [%#llx +%#llx] overlaps an existing mapping",
		      r->seq, (unsigned long long)m->va.addr,
		      (unsigned long long)m->va.range);
		return 0;
	}
	va = va_alloc();
	drm_gpuva_map(&vm, &va->base, m);
	CHECK(drm_gpuva_find(&vm, m->va.addr, m->va.range) == &va->base,
	      "request %lu: the mapped drm_gpuva is not found", r->seq);
	if (m->gem.obj)
		drm_gpuva_link(&va->base, r->vm_bo);
	return 0;
}

static void check_part(const struct req *r, const char *what,
		       const struct drm_gpuva_op_map *part,
		       const struct drm_gpuva *old, u64 start, u64 end)
{
	CHECK(part->va.addr == start && part->va.addr + part->va.range == end,
	      "request %lu: remap %s [%#llx, %#llx), expected [%#llx, %#llx)",
	      r->seq, what, (unsigned long long)part->va.addr,
	      (unsigned long long)(part->va.addr + part->va.range),
	      (unsigned long long)start, (unsigned long long)end);
	CHECK(part->gem.obj == old->gem.obj, "request %lu: remap %s changes the object",
	      r->seq, what);
	if (old->gem.obj)
		CHECK(part->gem.offset == old->gem.offset + (start - old->va.addr),
		      "request %lu: remap %s offset %#llx, expected %#llx", r->seq,
		      what, (unsigned long long)part->gem.offset,
		      (unsigned long long)(old->gem.offset + (start - old->va.addr)));
}

/* What the run went through, for the summary line. */
static unsigned long n_keep, n_invalid, n_as_ops, n_all_objects, n_enomem;

static void check_keep(const struct req *r, const struct drm_gpuva_op_unmap *u)
{
	bool want = agrees(r, u->va->gem.obj, u->va->va.addr, u->va->gem.offset);

	n_keep += want;
	CHECK(u->keep == want, "request %lu: unmap of [%#llx +%#llx] has keep=%d, expected %d",
	      r->seq, (unsigned long long)u->va->va.addr,
	      (unsigned long long)u->va->va.range, u->keep, want);
}

static int step_remap(struct drm_gpuva_op *op, void *priv)
{
	struct req *r = priv;
	struct drm_gpuva_op_remap *rm = &op->remap;
	struct drm_gpuva *old = rm->unmap->va;
	u64 rs = r->addr, re = r->addr + r->range;
	struct test_va *prev = NULL, *next = NULL;
	struct drm_gpuvm_bo *vm_bo;

	CHECK(!r->maps, "request %lu: REMAP step after the MAP", r->seq);
	r->remaps++;
	if (!va_known_live(old)) {
		CHECK(0, "request %lu: REMAP of a drm_gpuva that is not mapped", r->seq);
		return 0;
	}
	CHECK(overlaps_request(r, old), "request %lu: REMAP of [%#llx +%#llx], outside the request",
	      r->seq, (unsigned long long)old->va.addr,
	      (unsigned long long)old->va.range);
	CHECK(rm->prev || rm->next, "request %lu: REMAP with neither prev nor next", r->seq);
	CHECK(!rm->prev == !(old->va.addr < rs),
	      "request %lu: REMAP prev %s, but the mapping starts %s the request",
	      r->seq, rm->prev ? "given" : "missing",
	      old->va.addr < rs ? "before" : "inside");
	CHECK(!rm->next == !(gva_end(old) > re),
	      "request %lu: REMAP next %s, but the mapping ends %s the request",
	      r->seq, rm->next ? "given" : "missing",
	      gva_end(old) > re ? "after" : "inside");
	if (rm->prev)
		check_part(r, "prev", rm->prev, old, old->va.addr, rs);
	if (rm->next)
		check_part(r, "next", rm->next, old, re, gva_end(old));
	if (r->map)
		check_keep(r, rm->unmap);
	else
		CHECK(!rm->unmap->keep, "request %lu: keep on an UNMAP request", r->seq);

	if (brk == BRK_REMAP_OFFSET && rm->next && rm->next->gem.obj)
		rm->next->gem.offset += PG;

	/* As msm_gem_vma.c does: keep the vm_bo across unlink/link. */
	vm_bo = old->vm_bo;
	if (vm_bo)
		drm_gpuvm_bo_get(vm_bo);
	if (rm->prev)
		prev = va_alloc();
	if (rm->next)
		next = va_alloc();
	drm_gpuva_remap(prev ? &prev->base : NULL, next ? &next->base : NULL, rm);
	if (vm_bo) {
		if (prev)
			drm_gpuva_link(&prev->base, vm_bo);
		if (next)
			drm_gpuva_link(&next->base, vm_bo);
		drm_gpuva_unlink(old);
		drm_gpuvm_bo_put(vm_bo);
	}
	if (brk != BRK_LEAK_VA)
		va_free(old);
	return 0;
}

static int step_unmap(struct drm_gpuva_op *op, void *priv)
{
	struct req *r = priv;
	struct drm_gpuva *va = op->unmap.va;

	CHECK(!r->maps, "request %lu: UNMAP step after the MAP", r->seq);
	r->unmaps++;
	if (!va_known_live(va)) {
		CHECK(0, "request %lu: UNMAP of a drm_gpuva that is not mapped", r->seq);
		return 0;
	}
	CHECK(va->va.addr >= r->addr && gva_end(va) <= r->addr + r->range,
	      "request %lu: UNMAP of [%#llx +%#llx], not inside the request [%#llx +%#llx]",
	      r->seq, (unsigned long long)va->va.addr,
	      (unsigned long long)va->va.range, (unsigned long long)r->addr,
	      (unsigned long long)r->range);
	if (r->map)
		check_keep(r, &op->unmap);
	else
		CHECK(!op->unmap.keep, "request %lu: keep on an UNMAP request", r->seq);
	if (brk == BRK_DROP_UNMAP)
		return 0;
	drm_gpuva_unmap(&op->unmap);
	drm_gpuva_unlink(va);
	if (brk != BRK_LEAK_VA)
		va_free(va);
	return 0;
}

static void vm_free(struct drm_gpuvm *gpuvm)
{
	CHECK(gpuvm == &vm);
	vm_frees++;
}

static const struct drm_gpuvm_ops test_vm_ops = {
	.vm_free = vm_free,
	.sm_step_map = step_map,
	.sm_step_remap = step_remap,
	.sm_step_unmap = step_unmap,
};

/* ---- the tree's API, in whichever form it has ---- */

#ifdef VMBIND_GPUVM_MAP_REQ
#define MAP_REQ(r) (&(struct drm_gpuvm_map_req){ .map = {                 \
	.va.addr = (r)->addr, .va.range = (r)->range,                     \
	.gem.obj = (r)->obj, .gem.offset = (r)->offset } })
#define SM_MAP_ARGS(r) MAP_REQ(r)
#else
#define SM_MAP_ARGS(r) (r)->addr, (r)->range, (r)->obj, (r)->offset
#endif

static int sm_map(struct req *r)
{
	return drm_gpuvm_sm_map(&vm, r, SM_MAP_ARGS(r));
}

static int sm_map_exec_lock(struct drm_exec *exec, struct req *r)
{
	return drm_gpuvm_sm_map_exec_lock(&vm, exec, 1, SM_MAP_ARGS(r));
}

static struct drm_gpuva_ops *sm_map_ops_create(struct req *r)
{
	return drm_gpuvm_sm_map_ops_create(&vm, SM_MAP_ARGS(r));
}

/* ---- checks ---- */

static int first_mismatch_reported;

static void check_state(unsigned long seq)
{
	struct page_map got[NPAGES];
	struct drm_gpuva *va;
	unsigned long live = nlive, listed = 0;
	unsigned int vm_bos = 0;
	u64 prev_end = 0;

	for (int p = 0; p < NPAGES; p++)
		got[p] = (struct page_map){ .bo = MODEL_NONE };

	drm_gpuvm_for_each_va(va, &vm) {
		u64 s, e;

		if (va == &vm.kernel_alloc_node) {
			CHECK(va->va.addr == VA_BASE && va->va.range == KPAGES * PG);
			prev_end = gva_end(va);
			continue;
		}
		listed++;
		if (!va_known_live(va)) {
			CHECK(0, "request %lu: the VA list holds a drm_gpuva that is not mapped",
			      seq);
			break;
		}
		s = va->va.addr;
		e = gva_end(va);
		CHECK(s >= prev_end && e > s && s % PG == 0 && e % PG == 0 &&
			      s >= VA_BASE + KPAGES * PG && e <= VA_BASE + NPAGES * PG,
		      "request %lu: VA [%#llx, %#llx) out of order, overlapping or out of range (previous end %#llx)",
		      seq, (unsigned long long)s, (unsigned long long)e,
		      (unsigned long long)prev_end);
		prev_end = e;
		CHECK(va->vm == &vm);
		if (va->gem.obj) {
			CHECK(bo_index(va->gem.obj) >= 0, "request %lu: unknown object", seq);
			CHECK(va->vm_bo && va->vm_bo->obj == va->gem.obj &&
				      va->vm_bo->vm == &vm,
			      "request %lu: VA [%#llx, %#llx) not linked to its object's vm_bo",
			      seq, (unsigned long long)s, (unsigned long long)e);
		}
		for (u64 a = s; a < e && a < VA_BASE + NPAGES * PG; a += PG) {
			int p = (a - VA_BASE) / PG;

			if (a < VA_BASE)
				continue;
			got[p].bo = bo_index(va->gem.obj);
			got[p].pgoff = va->gem.obj ? (va->gem.offset + (a - s)) / PG : 0;
		}
	}
	CHECK(listed == live, "request %lu: %lu mappings listed, %lu drm_gpuva live",
	      seq, listed, live);

	for (int p = 0; p < NPAGES; p++) {
		const struct page_map *w = &model[p], *g = &got[p];
		struct drm_gpuva *f;
		bool same = w->bo == g->bo && (w->bo < 0 || w->bo == MODEL_NULL ||
					       w->pgoff == g->pgoff);

		if (!same && !first_mismatch_reported++)
			fprintf(stderr,
				"gpuvm: model mismatch at page %d after request %lu: model bo %d page %llu, gpuvm bo %d page %llu\n",
				p, seq, w->bo, (unsigned long long)w->pgoff,
				g->bo, (unsigned long long)g->pgoff);
		CHECK(same, "request %lu: page %d differs from the model", seq, p);
		/* The interval tree agrees with the list. */
		if (p < KPAGES)
			continue;
		f = drm_gpuva_find_first(&vm, VA_BASE + p * PG, PG);
		CHECK(!f == (g->bo == MODEL_NONE) &&
			      (!f || (f->va.addr <= VA_BASE + p * PG &&
				      gva_end(f) > VA_BASE + p * PG)),
		      "request %lu: drm_gpuva_find_first() of page %d disagrees with the VA list",
		      seq, p);
	}

	/* vm_bos: one per BO with mappings, referenced once per mapping. */
	for (int i = 0; i < NBO; i++) {
		struct drm_gem_object *obj = &bos[i].base;
		struct drm_gpuvm_bo *vm_bo;
		unsigned int nvm_bo = 0, nmapped = 0;

		drm_gpuvm_for_each_va(va, &vm)
			nmapped += va != &vm.kernel_alloc_node && va->gem.obj == obj;
		drm_gem_for_each_gpuvm_bo(vm_bo, obj) {
			struct drm_gpuva *v;
			unsigned int n = 0;

			nvm_bo++;
			CHECK(vm_bo->vm == &vm && vm_bo->obj == obj);
			list_for_each_entry(v, &vm_bo->list.gpuva, gem.entry)
				n++;
			CHECK(n == nmapped && kref_read(&vm_bo->kref) == nmapped,
			      "request %lu: BO %d: vm_bo holds %u mappings and %u references, %u mapped",
			      seq, i, n, kref_read(&vm_bo->kref), nmapped);
			CHECK(drm_gpuvm_is_extobj(&vm, obj) ==
				      !list_empty(&vm_bo->list.entry.extobj),
			      "request %lu: BO %d: on the extobj list %d, extobj %d", seq,
			      i, !list_empty(&vm_bo->list.entry.extobj),
			      drm_gpuvm_is_extobj(&vm, obj));
		}
		vm_bos += nvm_bo;
		CHECK(nvm_bo == (nmapped ? 1 : 0),
		      "request %lu: BO %d has %u vm_bo(s) and %u mappings", seq, i,
		      nvm_bo, nmapped);
	}
	/* One VM reference per mapping and per vm_bo, plus the creator's. */
	CHECK(kref_read(&vm.kref) == 1 + listed + vm_bos,
	      "request %lu: the VM has %u references for %lu mappings and %u vm_bos",
	      seq, kref_read(&vm.kref), listed, vm_bos);
	if (shim_findings_count()) {
		CHECK(0, "request %lu: shim finding: %s", seq, shim_findings_first());
		shim_findings_clear();
	}
}

/* ---- requests ---- */

static void model_apply(const struct req *r)
{
	for (u64 a = r->addr; a < r->addr + r->range; a += PG) {
		struct page_map *m = &model[(a - VA_BASE) / PG];

		if (!r->map)
			*m = (struct page_map){ .bo = MODEL_NONE };
		else
			*m = (struct page_map){
				.bo = bo_index(r->obj),
				.pgoff = r->obj ? (r->offset + (a - r->addr)) / PG : 0,
			};
	}
}

static void apply_ops(struct req *r, struct drm_gpuva_ops *ops)
{
	struct drm_gpuva_op *op;

	drm_gpuva_for_each_op(op, ops) {
		switch (op->op) {
		case DRM_GPUVA_OP_MAP:
			step_map(op, r);
			break;
		case DRM_GPUVA_OP_REMAP:
			step_remap(op, r);
			break;
		case DRM_GPUVA_OP_UNMAP:
			step_unmap(op, r);
			break;
		default:
			CHECK(0, "request %lu: unexpected op %d", r->seq, op->op);
		}
	}
}

static void do_request(struct req *r)
{
	struct drm_exec exec;
	bool all_objects = rnd_below(8) == 0;
	bool as_ops = rnd_below(4) == 0;
	unsigned long injected;
	int ret = 0;

	n_as_ops += as_ops && r->expect_valid;
	n_all_objects += all_objects;
	n_invalid += !r->expect_valid;
	/*
	 * Now and then one allocation of the kernel code fails (drm_exec's
	 * object array, the vm_bo, an op list): the request must fail with
	 * -ENOMEM and leave the VM as it was.
	 */
	injected = shim_fault_injected();
	if (enomem && r->seq <= nreq_total && rnd_below(10) == 0)
		shim_fault_fail_nth(1 + rnd_below(6), SHIM_FAM_MASK(SHIM_FAM_KMALLOC) |
					     SHIM_FAM_MASK(SHIM_FAM_KVMALLOC));
	if (rnd_below(3) == 0)
		shim_ww_mutex_inject_contention(1 + rnd_below(3));
	drm_exec_init(&exec, DRM_EXEC_IGNORE_DUPLICATES | DRM_EXEC_INTERRUPTIBLE_WAIT, 0);
	drm_exec_until_all_locked(&exec) {
		ret = drm_gpuvm_prepare_vm(&vm, &exec, 1);
		drm_exec_retry_on_contention(&exec);
		if (ret)
			break;
		if (all_objects) {
			ret = drm_gpuvm_prepare_objects(&vm, &exec, 1);
			drm_exec_retry_on_contention(&exec);
			if (ret)
				break;
		}
		if (r->map)
			ret = sm_map_exec_lock(&exec, r);
		else
			ret = drm_gpuvm_sm_unmap_exec_lock(&vm, &exec, r->addr, r->range);
		drm_exec_retry_on_contention(&exec);
		if (ret)
			break;
	}
	shim_ww_mutex_inject_contention(0);
	if (brk == BRK_NO_LOCK && !ret) {
		/* Drop every lock before touching the VM. */
		drm_exec_fini(&exec);
		drm_exec_init(&exec, DRM_EXEC_IGNORE_DUPLICATES, 0);
	}

	if (ret == -ENOMEM && shim_fault_injected() > injected) {
		n_enomem++;
	} else if (!r->expect_valid) {
		CHECK(ret == -EINVAL, "request %lu: an invalid request locked with %d",
		      r->seq, ret);
	} else if (ret) {
		CHECK(0, "request %lu: locking failed: %d", r->seq, ret);
	} else {
		if (r->map && r->obj) {
			r->vm_bo = drm_gpuvm_bo_obtain_locked(&vm, r->obj);
			if (IS_ERR(r->vm_bo) && PTR_ERR(r->vm_bo) == -ENOMEM &&
			    shim_fault_injected() > injected) {
				n_enomem++;
				r->vm_bo = NULL;
				goto out;
			}
			CHECK(!IS_ERR(r->vm_bo), "request %lu: drm_gpuvm_bo_obtain_locked() failed",
			      r->seq);
			if (IS_ERR(r->vm_bo))
				goto out;
			drm_gpuvm_bo_extobj_add(r->vm_bo);
		}
		if (as_ops) {
			struct drm_gpuva_ops *ops = r->map ?
				sm_map_ops_create(r) :
				drm_gpuvm_sm_unmap_ops_create(&vm, r->addr, r->range);

			if (IS_ERR(ops) && PTR_ERR(ops) == -ENOMEM &&
			    shim_fault_injected() > injected) {
				/* Nothing was applied: the VM is unchanged. */
				n_enomem++;
				if (r->vm_bo)
					drm_gpuvm_bo_put(r->vm_bo);
				goto out;
			}
			CHECK(!IS_ERR_OR_NULL(ops), "request %lu: ops_create failed", r->seq);
			if (!IS_ERR_OR_NULL(ops)) {
				apply_ops(r, ops);
				drm_gpuva_ops_free(&vm, ops);
			}
		} else {
			ret = r->map ? sm_map(r) :
				       drm_gpuvm_sm_unmap(&vm, r, r->addr, r->range);
			CHECK(ret == 0, "request %lu: sm_%s returned %d", r->seq,
			      r->map ? "map" : "unmap", ret);
		}
		CHECK(r->maps == (r->map ? 1u : 0u), "request %lu: %u MAP steps",
		      r->seq, r->maps);
		if (r->vm_bo)
			drm_gpuvm_bo_put(r->vm_bo);
		model_apply(r);
	}
out:
	drm_exec_fini(&exec);
	shim_fault_fail_nth(0, 0);

	/* Invalid requests are refused by the split functions too. */
	if (!r->expect_valid) {
		ret = r->map ? sm_map(r) : drm_gpuvm_sm_unmap(&vm, r, r->addr, r->range);
		CHECK(ret == -EINVAL, "request %lu: invalid request split with %d",
		      r->seq, ret);
		CHECK(!r->maps && !r->remaps && !r->unmaps);
	}
}

static void random_request(struct req *r, unsigned long seq)
{
	unsigned int kind = rnd_below(100), sp, np;

	*r = (struct req){ .seq = seq, .expect_valid = true };
	r->map = kind < 60;
	if (kind < 5) {
		/* Overlapping the kernel's node, or past the end of the VA space. */
		r->expect_valid = false;
		if (rnd_below(2)) {
			sp = rnd_below(KPAGES);
			np = 1 + rnd_below(4);
		} else {
			sp = NPAGES - 1 - rnd_below(3);
			np = 4 + rnd_below(4);
		}
	} else {
		sp = KPAGES + rnd_below(NPAGES - KPAGES);
		np = 1 + rnd_below(NPAGES - sp < 16 ? NPAGES - sp : 16);
	}
	r->addr = VA_BASE + sp * PG;
	r->range = np * PG;
	if (!r->map)
		return;
	if (np > BO_PAGES)
		np = BO_PAGES;
	/* Now and then the translation an existing mapping already has. */
	if (r->expect_valid && model[sp].bo >= 0 && model[sp].bo < NBO &&
	    model[sp].pgoff + np <= BO_PAGES && rnd_below(3) == 0) {
		r->obj = &bos[model[sp].bo].base;
		r->offset = model[sp].pgoff * PG;
		return;
	}
	kind = rnd_below(NBO + 1);
	if (kind < NBO) {
		r->obj = &bos[kind].base;
		r->offset = rnd_below(BO_PAGES - np + 1) * PG;
	}
}

static void vm_setup(void)
{
	shim_reset();
	shim_finding_set_mode(SHIM_FINDING_RECORD);
	shim_finding_set_suppress(suppress_known_leak);
	shim_findings_clear();
	shim_drm_dev_init(&dev, "gpuvm-test");

	r_obj = drm_gpuvm_resv_object_alloc(&dev);
	if (!r_obj) {
		fprintf(stderr, "gpuvm: drm_gpuvm_resv_object_alloc() failed\n");
		exit(1);
	}
	drm_gpuvm_init(&vm, "gpuvm-test", DRM_GPUVM_RESV_PROTECTED, &dev, r_obj,
		       VA_BASE, NPAGES * PG, VA_BASE, KPAGES * PG, &test_vm_ops);
	for (int i = 0; i < NBO; i++) {
		struct drm_gem_object *obj = &bos[i].base;

		memset(&bos[i], 0, sizeof(bos[i]));
		obj->funcs = &test_bo_funcs;
		if (i < NBO / 2)
			obj->resv = drm_gpuvm_resv(&vm);
		drm_gem_private_object_init(&dev, obj, BO_PAGES * PG);
	}
	for (int p = 0; p < NPAGES; p++)
		model[p] = (struct page_map){ .bo = MODEL_NONE };
	check_state(0);
}

/* Unmap everything, then release the VM and the objects; all must go. */
static void vm_teardown(unsigned long seq)
{
	struct req r = { .seq = seq, .expect_valid = true,
			 .addr = VA_BASE + KPAGES * PG,
			 .range = (NPAGES - KPAGES) * PG };

	do_request(&r);
	check_state(seq);
	drm_gpuvm_put(&vm);
	CHECK(vm_frees == 1, "vm_free called %d times", vm_frees);
	for (int i = 0; i < NBO; i++) {
		CHECK(list_empty(&bos[i].base.gpuva.list), "BO %d still has vm_bos", i);
		drm_gem_object_put(&bos[i].base);
		CHECK(bos[i].frees == 1, "BO %d freed %d times", i, bos[i].frees);
	}
	drm_gem_object_put(r_obj);
	CHECK(kref_read(&dev.ref) == 1, "the device has %u references", kref_read(&dev.ref));
	for (unsigned long i = 0; i < nvas; i++)
		CHECK(vas[i]->frees == 1, "drm_gpuva %lu [%#llx +%#llx] freed %d times",
		      i, (unsigned long long)vas[i]->base.va.addr,
		      (unsigned long long)vas[i]->base.va.range, vas[i]->frees);
	shim_alloc_check_leaks();
	CHECK(shim_findings_count() == 0, "shim finding: %s", shim_findings_first());
	for (unsigned long i = 0; i < nvas; i++)
		free(vas[i]);
	free(vas);
}

static int run_random(u64 seed, unsigned long nreq)
{
	struct req r;
	unsigned long steps[3] = { 0 }, contended;

	rng = seed;
	nreq_total = nreq;
	vm_setup();
	for (unsigned long seq = 1; seq <= nreq && failures < 20; seq++) {
		random_request(&r, seq);
		do_request(&r);
		steps[0] += r.maps;
		steps[1] += r.remaps;
		steps[2] += r.unmaps;
		check_state(seq);
	}
	contended = shim_ww_mutex_contentions();
	vm_teardown(nreq + 1);

	printf("gpuvm: seed %llu: %lu requests (%lu invalid, %lu failed by an injected allocation failure, %lu as op lists, %lu locking all objects), %lu drm_gpuva, steps: %lu map %lu remap %lu unmap (%lu keep), %lu ww contentions\n",
	       (unsigned long long)seed, nreq, n_invalid, n_enomem, n_as_ops,
	       n_all_objects, nvas, steps[0], steps[1], steps[2], n_keep,
	       contended);
	if (known_leaks_seen)
		printf("gpuvm: the tree's known drm_gpuva_sm_step() leak: %lu leak finding(s), expected and not counted\n",
		       known_leaks_seen);
	return failures != 0;
}

/*
 * Directed: a MAP splitting a mapping in three, and an UNMAP doing the
 * same, as op lists, with the nth allocation of the kernel code failing
 * for every n. Each must return -ENOMEM (until n is past the last
 * allocation), leave the VM as it was, and free what it allocated. On a
 * tree with the drm_gpuva_sm_step() label bug, failing the copy of the
 * remap's next part (allocation 5: ops, remap op, unmap, prev, next) leaks
 * the unmap part's copy, and nothing else leaks.
 */
static int run_ops_enomem(void)
{
	struct req r;
	unsigned long leaked_total = 0, expect_total = 0;

	rng = 1;
	vm_setup();
	r = (struct req){ .seq = 1, .expect_valid = true, .map = true,
			  .addr = VA_BASE + 4 * PG, .range = 8 * PG,
			  .obj = &bos[0].base, .offset = 0 };
	do_request(&r);
	check_state(1);

	for (int kind = 0; kind < 2; kind++) {
		const char *name = kind ? "drm_gpuvm_sm_unmap_ops_create" :
					  "drm_gpuvm_sm_map_ops_create";

		for (unsigned long n = 1; n <= 8; n++) {
			struct drm_gpuva_ops *ops;
			unsigned long live = shim_alloc_live(SHIM_FAM_KMALLOC), leaked;
			unsigned long injected = shim_fault_injected();
			bool expect_leak = known_leak && n == 5;

			r = (struct req){ .seq = 2, .expect_valid = true, .map = !kind,
					  .addr = VA_BASE + 6 * PG, .range = 2 * PG,
					  .obj = kind ? NULL : &bos[1].base };
			shim_fault_fail_nth(n, SHIM_FAM_MASK(SHIM_FAM_KMALLOC));
			ops = kind ? drm_gpuvm_sm_unmap_ops_create(&vm, r.addr, r.range) :
				     sm_map_ops_create(&r);
			shim_fault_fail_nth(0, 0);
			if (!IS_ERR(ops)) {
				CHECK(shim_fault_injected() == injected,
				      "%s: allocation %lu failed, yet it succeeded", name, n);
				CHECK(n >= (kind ? 6u : 7u), "%s: succeeded with allocation %lu failing",
				      name, n);
				drm_gpuva_ops_free(&vm, ops);
				CHECK(shim_alloc_live(SHIM_FAM_KMALLOC) == live,
				      "%s: the op list's memory is not all freed", name);
				continue;
			}
			CHECK(PTR_ERR(ops) == -ENOMEM, "%s: allocation %lu failed: %ld", name, n,
			      PTR_ERR(ops));
			leaked = shim_alloc_live(SHIM_FAM_KMALLOC) - live;
			printf("gpuvm: %s, allocation %lu failing (%s:%d %s): -ENOMEM, %lu object(s) leaked\n",
			       name, n, shim_fault_last_site()->file,
			       shim_fault_last_site()->line, shim_fault_last_site()->func,
			       leaked);
			CHECK(leaked == (expect_leak ? 1u : 0u),
			      "%s: allocation %lu failing leaks %lu object(s), expected %d", name,
			      n, leaked, expect_leak);
			leaked_total += leaked;
			expect_total += expect_leak;
			check_state(2);
		}
	}
	/* The leaked copies are the only live objects left over. */
	vm_teardown(3);
	CHECK(known_leaks_seen == (expect_total ? 1u : 0u),
	      "%lu known-leak finding(s) at the end, expected %d", known_leaks_seen,
	      expect_total ? 1 : 0);
	printf("gpuvm: op lists under allocation failure: %lu object(s) leaked (expected %lu: %s)\n",
	       leaked_total, expect_total,
	       known_leak ? "the tree has the drm_gpuva_sm_step() leak" : "a tree without it");
	return failures != 0;
}

static int usage(const char *argv0)
{
	fprintf(stderr,
		"usage: %s random SEED REQUESTS [none|remap-offset|drop-unmap|leak-va|no-lock]\n"
		"       %s enomem SEED REQUESTS fixed|leak-unmap\n"
		"       %s ops-enomem fixed|leak-unmap\n"
		"(leak-unmap: the tree has the drm_gpuva_sm_step() error-path leak)\n",
		argv0, argv0, argv0);
	return 2;
}

static int parse_variant(const char *v)
{
	if (!strcmp(v, "leak-unmap"))
		known_leak = true;
	else if (strcmp(v, "fixed"))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const brk_names[] = {
		[BRK_NONE] = "none",
		[BRK_REMAP_OFFSET] = "remap-offset",
		[BRK_DROP_UNMAP] = "drop-unmap",
		[BRK_LEAK_VA] = "leak-va",
		[BRK_NO_LOCK] = "no-lock",
	};
	int ret;

	if (argc == 3 && !strcmp(argv[1], "ops-enomem")) {
		if (parse_variant(argv[2]))
			return usage(argv[0]);
		ret = run_ops_enomem();
	} else if (argc == 5 && !strcmp(argv[1], "enomem")) {
		if (parse_variant(argv[4]))
			return usage(argv[0]);
		enomem = true;
		ret = run_random(strtoull(argv[2], NULL, 0), strtoul(argv[3], NULL, 0));
	} else if ((argc == 4 || argc == 5) && !strcmp(argv[1], "random")) {
		if (argc == 5) {
			unsigned int i;

			for (i = 0; i < sizeof(brk_names) / sizeof(brk_names[0]); i++)
				if (!strcmp(argv[4], brk_names[i]))
					break;
			if (i == sizeof(brk_names) / sizeof(brk_names[0]))
				return usage(argv[0]);
			brk = i;
		}
		ret = run_random(strtoull(argv[2], NULL, 0), strtoul(argv[3], NULL, 0));
	} else {
		return usage(argv[0]);
	}
	printf("gpuvm: %d failure(s)%s%s\n", failures,
	       brk ? ", broken on purpose: " : "", brk ? brk_names[brk] : "");
	return ret;
}
