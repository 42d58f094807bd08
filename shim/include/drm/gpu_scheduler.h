/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shim: drm_sched for a single-threaded harness (shim/instrumented/
 * drm_sched.c). Jobs pushed to an entity wait in its queue until the
 * caller runs them (shim_sched_run()): run_job(), then, as the scheduler
 * does once the job's hardware fence has signalled (a NULL one at once),
 * the finished fence is signalled and free_job() called. Destroying an
 * entity with jobs queued kills them, as drm_sched_entity_kill() does:
 * finished signalled with -ESRCH, free_job() without run_job().
 * drm_sched_entity_flush() drains the queue (a closing process whose jobs
 * run) or, with shim_sched_set_flush_kills(true), kills it (SIGKILL).
 * Misuse is a finding ("drm-sched"): a job armed twice, pushed unarmed,
 * pushed to a finalised scheduler, a scheduler finalised with jobs queued.
 */
#ifndef _SHIM_DRM_GPU_SCHEDULER_H
#define _SHIM_DRM_GPU_SCHEDULER_H

#include <linux/dma-fence.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/types.h>

#ifndef MAX_SCHEDULE_TIMEOUT
#define MAX_SCHEDULE_TIMEOUT LONG_MAX
#endif
#define MAX_WAIT_SCHED_ENTITY_Q_EMPTY (2 * 1000)

struct device;
struct drm_sched_job;

enum drm_sched_priority {
	DRM_SCHED_PRIORITY_KERNEL,
	DRM_SCHED_PRIORITY_HIGH,
	DRM_SCHED_PRIORITY_NORMAL,
	DRM_SCHED_PRIORITY_LOW,
	DRM_SCHED_PRIORITY_COUNT
};

struct drm_sched_backend_ops {
	struct dma_fence *(*run_job)(struct drm_sched_job *sched_job);
	void (*free_job)(struct drm_sched_job *sched_job);
};

struct drm_sched_init_args {
	const struct drm_sched_backend_ops *ops;
	void *submit_wq;
	void *timeout_wq;
	u32 num_rqs;
	u32 credit_limit;
	unsigned int hang_limit;
	long timeout;
	atomic_t *score;
	const char *name;
	struct device *dev;
};

struct drm_gpu_scheduler {
	const struct drm_sched_backend_ops *ops;
	const char *name;
	void *sched_rq;		/* allocated by drm_sched_init(), as the kernel's */
	bool ready;
	bool stopped;
	unsigned long entities;	/* entities initialised on it, not destroyed */
};

struct drm_sched_entity {
	struct drm_gpu_scheduler *sched;
	struct list_head queue;	/* pushed jobs not run yet */
	struct list_head node;	/* in the list of all entities */
	u64 fence_context;	/* of its jobs' fences; seqno counts them */
	u64 fence_seqno;
	bool inited;
};

struct drm_sched_fence {
	struct dma_fence scheduled;
	struct dma_fence finished;
	struct drm_sched_job *job;
};

struct drm_sched_job {
	struct drm_gpu_scheduler *sched;
	struct drm_sched_entity *entity;
	struct drm_sched_fence *s_fence;
	struct list_head node;	/* in entity->queue once pushed */
	u32 credits;
	u64 client_id;
	void *owner;
	unsigned int dependencies;
	bool shim_inited;
	bool shim_armed;
	bool shim_pushed;
};

int drm_sched_init(struct drm_gpu_scheduler *sched,
		   const struct drm_sched_init_args *args);
void drm_sched_fini(struct drm_gpu_scheduler *sched);
void drm_sched_stop(struct drm_gpu_scheduler *sched, struct drm_sched_job *bad);

int drm_sched_entity_init(struct drm_sched_entity *entity,
			  enum drm_sched_priority priority,
			  struct drm_gpu_scheduler **sched_list,
			  unsigned int num_sched_list, atomic_t *guilty);
long drm_sched_entity_flush(struct drm_sched_entity *entity, long timeout);
void drm_sched_entity_fini(struct drm_sched_entity *entity);
void drm_sched_entity_destroy(struct drm_sched_entity *entity);

int drm_sched_job_init(struct drm_sched_job *job,
		       struct drm_sched_entity *entity, u32 credits,
		       void *owner, u64 drm_client_id);
void drm_sched_job_arm(struct drm_sched_job *job);
int drm_sched_job_add_dependency(struct drm_sched_job *job,
				 struct dma_fence *fence);
void drm_sched_entity_push_job(struct drm_sched_job *sched_job);
void drm_sched_job_cleanup(struct drm_sched_job *job);

/* ---- for the harness ---- */

/* Run up to n queued jobs of entity (all when n == 0); returns how many ran. */
unsigned int shim_sched_run(struct drm_sched_entity *entity, unsigned int n);
unsigned int shim_sched_queued(const struct drm_sched_entity *entity);
/* drm_sched_entity_flush() kills (true) or drains (false, default) the queue. */
void shim_sched_set_flush_kills(bool kills);

struct shim_sched_stats {
	unsigned long inited, armed, pushed, run, killed, freed, cleaned_up;
	unsigned long fences_live;
};
void shim_sched_stats(struct shim_sched_stats *out);
void shim_sched_reset(void);

#endif
