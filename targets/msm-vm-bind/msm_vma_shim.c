// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stand-ins for what the tree's msm_gem_vma.c calls outside itself, written
 * here from what it needs: the msm_gem.c object functions (pages, pinning,
 * prot) over a GEM object with the test's sg table, the drm_file handle
 * table, the context and its submit queues (as msm_drv.c and
 * msm_submitqueue.c create and release them), and the device set-up
 * around the tree's msm_iommu.c (targets/msm-iommu/msm_backend.c).
 */
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/msm_drm.h>
#include <linux/slab.h>
#include <shim/finding.h>

#include "backend.h"
#include "msm_gem.h"
#include "msm_gpu.h"
#include "msm_mmu.h"
#include "msm_shim.h"
#include "msm_vma_shim.h"

extern const struct vmbind_backend vmbind_backend_kernel;

int msm_ioctl_vm_bind(struct drm_device *dev, void *data, struct drm_file *file);

static enum vmbind_msm_break the_break;
static unsigned long bos_freed;

void vmbind_msm_set_break(enum vmbind_msm_break b)
{
	the_break = b;
}

unsigned long vmbind_msm_bos_freed(void)
{
	return bos_freed;
}

/* ---- msm_gem.c: the object functions msm_gem_vma.c calls ---- */

int msm_gem_prot(struct drm_gem_object *obj)
{
	struct msm_gem_object *msm_obj = to_msm_bo(obj);
	int prot = IOMMU_READ;

	if (!(msm_obj->flags & MSM_BO_GPU_READONLY) &&
	    the_break != VMBIND_MSM_BREAK_PROT_NOWRITE)
		prot |= IOMMU_WRITE;
	if (msm_obj->flags & MSM_BO_MAP_PRIV)
		prot |= IOMMU_PRIV;
	if (msm_obj->flags & MSM_BO_CACHED_COHERENT)
		prot |= IOMMU_CACHE;
	return prot;
}

/* The backing pages: the page array is allocated on first use, as shmem's. */
struct page **msm_gem_get_pages_locked(struct drm_gem_object *obj, unsigned madv)
{
	struct msm_gem_object *msm_obj = to_msm_bo(obj);

	msm_gem_assert_locked(obj);
	if (msm_obj->madv > madv)
		return ERR_PTR(-EBUSY);
	if (!msm_obj->pages) {
		msm_obj->pages = kvmalloc_array(obj->size >> PAGE_SHIFT,
						sizeof(struct page *), GFP_KERNEL);
		if (!msm_obj->pages)
			return ERR_PTR(-ENOMEM);
	}
	return msm_obj->pages;
}

void msm_gem_pin_obj_locked(struct drm_gem_object *obj)
{
	struct msm_gem_object *msm_obj = to_msm_bo(obj);

	msm_gem_assert_locked(obj);
	WARN_ON(!mutex_is_locked(&obj->dev->gem_lru_mutex));
	WARN_ON(!msm_obj->pages);
	msm_obj->pin_count++;
}

void msm_gem_unpin_active(struct drm_gem_object *obj)
{
	struct msm_gem_object *msm_obj = to_msm_bo(obj);

	WARN_ON(!mutex_is_locked(&obj->dev->gem_lru_mutex));
	if (the_break == VMBIND_MSM_BREAK_UNPIN_SKIP)
		return;
	msm_obj->pin_count--;
	GEM_WARN_ON(msm_obj->pin_count < 0);
}

void msm_gem_unpin_locked(struct drm_gem_object *obj)
{
	msm_gem_assert_locked(obj);
	mutex_lock(&obj->dev->gem_lru_mutex);
	msm_gem_unpin_active(obj);
	mutex_unlock(&obj->dev->gem_lru_mutex);
}

int msm_gem_pin_vma_locked(struct drm_gem_object *obj, struct drm_gpuva *vma)
{
	struct page **pages = msm_gem_get_pages_locked(obj, MSM_MADV_WILLNEED);

	if (IS_ERR(pages))
		return PTR_ERR(pages);
	return msm_gem_vma_map(vma, msm_gem_prot(obj), to_msm_bo(obj)->sgt);
}

static void bo_free(struct drm_gem_object *obj)
{
	struct msm_gem_object *msm_obj = to_msm_bo(obj);

	/* msm_gem_free_object(): no pins may be left, nor VMAs (vm_bo list). */
	if (msm_obj->pin_count)
		shim_finding_at("msm-bo", __func__, __FILE__, __LINE__,
				"BO %p freed with pin_count %d", (void *)obj,
				msm_obj->pin_count);
	WARN_ON(!list_empty(&obj->gpuva.list));
	kvfree(msm_obj->pages);
	kfree(msm_obj->sgt->sgl);
	kfree(msm_obj->sgt);
	drm_gem_object_release(obj);
	kfree(msm_obj);
	bos_freed++;
}

