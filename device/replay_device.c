// SPDX-License-Identifier: GPL-2.0-only
/*
 * Replays an ioctl sequence of the harness (harness/ioctl_trace.h) on a
 * real Adreno through libdrm: the render node of the msm driver, VM_BIND
 * enabled, BOs, VM_BIND submit queues and VM_BIND calls built from the
 * trace's fields with the tree's UAPI header (include/uapi/drm/msm_drm.h).
 * Each call's result is printed beside the harness's; afterwards, what
 * the kernel logged meanwhile (WARN, BUG, KASAN, ...) when /dev/kmsg is
 * readable. tools/replay-device makes the trace from a fuzz input.
 *
 *   vmbind_replay_device [--dry-run] [--dri DIR] TRACE
 *     --dry-run  open no device: print the sequence and the bytes of each
 *                VM_BIND payload (struct drm_msm_vm_bind, then the op
 *                array) as they would be passed
 *     --dri DIR  where the render nodes are (default /dev/dri)
 *   exit 0: replayed (or printed); 1: the kernel logged a WARN/BUG/...;
 *   2: usage, trace or I/O error; 3: no msm device, or it refused VM_BIND
 *
 * Handles and queue ids the device gives are put in place of the
 * harness's, in the ops too (the dry run keeps the harness's). An op array
 * goes at the harness's user address when this process can map it there,
 * so the payload is byte for byte the harness's, and its mapped part ends
 * where user memory ends, so a short array faults here as there.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <drm/msm_drm.h>	/* the tree's UAPI (its drm.h first) */
#include <xf86drm.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define MAX_IDS 65536
#define MAX_OPS 65536
#define LINE_MAX_LEN (1 << 20)

static bool dry_run;
static const char *dri_dir = "/dev/dri";
static int fd = -1;
static unsigned int lineno, nr_ioctls, nr_differ, nr_failed_setup;
static uint32_t handle_map[MAX_IDS], queue_map[MAX_IDS];
static bool va_warned;
static uint64_t va_start, va_size;

static void die_trace(const char *why)
{
	fprintf(stderr, "vmbind_replay_device: trace line %u: %s\n", lineno, why);
	exit(2);
}

/* ---- key=value fields of one line ---- */

struct fields {
	char *key[32], *val[32];
	unsigned int n;
};

static void split(char *s, struct fields *f)
{
	f->n = 0;
	for (char *t = strtok(s, " \t\n"); t && f->n < 32; t = strtok(NULL, " \t\n")) {
		char *eq = strchr(t, '=');

		f->key[f->n] = t;
		f->val[f->n] = eq ? (*eq = 0, eq + 1) : "";
		f->n++;
	}
}

static const char *field(const struct fields *f, const char *key, bool needed)
{
	for (unsigned int i = 0; i < f->n; i++)
		if (!strcmp(f->key[i], key))
			return f->val[i];
	if (needed) {
		char msg[96];

		snprintf(msg, sizeof(msg), "no %s= field", key);
		die_trace(msg);
	}
	return NULL;
}

static uint64_t num(const struct fields *f, const char *key)
{
	const char *v = field(f, key, true);
	char *end;
	uint64_t x;

	errno = 0;
	x = v[0] == '-' ? (uint64_t)strtoll(v, &end, 0) : strtoull(v, &end, 0);
	if (errno || end == v || *end)
		die_trace("a field is not a number");
	return x;
}

/* The harness's result, or 1 (none: results are 0 or -errno). */
static int harness_ret(const struct fields *f)
{
	return field(f, "ret", false) ? (int)num(f, "ret") : 1;
}

static void report(int dev_ret, int want)
{
	nr_ioctls++;
	if (dry_run) {
		if (want <= 0)
			printf("  harness: %d\n", want);
		return;
	}
	printf("  device: %d (%s)", dev_ret, dev_ret ? strerror(-dev_ret) : "ok");
	if (want <= 0) {
		printf(", harness: %d", want);
		if (want != dev_ret) {
			printf("  <- differs");
			nr_differ++;
		}
	}
	printf("\n");
}

