/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A drm/msm device, one open file and its VM_BIND context around the
 * tree's msm_gem_vma.c (msm_vma_shim.c): what the tests drive it with.
 */
#ifndef _VMBIND_MSM_VMA_SHIM_H
#define _VMBIND_MSM_VMA_SHIM_H

#include <drm/drm_device.h>
#include <drm/drm_file.h>
#include <linux/types.h>

struct io_pgtable_ops;
struct msm_context;
struct msm_gpu;
struct msm_gpu_submitqueue;
struct drm_msm_vm_bind;

struct vmbind_msm_chunk {
	phys_addr_t phys;
	size_t len;
};

struct vmbind_msm_dev {
	struct drm_device drm;
	void *priv;			/* struct msm_drm_private */
	struct msm_gpu *gpu;
	void *kvm;			/* the kernel backend VM (msm_iommu.c) */
	struct io_pgtable_ops *pgtbl_ops;
	struct drm_file file;
	struct msm_context *ctx;
	u64 va_start, va_size;
};

/* The GPU's MMU and a VM_BIND context's VM, as msm creates them (ias bits). */
int vmbind_msm_dev_open(struct vmbind_msm_dev *d, unsigned int ias, bool coherent);
/* Close the file as drm does (handles, then msm_postclose), free the GPU MMU. */
void vmbind_msm_dev_close(struct vmbind_msm_dev *d);

/* A VM_BIND submit queue (msm_submitqueue_create() with MSM_SUBMITQUEUE_VM_BIND). */
int vmbind_msm_queue_new(struct vmbind_msm_dev *d, u32 flags, u32 *id);
struct msm_gpu_submitqueue *vmbind_msm_queue(struct vmbind_msm_dev *d, u32 id);

/* A BO of the given physical chunks and MSM_BO_* flags, and its handle. */
int vmbind_msm_bo_new(struct vmbind_msm_dev *d, const struct vmbind_msm_chunk *c,
		      unsigned int n, u32 flags, u32 *handle);
struct drm_gem_object *vmbind_msm_bo(struct vmbind_msm_dev *d, u32 handle);
int vmbind_msm_handle_close(struct vmbind_msm_dev *d, u32 handle);

int vmbind_msm_ioctl_vm_bind(struct vmbind_msm_dev *d, struct drm_msm_vm_bind *args);
/*
 * Called after each msm_ioctl_vm_bind() with the arguments as they were
 * passed (the op array is still in user memory) and its result: what the
 * device replay's trace records (harness/ioctl_capture.c).
 */
typedef void vmbind_msm_vm_bind_hook_fn(const struct drm_msm_vm_bind *args, int ret);
void vmbind_msm_set_vm_bind_hook(vmbind_msm_vm_bind_hook_fn *fn);
/*
 * Called by the VM's prealloc_allocate() (msm_iommu.c's, observed) with
 * the job's page-table reservation count before it allocates; returning
 * true (a finding) skips the allocation with -ENOMEM.
 */
typedef bool vmbind_msm_prealloc_hook_fn(u32 count);
void vmbind_msm_set_prealloc_hook(vmbind_msm_prealloc_hook_fn *fn);
/* Run up to n (0: all) queued jobs of queue id. */
unsigned int vmbind_msm_run(struct vmbind_msm_dev *d, u32 id, unsigned int n);

struct vmbind_msm_bo_state {
	unsigned int refs;	/* kref */
	int pin_count;
	bool pages;
};
void vmbind_msm_bo_state(struct drm_gem_object *obj, struct vmbind_msm_bo_state *out);
/* The context's VM, and the references a queue holds (0: no such queue). */
struct drm_gpuvm *vmbind_msm_vm(struct vmbind_msm_dev *d);
unsigned int vmbind_msm_queue_refs(struct vmbind_msm_dev *d, u32 id);
/* What the VM's accounts say (msm_gem_vm fields). */
int vmbind_msm_vm_in_flight(struct vmbind_msm_dev *d);
bool vmbind_msm_vm_unusable(struct vmbind_msm_dev *d);

/* BOs freed so far (their free callback ran), and a test-only breakage. */
unsigned long vmbind_msm_bos_freed(void);
enum vmbind_msm_break {
	VMBIND_MSM_BREAK_NONE,
	VMBIND_MSM_BREAK_UNPIN_SKIP,	/* msm_gem_unpin_active() forgets to unpin */
	VMBIND_MSM_BREAK_PROT_NOWRITE,	/* msm_gem_prot() drops IOMMU_WRITE */
	VMBIND_MSM_BREAK_SGT_SHIFT,	/* the BO's sg table one page off */
	VMBIND_MSM_BREAK_QUEUE_REF,	/* msm_submitqueue_get() takes two references */
	VMBIND_MSM_BREAK_HANDLE_PUT,	/* closing a handle drops two references */
	VMBIND_MSM_BREAK_ERROR_ZERO,	/* the ioctl's errors reach userspace as 0 */
	VMBIND_MSM_BREAK_UNUSABLE,	/* every successful VM_BIND marks the VM unusable */
	VMBIND_MSM_BREAK_COUNT_SHORT,	/* prealloc_count() a page short per run of ops */
	VMBIND_MSM_BREAK_SIGNAL_ZERO,	/* an interrupted VM_BIND reaches userspace as 0 */
	VMBIND_MSM_BREAK_FAR_UNMAP,	/* unmaps at 32 GiB and up are skipped */
};
void vmbind_msm_set_break(enum vmbind_msm_break b);

#endif
