// SPDX-License-Identifier: GPL-2.0-only
/*
 * drm_sched stand-in (<drm/gpu_scheduler.h>): an explicit queue per entity
 * that the harness runs, with the job life drm_sched gives a driver.
 */
#include <drm/gpu_scheduler.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <shim/finding.h>

static struct shim_sched_stats stats;
static bool flush_kills;
static u64 fence_contexts;	/* one per entity, as dma_fence_context_alloc() */

#define sched_finding(...) \
	shim_finding_at("drm-sched", __func__, __FILE__, __LINE__, __VA_ARGS__)

void shim_dma_fence_release(struct kref *kref)
{
	struct dma_fence *f = container_of(kref, struct dma_fence, refcount);

	if (f->shim_release)
		f->shim_release(f);
}

/* The scheduled and finished fences share one allocation, as the kernel's. */
static void s_fence_release(struct dma_fence *f)
{
	struct drm_sched_fence *s = container_of(f, struct drm_sched_fence, finished);

	stats.fences_live--;
	kfree(s);
}

int drm_sched_init(struct drm_gpu_scheduler *sched,
		   const struct drm_sched_init_args *args)
{
	*sched = (struct drm_gpu_scheduler){ .ops = args->ops, .name = args->name };
	/* The kernel allocates the run queues here: fault injection may fail it. */
	sched->sched_rq = kcalloc(args->num_rqs ? args->num_rqs : 1, sizeof(void *),
				  GFP_KERNEL);
	if (!sched->sched_rq)
		return -ENOMEM;
	sched->ready = true;
	return 0;
}

void drm_sched_stop(struct drm_gpu_scheduler *sched, struct drm_sched_job *bad)
{
	(void)bad;
	sched->stopped = true;
}

void drm_sched_fini(struct drm_gpu_scheduler *sched)
{
	if (!sched->ready)
		sched_finding("drm_sched_fini(%s): not initialised, or finalised twice",
			      sched->name);
	/* Jobs still queued on its entities are killed when those are destroyed. */
	sched->ready = false;
	kfree(sched->sched_rq);
	sched->sched_rq = NULL;
}

int drm_sched_entity_init(struct drm_sched_entity *entity,
			  enum drm_sched_priority priority,
			  struct drm_gpu_scheduler **sched_list,
			  unsigned int num_sched_list, atomic_t *guilty)
{
	(void)priority;
	(void)guilty;
	if (!num_sched_list || !sched_list || !sched_list[0])
		return -ENOENT;
	*entity = (struct drm_sched_entity){ .sched = sched_list[0], .inited = true,
					     .fence_context = ++fence_contexts };
	INIT_LIST_HEAD(&entity->queue);
	sched_list[0]->entities++;
	return 0;
}

static void job_done(struct drm_sched_job *job, int error)
{
	struct drm_gpu_scheduler *sched = job->sched;

	list_del_init(&job->node);
	job->shim_pushed = false;
	job->s_fence->scheduled.signaled = true;
	job->s_fence->finished.signaled = true;
	job->s_fence->finished.error = error;
	stats.freed++;
	sched->ops->free_job(job);
}

unsigned int shim_sched_run(struct drm_sched_entity *entity, unsigned int n)
{
	unsigned int ran = 0;

	while (!list_empty(&entity->queue) && (!n || ran < n)) {
		struct drm_sched_job *job =
			list_first_entry(&entity->queue, struct drm_sched_job, node);
		struct drm_gpu_scheduler *sched = job->sched;
		struct dma_fence *hw;

		if (!sched->ready || sched->stopped) {
			sched_finding("job %p on a stopped or finalised scheduler %s would never run",
				      (void *)job, sched->name);
			return ran;
		}
		stats.run++;
		hw = sched->ops->run_job(job);
		/* A hardware fence: treated as signalled at once. */
		dma_fence_put(hw);
		job_done(job, 0);
		ran++;
	}
	return ran;
}

unsigned int shim_sched_queued(const struct drm_sched_entity *entity)
{
	unsigned int n = 0;
	const struct list_head *p;

	for (p = entity->queue.next; p != &entity->queue; p = p->next)
		n++;
	return n;
}

void shim_sched_set_flush_kills(bool kills)
{
	flush_kills = kills;
}