static const struct drm_gem_object_funcs bo_funcs = {
	.free = bo_free,
};

int vmbind_msm_bo_new(struct vmbind_msm_dev *d, const struct vmbind_msm_chunk *c,
		      unsigned int n, u32 flags, u32 *handle)
{
	struct msm_gem_object *msm_obj;
	size_t size = 0;
	int id;

	msm_obj = kzalloc(sizeof(*msm_obj), GFP_KERNEL);
	if (!msm_obj)
		return -ENOMEM;
	msm_obj->sgt = kzalloc(sizeof(*msm_obj->sgt), GFP_KERNEL);
	if (msm_obj->sgt)
		msm_obj->sgt->sgl = kcalloc(n, sizeof(struct scatterlist), GFP_KERNEL);
	if (!msm_obj->sgt || !msm_obj->sgt->sgl) {
		if (msm_obj->sgt)
			kfree(msm_obj->sgt);
		kfree(msm_obj);
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < n; i++) {
		msm_obj->sgt->sgl[i] = (struct scatterlist){
			.length = (unsigned int)c[i].len,
			.shim_phys = c[i].phys +
				     (the_break == VMBIND_MSM_BREAK_SGT_SHIFT ? PAGE_SIZE : 0),
		};
		size += c[i].len;
	}
	msm_obj->sgt->nents = msm_obj->sgt->orig_nents = n;
	msm_obj->flags = flags;
	msm_obj->madv = MSM_MADV_WILLNEED;
	msm_obj->base.funcs = &bo_funcs;
	drm_gem_private_object_init(&d->drm, &msm_obj->base, size);

	/* drm_gem_handle_create(): the handle takes over the creation reference. */
	spin_lock(&d->file.table_lock);
	id = idr_alloc(&d->file.object_idr, &msm_obj->base, 1, 0, GFP_NOWAIT);
	spin_unlock(&d->file.table_lock);
	if (id < 0) {
		drm_gem_object_put(&msm_obj->base);
		return id;
	}
	msm_obj->base.handle_count = 1;
	*handle = id;
	return 0;
}

struct drm_gem_object *vmbind_msm_bo(struct vmbind_msm_dev *d, u32 handle)
{
	return idr_find(&d->file.object_idr, handle);
}

/* drm_gem_handle_delete(): the handle's reference goes. */
int vmbind_msm_handle_close(struct vmbind_msm_dev *d, u32 handle)
{
	struct drm_gem_object *obj;

	spin_lock(&d->file.table_lock);
	obj = idr_remove(&d->file.object_idr, handle);
	spin_unlock(&d->file.table_lock);
	if (!obj)
		return -EINVAL;
	obj->handle_count--;
	if (the_break == VMBIND_MSM_BREAK_HANDLE_PUT)
		drm_gem_object_put(obj);
	drm_gem_object_put(obj);
	return 0;
}

void vmbind_msm_bo_state(struct drm_gem_object *obj, struct vmbind_msm_bo_state *out)
{
	out->refs = kref_read(&obj->refcount);
	out->pin_count = to_msm_bo(obj)->pin_count;
	out->pages = to_msm_bo(obj)->pages != NULL;
}

/* ---- msm_drv.c / msm_submitqueue.c: context and queues ---- */

struct drm_gpuvm *msm_context_vm(struct drm_device *dev, struct msm_context *ctx)
{
	/* Created at open here (msm creates it on first use, the same way). */
	return ctx->vm;
}

struct msm_gpu_submitqueue *msm_submitqueue_get(struct msm_context *ctx, u32 id)
{
	struct msm_gpu_submitqueue *entry;

	if (!ctx)
		return NULL;
	list_for_each_entry(entry, &ctx->submitqueues, node) {
		if (entry->id == id) {
			kref_get(&entry->ref);
			if (the_break == VMBIND_MSM_BREAK_QUEUE_REF)
				kref_get(&entry->ref);
			return entry;
		}
	}
	return NULL;
}

static void msm_context_destroy(struct kref *kref)
{
	struct msm_context *ctx = container_of(kref, struct msm_context, ref);

	drm_gpuvm_put(ctx->vm);
	kfree(ctx);
}

static void msm_context_put(struct msm_context *ctx)
{
	kref_put(&ctx->ref, msm_context_destroy);
}

void msm_submitqueue_destroy(struct kref *kref)
{
	struct msm_gpu_submitqueue *queue =
		container_of(kref, struct msm_gpu_submitqueue, ref);

	idr_destroy(&queue->fence_idr);
	if (queue->entity == &queue->_vm_bind_entity[0])
		drm_sched_entity_destroy(queue->entity);
	msm_context_put(queue->ctx);
	kfree(queue);
}

