/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ioctl path: the tree's msm_gem_vma.c driven through
 * msm_ioctl_vm_bind() (targets/msm-vm-bind/), by decisions from a source
 * (a seeded PRNG for the tests, the fuzz input's bytes for the engines),
 * against the UAPI's per-page model:
 *   ioctl_driver.c   the file, its BOs and queues; requests generated and
 *                    made; jobs run in the order they were queued;
 *                    signals; the findings the tree is known to have,
 *                    gone past
 *   ioctl_model.c    the UAPI's model: what each page and tile maps
 *   ioctl_oracles.c  the checks of the model (each failure a finding)
 *   ioctl_capture.c  the device replay's trace of the VM_BIND calls
 * tests/msm_vma.c and harness/ioctl_fuzz.c drive it.
 */
#ifndef _VMBIND_IOCTL_PATH_H
#define _VMBIND_IOCTL_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/compiler.h>
#include <linux/types.h>
#include <drm/msm_drm.h>
#include <shim/finding.h>
#include <shim/site.h>

#include "msm_vma_shim.h"

#define IOCTL_PG 4096ull
#define IOCTL_IAS 40
#define IOCTL_IAS_LARGE 48	/* IOCTL_RUN_LARGE */
#define IOCTL_VA_START 0x100000000ull
/* The window the ops land in: 1024 pages across a 1 GiB boundary. */
#define IOCTL_WIN_BASE 0x13ff00000ull
#define IOCTL_NPAGES 1024
#define IOCTL_NBO 6
#define IOCTL_NQ 2
#define IOCTL_MAX_OPS 8
#define IOCTL_MAX_LARGE_OPS 64	/* in a large-range or tiles request */
/*
 * Tiles far from the window (IOCTL_RUN_SIGNALS): tile k is two pages
 * across the 1 GiB boundary at IOCTL_TILE_BASE + k GiB, so each costs the
 * worst-case count 5 page-table pages (1 L1, 2 L2, 2 L3 tables).
 */
#define IOCTL_NTILES 64
#define IOCTL_TILE_BASE 0x1000000000ull	/* 64 GiB */
#define IOCTL_TILE_PAGES 2
#define IOCTL_TILE_IOVA(k) (IOCTL_TILE_BASE + ((u64)(k) << 30) - IOCTL_PG)
/* An op array is laid out to end here, where user memory ends: an array
 * mapped one op short faults on a device as in the harness. */
#define IOCTL_USER_OPS_END 0x7f0000002000ull
#define IOCTL_MODEL_NONE (-1)
#define IOCTL_MODEL_NULL IOCTL_NBO

/* A BO: its size, flags and physical pages (chunks of its sg table). */
struct ioctl_bo {
	bool open;		/* its handle is open */
	u32 handle;
	u32 flags;
	unsigned int npages;
	phys_addr_t phys[64];	/* of each page */
	struct drm_gem_object *obj;	/* valid while referenced */
};

/* What the UAPI says a page maps to. */
struct ioctl_page {
	int bo;			/* IOCTL_MODEL_NONE, IOCTL_MODEL_NULL or a BO */
	unsigned int pgoff;
};

struct ioctl_state {
	struct vmbind_msm_dev d;
	unsigned int ias;
	bool open, unusable;
	/* The request being made, for the reservation check. */
	const struct ioctl_req *req;
	u32 q[IOCTL_NQ];
	struct ioctl_bo bo[IOCTL_NBO];
	struct ioctl_page page[IOCTL_NPAGES];
	/* Pages a request named since the GPU's view was last checked. */
	bool dirty[IOCTL_NPAGES];
	bool check_all;		/* the next check covers every page */
	/* The tiles the UAPI says MAP_NULL mapped, and those named since the
	 * GPU's view was last checked: a bit each. */
	u64 tiles, tiles_dirty;
	/* Queued jobs, oldest first: the queue of each. */
	unsigned int fifo[256], fifo_len;
	unsigned long ioctls, failed, ran;
};
extern struct ioctl_state ioctl_state;

/* ---- decisions ---- */

/* From a seeded PRNG (endless), or from bytes (ends with them). */
void ioctl_source_prng(unsigned long long seed);
void ioctl_source_bytes(const uint8_t *data, size_t size);
/* A choice in [0, n); 0 once the bytes ran out. */
unsigned int ioctl_pick(unsigned int n);
bool ioctl_source_exhausted(void);

/*
 * Findings the tree is known to have (crashes/unit/msm-vma-*.md, as the
 * notes match the tree): runs go past them, by suppressing the finding
 * (the shim then skips the bad call) or by not making the stimulus.
 */
struct ioctl_known {
	bool invalid_handle;	/* suppress: gem-bad-ref in vm_bind_job_lookup_ops() */
	bool bo_range_then_map;	/* suppress: gem-bad-ref in msm_vma_job_free() */
	bool killed_job;	/* close files only after their jobs ran */
	bool prealloc_bulk_enomem;	/* give up the file after that failure */
	bool vma_new_warn;	/* suppress: WARN_ON(IS_ERR(vma)) in the sm_step callbacks */
	bool map_op_enomem;	/* a failed vm_op_enqueue() leaves the VM changed */
	/* crashes/msm617-prr-page-unchecked.md, -pt-cache-create-unchecked.md:
	 * no allocation failures at open */
	bool open_enomem;
	/* suppress: the NULL PRR page freed (finding the other one at open) */
	bool prr_page;
	/* crashes/msm617-prealloc-count-u32-wrap.md, -kvmalloc-warn.md: no
	 * large-range request whose count passes 2^32, or 2^28 pages */
	bool count_u32_wrap;
	bool kvmalloc_warn;
	/* crashes/unit/msm-vma-throttle-signal.md: no signal in the throttle wait */
	bool throttle_signal;
};
extern struct ioctl_known ioctl_known;
/* Comma-separated case names (or "none"); false on an unknown one. */
bool ioctl_parse_known(char *list);
int ioctl_suppress_known(const char *signature);

/* ---- the file and its requests (ioctl_driver.c) ---- */

enum ioctl_req_error {
	REQ_OK,
	REQ_BAD_FLAGS,		/* op flags outside MSM_VM_BIND_OP_FLAGS */
	REQ_MISALIGNED,		/* an iova not page aligned */
	REQ_BAD_HANDLE,		/* a MAP of a handle that is not open */
	REQ_BO_RANGE,		/* a MAP past the end of its BO */
	REQ_BAD_QUEUE,		/* a queue id that does not exist */
	REQ_USER_FAULT,		/* the op array is not user memory */
	REQ_NR,
};

struct ioctl_req {
	struct drm_msm_vm_bind_op op[IOCTL_MAX_LARGE_OPS];
	unsigned int n;
	int err;		/* what the UAPI says the ioctl returns */
	enum ioctl_req_error why;
	/* Ops over hundreds of GiB: -ENOMEM (no memory for their tables) will do. */
	bool large;
};

void ioctl_dev_open(void);
void ioctl_close_file(bool kill);
/* Closed and reopened, its findings forgotten (after a known one). */
void ioctl_restart_quietly(void);
bool ioctl_run_oldest(void);
/* What the scheduler thread does while an ioctl waits (shim_wait_set_progress). */
bool ioctl_wait_progress(void);
int ioctl_do(const struct ioctl_req *r, unsigned int q);
/* ---- the UAPI's model (ioctl_model.c) ---- */

/* A request that succeeded: what its pages and tiles map now. */
void ioctl_model_apply(const struct ioctl_req *r);
/* The pages and tiles a request names: the next check covers them. */
void ioctl_model_touch(const struct ioctl_req *r);
/* The tile a drm_gpuva is exactly, or -1. */
int ioctl_tile_of(u64 iova, u64 range);

/* The device replay's trace of each VM_BIND call, when ioctl_trace_on(). */
void ioctl_capture_install(void);
/* What a finding's report adds (shim_finding_set_context). */
void ioctl_print_context(FILE *out, void *arg);

/*
 * Runs up to steps random ioctls, or until the source ends or a finding;
 * then the jobs, the checks and the file's close. Returns the number of
 * findings. Flags (the fuzz input's byte 0 uses the same bits):
 */
#define IOCTL_RUN_ENOMEM	0x01	/* an allocation failure in each ioctl */
#define IOCTL_RUN_OPEN_ENOMEM	0x04	/* and in each open of the file */
#define IOCTL_RUN_SIGNALS	0x08	/* signals where an ioctl sleeps; tiles requests */
#define IOCTL_RUN_LARGE		0x40	/* ias 48, and requests over its whole VA */
unsigned long ioctl_run(unsigned long steps, unsigned int flags);

/* ---- the checks (ioctl_oracles.c) ---- */

#define ioctl_finding(kind, ...) \
	shim_finding_at(kind, __func__, __FILE__, __LINE__, __VA_ARGS__)

void ioctl_check_gpuvm(const char *when);
/*
 * The job's page-table reservation (prealloc_allocate()) against the
 * request's MAP and MAP_NULL ops: at least the tables they need on an
 * empty table, the worst case it is for. True when short (a finding).
 */
bool ioctl_check_reservation(u32 count);
/* Tables (L1, L2, L3) the ops cover: per op summed, or their union. */
u64 ioctl_tables_of(const struct drm_msm_vm_bind_op *op, unsigned int n, bool merge);
/*
 * When no job is queued: every account, and the GPU's view of every page
 * a request named since the last check (of every page after an open and
 * at the end).
 */
void ioctl_check_idle(const char *when);

#endif