static int do_ioctl(unsigned long req, void *arg)
{
	return drmIoctl(fd, req, arg) ? -errno : 0;
}

/* ---- the device ---- */

static int find_msm_node(void)
{
	DIR *d = opendir(dri_dir);
	struct dirent *e;
	int found = -1;

	if (!d)
		return -1;
	while (found < 0 && (e = readdir(d))) {
		char path[512];
		drmVersionPtr v;
		int f;

		if (strncmp(e->d_name, "renderD", 7))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dri_dir, e->d_name);
		f = open(path, O_RDWR | O_CLOEXEC);
		if (f < 0)
			continue;
		v = drmGetVersion(f);
		if (v && !strcmp(v->name, "msm")) {
			printf("device: %s (msm %d.%d.%d)\n", path, v->version_major,
			       v->version_minor, v->version_patchlevel);
			found = f;
		} else {
			close(f);
		}
		drmFreeVersion(v);
	}
	closedir(d);
	return found;
}

static void no_device(const char *why)
{
	fprintf(stderr, "vmbind_replay_device: %s\n"
		"  a device replay needs an Adreno GPU driven by drm/msm with VM_BIND (Linux >= 6.17);\n"
		"  --dry-run prints the sequence without one\n", why);
	exit(3);
}

static void dev_open(const struct fields *f)
{
	struct drm_msm_param p = { .pipe = MSM_PIPE_3D0, .param = MSM_PARAM_EN_VM_BIND, .value = 1 };
	unsigned int ias = (unsigned int)num(f, "ias");

	printf("open: ias %u in the harness, %s walk\n", ias,
	       num(f, "coherent") ? "coherent" : "non-coherent");
	memset(handle_map, 0, sizeof(handle_map));
	memset(queue_map, 0xff, sizeof(queue_map));
	if (dry_run)
		return;
	if (fd >= 0)
		close(fd);
	fd = find_msm_node();
	if (fd < 0) {
		char msg[600];

		snprintf(msg, sizeof(msg), "no msm render node in %s", dri_dir);
		no_device(msg);
	}
	if (do_ioctl(DRM_IOCTL_MSM_SET_PARAM, &p)) {
		char msg[128];

		snprintf(msg, sizeof(msg), "the kernel refused MSM_PARAM_EN_VM_BIND: %s", strerror(errno));
		no_device(msg);
	}
	p = (struct drm_msm_param){ .pipe = MSM_PIPE_3D0, .param = MSM_PARAM_VA_START };
	if (!do_ioctl(DRM_IOCTL_MSM_GET_PARAM, &p))
		va_start = p.value;
	p = (struct drm_msm_param){ .pipe = MSM_PIPE_3D0, .param = MSM_PARAM_VA_SIZE };
	if (!do_ioctl(DRM_IOCTL_MSM_GET_PARAM, &p))
		va_size = p.value;
	printf("  VM_BIND on; the device's VA: [0x%" PRIx64 ", 0x%" PRIx64 ")\n", va_start,
	       va_start + va_size);
}

static uint32_t map_id(uint32_t *map, uint32_t id)
{
	return id < MAX_IDS && map[id] && map[id] != UINT32_MAX ? map[id] : id;
}

static void dev_queue(const struct fields *f)
{
	struct drm_msm_submitqueue q = { .flags = MSM_SUBMITQUEUE_VM_BIND };
	uint32_t id = (uint32_t)num(f, "id");
	int ret = 0;

	printf("queue %u: SUBMITQUEUE_NEW (VM_BIND)\n", id);
	if (!dry_run) {
		ret = do_ioctl(DRM_IOCTL_MSM_SUBMITQUEUE_NEW, &q);
		if (!ret && id < MAX_IDS)
			queue_map[id] = q.id;
		if (!ret && q.id != id)
			printf("  the device's id: %u (put in its place)\n", q.id);
	}
	report(ret, harness_ret(f));
}