int vmbind_msm_queue_new(struct vmbind_msm_dev *d, u32 flags, u32 *id)
{
	struct msm_context *ctx = d->ctx;
	struct drm_gpu_scheduler *sched;
	struct msm_gpu_submitqueue *queue;

	if (!(flags & MSM_SUBMITQUEUE_VM_BIND) || !msm_context_is_vmbind(ctx))
		return -EINVAL;
	queue = kzalloc(sizeof(*queue), GFP_KERNEL);
	if (!queue)
		return -ENOMEM;
	kref_init(&queue->ref);
	queue->flags = flags;
	sched = &to_msm_vm(ctx->vm)->sched;
	queue->entity = &queue->_vm_bind_entity[0];
	drm_sched_entity_init(queue->entity, DRM_SCHED_PRIORITY_KERNEL, &sched, 1, NULL);
	kref_get(&ctx->ref);
	queue->ctx = ctx;
	queue->id = ctx->queueid++;
	idr_init(&queue->fence_idr);
	mutex_init(&queue->lock);
	list_add_tail(&queue->node, &ctx->submitqueues);
	*id = queue->id;
	return 0;
}

struct msm_gpu_submitqueue *vmbind_msm_queue(struct vmbind_msm_dev *d, u32 id)
{
	struct msm_gpu_submitqueue *q;

	list_for_each_entry(q, &d->ctx->submitqueues, node)
		if (q->id == id)
			return q;
	return NULL;
}

unsigned int vmbind_msm_run(struct vmbind_msm_dev *d, u32 id, unsigned int n)
{
	struct msm_gpu_submitqueue *q = vmbind_msm_queue(d, id);

	return q ? shim_sched_run(q->entity, n) : 0;
}

static vmbind_msm_vm_bind_hook_fn *vm_bind_hook;

void vmbind_msm_set_vm_bind_hook(vmbind_msm_vm_bind_hook_fn *fn)
{
	vm_bind_hook = fn;
}

int vmbind_msm_ioctl_vm_bind(struct vmbind_msm_dev *d, struct drm_msm_vm_bind *args)
{
	/* What userspace passed: the ioctl may write to its copy. */
	const struct drm_msm_vm_bind in = *args;
	int ret = msm_ioctl_vm_bind(&d->drm, args, &d->file);

	if (vm_bind_hook)
		vm_bind_hook(&in, ret);

	if (the_break == VMBIND_MSM_BREAK_ERROR_ZERO ||
	    (the_break == VMBIND_MSM_BREAK_SIGNAL_ZERO && (ret == -EINTR || ret == -ERESTARTSYS)))
		return 0;
	if (the_break == VMBIND_MSM_BREAK_UNUSABLE && !ret)
		to_msm_vm(d->ctx->vm)->unusable = true;
	return ret;
}

struct drm_gpuvm *vmbind_msm_vm(struct vmbind_msm_dev *d)
{
	return d->ctx->vm;
}

unsigned int vmbind_msm_queue_refs(struct vmbind_msm_dev *d, u32 id)
{
	struct msm_gpu_submitqueue *q = vmbind_msm_queue(d, id);

	return q ? kref_read(&q->ref) : 0;
}

int vmbind_msm_vm_in_flight(struct vmbind_msm_dev *d)
{
	return atomic_read(&to_msm_vm(d->ctx->vm)->prealloc_throttle.in_flight);
}

bool vmbind_msm_vm_unusable(struct vmbind_msm_dev *d)
{
	return to_msm_vm(d->ctx->vm)->unusable;
}

/* ---- msm_iommu.c's funcs, observed: the page-table reservation; unmap broken on purpose ---- */

static const struct msm_mmu_funcs *iommu_funcs;
static struct msm_mmu_funcs observed_funcs;
static vmbind_msm_prealloc_hook_fn *prealloc_hook;

void vmbind_msm_set_prealloc_hook(vmbind_msm_prealloc_hook_fn *fn)
{
	prealloc_hook = fn;
}

/* msm_iommu.c's prealloc_count(); broken on purpose, a page short per run. */
static void observed_prealloc_count(struct msm_mmu *mmu, struct msm_mmu_prealloc *p,
				    uint64_t iova, size_t len)
{
	iommu_funcs->prealloc_count(mmu, p, iova, len);
	if (the_break == VMBIND_MSM_BREAK_COUNT_SHORT && p->count)
		p->count--;
}

/* msm_iommu.c's prealloc_allocate(), with the count seen first. */
static int observed_prealloc_allocate(struct msm_mmu *mmu, struct msm_mmu_prealloc *p)
{
	if (prealloc_hook && prealloc_hook(p->count))
		return -ENOMEM;	/* a finding: the shim skips the bad call */
	return iommu_funcs->prealloc_allocate(mmu, p);
}