static void entity_kill(struct drm_sched_entity *entity)
{
	while (!list_empty(&entity->queue)) {
		struct drm_sched_job *job =
			list_first_entry(&entity->queue, struct drm_sched_job, node);

		stats.killed++;
		job_done(job, -ESRCH);
	}
}

long drm_sched_entity_flush(struct drm_sched_entity *entity, long timeout)
{
	if (flush_kills)
		entity_kill(entity);
	else
		shim_sched_run(entity, 0);
	return timeout;
}

void drm_sched_entity_fini(struct drm_sched_entity *entity)
{
	if (!entity->inited) {
		sched_finding("drm_sched_entity_fini(%p): not initialised, or destroyed twice",
			      (void *)entity);
		return;
	}
	entity_kill(entity);
	entity->sched->entities--;
	entity->inited = false;
}

void drm_sched_entity_destroy(struct drm_sched_entity *entity)
{
	drm_sched_entity_flush(entity, MAX_WAIT_SCHED_ENTITY_Q_EMPTY);
	drm_sched_entity_fini(entity);
}

int drm_sched_job_init(struct drm_sched_job *job,
		       struct drm_sched_entity *entity, u32 credits,
		       void *owner, u64 drm_client_id)
{
	if (!entity || !entity->inited)
		return -ENOENT;
	if (!credits) {
		sched_finding("drm_sched_job_init(): zero credits");
		return -EINVAL;
	}
	*job = (struct drm_sched_job){
		.entity = entity,
		.credits = credits,
		.owner = owner,
		.client_id = drm_client_id,
		.shim_inited = true,
	};
	INIT_LIST_HEAD(&job->node);
	/* The kernel allocates the scheduler fences here (drm_sched_fence_alloc()). */
	job->s_fence = kzalloc(sizeof(*job->s_fence), GFP_KERNEL);
	if (!job->s_fence) {
		job->shim_inited = false;
		return -ENOMEM;
	}
	job->s_fence->job = job;
	kref_init(&job->s_fence->finished.refcount);
	job->s_fence->finished.shim_release = s_fence_release;
	stats.fences_live++;
	stats.inited++;
	return 0;
}

void drm_sched_job_arm(struct drm_sched_job *job)
{
	if (!job->shim_inited || job->shim_armed)
		sched_finding("drm_sched_job_arm(%p): %s", (void *)job,
			      job->shim_armed ? "armed twice" : "not initialised");
	job->sched = job->entity->sched;
	job->s_fence->finished.context = job->entity->fence_context;
	job->s_fence->finished.seqno = ++job->entity->fence_seqno;
	job->shim_armed = true;
	stats.armed++;
}

int drm_sched_job_add_dependency(struct drm_sched_job *job,
				 struct dma_fence *fence)
{
	job->dependencies++;
	dma_fence_put(fence);
	return 0;
}

void drm_sched_entity_push_job(struct drm_sched_job *job)
{
	if (!job->shim_armed)
		sched_finding("drm_sched_entity_push_job(%p): not armed", (void *)job);
	if (!job->entity->inited || !job->sched->ready)
		sched_finding("drm_sched_entity_push_job(%p): entity or scheduler gone",
			      (void *)job);
	list_add_tail(&job->node, &job->entity->queue);
	job->shim_pushed = true;
	stats.pushed++;
}

void drm_sched_job_cleanup(struct drm_sched_job *job)
{
	if (!job->shim_inited) {
		sched_finding("drm_sched_job_cleanup(%p): not initialised, or cleaned up twice",
			      (void *)job);
		return;
	}
	if (job->shim_pushed)
		sched_finding("drm_sched_job_cleanup(%p): still queued", (void *)job);
	/* Armed: the finished fence is referenced (job->fence, ...) and freed
	 * with its last reference; not armed: freed here, as the kernel does. */
	if (job->shim_armed)
		dma_fence_put(&job->s_fence->finished);
	else
		dma_fence_put(&job->s_fence->finished);
	job->s_fence = NULL;
	job->shim_inited = false;
	stats.cleaned_up++;
}

void shim_sched_stats(struct shim_sched_stats *out)
{
	*out = stats;
}

void shim_sched_reset(void)
{
	stats = (struct shim_sched_stats){ 0 };
	flush_kills = false;
	fence_contexts = 0;
}