static void dev_bo(const struct fields *f)
{
	struct drm_msm_gem_new g = { .size = num(f, "size") };
	uint32_t handle = (uint32_t)num(f, "handle");
	int ret = 0;

	/* The harness's uncached BO is write-combined here: a cache mode is needed. */
	g.flags = (num(f, "readonly") ? MSM_BO_GPU_READONLY : 0) |
		  (num(f, "cached") ? MSM_BO_CACHED_COHERENT : MSM_BO_WC);
	printf("bo %u: GEM_NEW size 0x%" PRIx64 " flags 0x%x\n", handle, (uint64_t)g.size, g.flags);
	if (!dry_run) {
		ret = do_ioctl(DRM_IOCTL_MSM_GEM_NEW, &g);
		if (!ret && handle < MAX_IDS)
			handle_map[handle] = g.handle;
		if (!ret && g.handle != handle)
			printf("  the device's handle: %u (put in its place)\n", g.handle);
		if (ret)
			nr_failed_setup++;
	}
	report(ret, harness_ret(f));
}

static void dev_gem_close(const struct fields *f)
{
	uint32_t handle = (uint32_t)num(f, "handle");
	struct drm_gem_close c = { .handle = map_id(handle_map, handle) };
	int ret = 0;

	printf("gem_close %u\n", handle);
	if (!dry_run)
		ret = do_ioctl(DRM_IOCTL_GEM_CLOSE, &c);
	report(ret, harness_ret(f));
}

/* ---- VM_BIND ---- */

struct user_buf {
	void *map;
	size_t map_len;
	unsigned char *ops;	/* where the array starts */
};

/* Where an op array of ops=any goes, when it can: the same every run. */
#define ANY_OPS_ADDR 0x7f0000001000ull

/*
 * Room for len bytes of op array at the harness's address want, user
 * memory ending where the harness's did when that is a page end.
 */