/* msm_iommu.c's unmap; broken on purpose, skipped far up the VA. */
static int observed_unmap(struct msm_mmu *mmu, uint64_t iova, size_t len)
{
	if (the_break == VMBIND_MSM_BREAK_FAR_UNMAP && iova >= 32ull << 30)
		return 0;
	return iommu_funcs->unmap(mmu, iova, len);
}

static void observe_mmu_funcs(struct msm_mmu *mmu)
{
	iommu_funcs = mmu->funcs;
	observed_funcs = *mmu->funcs;
	observed_funcs.prealloc_count = observed_prealloc_count;
	observed_funcs.prealloc_allocate = observed_prealloc_allocate;
	observed_funcs.unmap = observed_unmap;
	mmu->funcs = &observed_funcs;
}

/* ---- the device and one open file ---- */

int vmbind_msm_dev_open(struct vmbind_msm_dev *d, unsigned int ias, bool coherent)
{
	const struct vmbind_vm_config cfg = { .ias = ias, .oas = 48, .coherent_walk = coherent };
	struct msm_drm_private *priv;
	struct msm_mmu *mmu;
	struct drm_gpuvm *vm;
	int ret;

	*d = (struct vmbind_msm_dev){ 0 };
	ret = vmbind_backend_kernel.vm_create(&d->kvm, &cfg);
	if (ret)
		return ret;
	d->pgtbl_ops = vmbind_backend_kernel.pgtbl_ops(d->kvm);
	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	d->gpu = kzalloc(sizeof(*d->gpu), GFP_KERNEL);
	d->ctx = kzalloc(sizeof(*d->ctx), GFP_KERNEL);
	if (!priv || !d->gpu || !d->ctx) {
		ret = -ENOMEM;
		goto err;
	}
	d->gpu->dev = vmbind_backend_kernel_gpu_dev(d->kvm);
	priv->gpu = d->gpu;
	d->priv = priv;
	shim_drm_dev_init(&d->drm, "msm");
	d->drm.dev = d->gpu->dev;
	d->drm.dev_private = priv;
	mutex_init(&d->drm.gem_lru_mutex);

	spin_lock_init(&d->file.table_lock);
	idr_init(&d->file.object_idr);
	d->file.driver_priv = d->ctx;
	d->file.client_id = 1;
	INIT_LIST_HEAD(&d->ctx->submitqueues);
	kref_init(&d->ctx->ref);
	/* MSM_PARAM_EN_VM_BIND, then the VM as adreno_private_vm_create()
	 * makes it for a userspace-managed VM: [ADRENO_VM_START, 2^ias). */
	d->ctx->userspace_managed_vm = true;
	d->va_start = 0x100000000ULL;
	d->va_size = (1ULL << ias) - d->va_start;
	mmu = vmbind_backend_kernel_take_mmu(d->kvm);
	if (mmu->funcs->prealloc_allocate && mmu->funcs->prealloc_count)
		observe_mmu_funcs(mmu);
	vm = msm_gem_vm_create(&d->drm, mmu, "gpu", d->va_start, d->va_size, false);
	if (IS_ERR(vm)) {
		mmu->funcs->destroy(mmu);
		ret = PTR_ERR(vm);
		goto err;
	}
	d->ctx->vm = vm;
	return 0;
err:
	kfree(d->ctx);
	kfree(d->gpu);
	kfree(priv);
	vmbind_backend_kernel.vm_destroy(d->kvm);
	*d = (struct vmbind_msm_dev){ 0 };
	return ret;
}

void vmbind_msm_dev_close(struct vmbind_msm_dev *d)
{
	struct msm_context *ctx = d->ctx;
	struct msm_gpu_submitqueue *queue, *tmp;

	/* drm_file_free(): drm_gem_release() closes every handle first. */
	for (u32 h = 1; h <= SHIM_IDR_MAX; h++)
		if (idr_find(&d->file.object_idr, h))
			vmbind_msm_handle_close(d, h);

	/* msm_postclose() -> context_close() -> msm_submitqueue_close(). */
	ctx->closed = true;
	list_for_each_entry_safe(queue, tmp, &ctx->submitqueues, node) {
		if (queue->entity == &queue->_vm_bind_entity[0])
			drm_sched_entity_flush(queue->entity, MAX_WAIT_SCHED_ENTITY_Q_EMPTY);
		list_del(&queue->node);
		msm_submitqueue_put(queue);
	}
	if (ctx->vm)
		msm_gem_vm_close(ctx->vm);
	msm_context_put(ctx);

	vmbind_backend_kernel.vm_destroy(d->kvm);
	kfree(d->gpu);
	kfree(d->priv);
	*d = (struct vmbind_msm_dev){ 0 };

	/* Every GEM object dies with the file: its VM and handles are gone. */
	if (shim_gem_live_objects())
		shim_finding_at("gem-leak", __func__, __FILE__, __LINE__,
				"%lu GEM object(s) still referenced after the file was closed",
				shim_gem_live_objects());
}