static bool place_ops(uint64_t want, size_t len, bool anywhere, struct user_buf *u)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	uint64_t start, off;
	size_t span;
	bool guard;
	void *m;

	if (anywhere)
		want = ANY_OPS_ADDR;
	start = want & ~(uint64_t)(pg - 1);
	off = want - start;
	span = (size_t)((off + len + pg - 1) / pg * pg);
	guard = !anywhere && (want + len) % pg == 0;
	m = mmap((void *)(uintptr_t)start, span + (guard ? pg : 0), PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (m != MAP_FAILED && m != (void *)(uintptr_t)start) {
		munmap(m, span + (guard ? pg : 0));	/* an old kernel's hint */
		m = MAP_FAILED;
	}
	if (m == MAP_FAILED) {
		/* Elsewhere, at the same offset into its page. */
		m = mmap(NULL, span + pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			return false;
		if (!anywhere)
			printf("  (0x%" PRIx64 " is not free here: the op array goes to %p)\n", want,
			       (void *)((char *)m + off));
		guard = true;
	}
	if (guard && mprotect((char *)m + span, pg, PROT_NONE))
		return false;
	u->map = m;
	u->map_len = span + (guard ? pg : 0);
	u->ops = (unsigned char *)m + off;
	return true;
}

static void hex(const char *label, const void *p, size_t n)
{
	printf(" %s=", label);
	for (size_t i = 0; i < n; i++)
		printf("%02x", ((const unsigned char *)p)[i]);
}

static uint32_t op_code(const char *name)
{
	char *end;
	unsigned long v;

	if (!strcmp(name, "map"))
		return MSM_VM_BIND_OP_MAP;
	if (!strcmp(name, "map_null"))
		return MSM_VM_BIND_OP_MAP_NULL;
	if (!strcmp(name, "unmap"))
		return MSM_VM_BIND_OP_UNMAP;
	v = strtoul(name, &end, 0);
	if (end == name || *end)
		die_trace("op= is not map, map_null, unmap or a number");
	return (uint32_t)v;
}

static void check_va(const struct drm_msm_vm_bind_op *op)
{
	if (dry_run || va_warned || !va_size)
		return;
	if (op->iova < va_start || op->iova + op->range > va_start + va_size ||
	    op->iova + op->range < op->iova) {
		printf("  (an op leaves the device's VA range: the harness's ias was not this GPU's)\n");
		va_warned = true;
	}
}

static void dev_vm_bind(FILE *in, const struct fields *f)
{
	static struct drm_msm_vm_bind_op ops[MAX_OPS];
	static char line[4096];
	struct drm_msm_vm_bind a = {
		.flags = (uint32_t)num(f, "flags"),
		.nr_ops = (uint32_t)num(f, "nr_ops"),
		.fence_fd = (int32_t)num(f, "fence_fd"),
		.queue_id = (uint32_t)num(f, "queue_id"),
		.in_syncobjs = num(f, "in_syncobjs"),
		.out_syncobjs = num(f, "out_syncobjs"),
		.nr_in_syncobjs = (uint32_t)num(f, "nr_in_syncobjs"),
		.nr_out_syncobjs = (uint32_t)num(f, "nr_out_syncobjs"),
		.syncobj_stride = (uint32_t)num(f, "syncobj_stride"),
	};
	const char *where = field(f, "ops", true);
	bool inline_op = !strcmp(where, "inline"), anywhere = !strcmp(where, "any");
	bool auto_stride = !strcmp(field(f, "op_stride", true), "auto");
	int want = harness_ret(f), ret = 0;
	struct user_buf u = { 0 };
	unsigned int n = 0;
	size_t mapped = 0;

	a.op_stride = auto_stride ? sizeof(struct drm_msm_vm_bind_op) : (uint32_t)num(f, "op_stride");
	/* The op lines that follow. */
	for (;;) {
		long pos = ftell(in);
		struct fields of;

		if (!fgets(line, sizeof(line), in))
			break;
		if (strncmp(line, " op ", 4)) {
			fseek(in, pos, SEEK_SET);
			break;
		}
		lineno++;
		if (n == MAX_OPS)
			die_trace("too many ops");
		split(line + 4, &of);
		ops[n] = (struct drm_msm_vm_bind_op){
			.op = op_code(field(&of, "op", true)),
			.handle = (uint32_t)num(&of, "handle"),
			.obj_offset = num(&of, "obj_offset"),
			.iova = num(&of, "iova"),
			.range = num(&of, "range"),
			.flags = (uint32_t)num(&of, "flags"),
			.pad = (uint32_t)num(&of, "pad"),
		};
		check_va(&ops[n]);
		if (!dry_run && ops[n].op == MSM_VM_BIND_OP_MAP)
			ops[n].handle = map_id(handle_map, ops[n].handle);
		n++;
	}
	if (!dry_run)
		a.queue_id = map_id(queue_map, a.queue_id);
	printf("vm_bind: queue %u, %u op(s)", a.queue_id, a.nr_ops);
	if (inline_op) {
		if (n != 1)
			die_trace("ops=inline needs one op line");
		a.op = ops[0];
		printf(", inline\n");
	} else {
		size_t stride = a.op_stride;

		mapped = anywhere ? (size_t)n * stride : (size_t)num(f, "mapped");
		if ((size_t)n * stride > mapped && stride >= sizeof(ops[0]))
			die_trace("more op lines than mapped= holds");
		if (!place_ops(anywhere ? 0 : num(f, "ops"), mapped, anywhere, &u)) {
			fprintf(stderr, "vmbind_replay_device: no memory for an op array: %s\n",
				strerror(errno));
			exit(2);
		}
		memset(u.ops, 0, mapped);
		for (unsigned int i = 0; i < n; i++)
			memcpy(u.ops + (size_t)i * stride, &ops[i],
			       stride < sizeof(ops[i]) ? stride : sizeof(ops[i]));
		a.ops = (uint64_t)(uintptr_t)u.ops;
		printf(", array at 0x%" PRIx64 " (%zu bytes of user memory)\n", (uint64_t)a.ops, mapped);
	}
	if (dry_run) {
		printf("  payload");
		hex("args", &a, sizeof(a));
		hex("ops", inline_op ? NULL : u.ops, mapped);
		printf("\n");
	} else {
		ret = do_ioctl(DRM_IOCTL_MSM_VM_BIND, &a);
	}
	if (u.map)
		munmap(u.map, u.map_len);
	report(ret, want);
}

/* ---- the kernel's log ---- */

static int kmsg = -1;

static void kmsg_start(void)
{
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg < 0)
		printf("kernel log: /dev/kmsg is not readable (%s): WARN/BUG are not checked; run as root\n",
		       strerror(errno));
	else
		lseek(kmsg, 0, SEEK_END);
}

/* The kernel's reports since kmsg_start(), printed; how many. */
static unsigned int kmsg_reports(void)
{
	static const char *const marks[] = { "WARNING:", "BUG:", "Oops", "Unable to handle",
					     "KASAN", "UBSAN", "refcount_t:", "list_add corruption",
					     "list_del corruption", "general protection", "kernel BUG" };
	char rec[8192];
	unsigned int hits = 0;
	ssize_t n;

	if (kmsg < 0)
		return 0;
	while ((n = read(kmsg, rec, sizeof(rec) - 1)) > 0 || (n < 0 && errno == EPIPE)) {
		char *msg;

		if (n < 0)
			continue;	/* records overwritten: go on */
		rec[n] = 0;
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
			if (strstr(msg, marks[i])) {
				printf("kernel: %s", msg);
				hits++;
				break;
			}
	}
	return hits;
}

/* ---- main ---- */

static void usage(void)
{
	fprintf(stderr, "usage: vmbind_replay_device [--dry-run] [--dri DIR] TRACE\n"
		"  replays a harness ioctl sequence (tools/replay-device makes one from an input)\n"
		"exit status: 0 replayed, 1 the kernel logged a WARN/BUG, 2 usage or trace error,\n"
		"             3 no msm device with VM_BIND\n");
}

int main(int argc, char **argv)
{
	static char line[LINE_MAX_LEN];
	unsigned int reports;
	int i = 1;
	FILE *in;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--dry-run")) {
			dry_run = true;
		} else if (!strcmp(argv[i], "--dri") && i + 1 < argc) {
			dri_dir = argv[++i];
		} else {
			usage();
			return 2;
		}
	}
	if (argc - i != 1) {
		usage();
		return 2;
	}
	in = fopen(argv[i], "r");
	if (!in) {
		perror(argv[i]);
		return 2;
	}
	if (!fgets(line, sizeof(line), in) || strcmp(line, "vmbind-ioctls 1\n")) {
		fprintf(stderr, "vmbind_replay_device: %s is not a trace (first line 'vmbind-ioctls 1')\n",
			argv[i]);
		return 2;
	}
	lineno = 1;
	if (!dry_run)
		kmsg_start();
	while (fgets(line, sizeof(line), in)) {
		struct fields f;
		char *verb;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (!strncmp(line, "note ", 5)) {
			printf("note: %s", line + 5);
			continue;
		}
		split(line, &f);
		verb = f.key[0];
		if (!f.n)
			continue;
		if (!strcmp(verb, "end"))
			break;
		if (fd < 0 && !dry_run && strcmp(verb, "open"))
			die_trace("a call before the first open");
		if (!strcmp(verb, "open"))
			dev_open(&f);
		else if (!strcmp(verb, "queue"))
			dev_queue(&f);
		else if (!strcmp(verb, "bo"))
			dev_bo(&f);
		else if (!strcmp(verb, "vm_bind"))
			dev_vm_bind(in, &f);
		else if (!strcmp(verb, "gem_close"))
			dev_gem_close(&f);
		else if (!strcmp(verb, "run"))
			printf("run: the harness ran %s job(s) of queue %s here\n", field(&f, "jobs", true),
			       field(&f, "queue", true));
		else if (!strcmp(verb, "close")) {
			printf("close\n");
			if (fd >= 0)
				close(fd);
			fd = -1;
		} else
			die_trace("unknown call");
	}
	if (ferror(in)) {
		perror(argv[i]);
		return 2;
	}
	fclose(in);
	if (fd >= 0)
		close(fd);
	if (dry_run) {
		printf("dry run: %u ioctl(s)\n", nr_ioctls);
		return 0;
	}
	reports = kmsg_reports();
	printf("replayed: %u ioctl(s), %u result(s) differ from the harness's, %u kernel report(s)\n",
	       nr_ioctls, nr_differ, reports);
	return reports ? 1 : 0;
}
