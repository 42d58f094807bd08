/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz input format, version 2 (documented in docs/input-format.md). Every
 * byte string decodes to a valid test: a 16-byte header (missing bytes read
 * as zero) and 16-byte op records (a partial last record is zero-padded).
 */
#ifndef _VMBIND_INPUT_H
#define _VMBIND_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define VMBIND_FORMAT_VERSION 2
#define VMBIND_HEADER_SIZE 16
#define VMBIND_RECORD_SIZE 16
#define VMBIND_MAX_OPS 4096
#define VMBIND_NR_BOS 3
#define VMBIND_VA_START (1ull << 32)	/* msm VM_BIND VMs start at 4 GiB */
#define VMBIND_MAX_SG 256
#define VMBIND_PAGE_SIZE 4096ull		/* VM_BIND tables use 4 KiB pages only */
#define VMBIND_BLOCK_SIZE (1ull << 21)	/* what one level-3 table covers */

enum vmbind_op_type {
	VMBIND_OP_MAP = 0,
	VMBIND_OP_MAP_NULL = 1,
	VMBIND_OP_UNMAP = 2,
	VMBIND_OP_END_JOB = 3,
};

/* Allocation-failure family selector (header byte 1, bits 1-7). */
enum vmbind_fail_family {
	VMBIND_FAIL_ANY,
	VMBIND_FAIL_KMALLOC,
	VMBIND_FAIL_KVMALLOC,
	VMBIND_FAIL_SLAB,
	VMBIND_FAIL_PAGES,
	VMBIND_FAIL_CACHE,
	VMBIND_FAIL_NR,
};

struct vmbind_sg_chunk {
	uint64_t offset;	/* within the BO */
	uint64_t len;
	uint64_t phys;
};

struct vmbind_bo {
	uint64_t size;		/* bytes, page multiple */
	unsigned int nchunks;	/* 0 when no MAP op uses the BO */
	uint64_t entry_pages;	/* sg entry size after raising and capping */
	bool alternate;		/* half-size odd entries in effect */
	struct vmbind_sg_chunk chunk[VMBIND_MAX_SG];
};

struct vmbind_op {
	enum vmbind_op_type type;
	int bo;			/* MAP only */
	uint64_t iova;
	uint64_t range;
	uint64_t bo_offset;	/* MAP only */
	int prot;		/* IOMMU_* */
};

struct vmbind_input {
	unsigned int ias;
	bool coherent_walk;
	unsigned int fail_nth;		/* 0: no fault injection */
	enum vmbind_fail_family fail_family;
	uint64_t va_start, va_end;
	struct vmbind_bo bo[VMBIND_NR_BOS];
	struct vmbind_op *ops;
	size_t nops;
};

/* Decodes data; never fails. Free with vmbind_input_free(). */
void vmbind_input_decode(const uint8_t *data, size_t size,
			 struct vmbind_input *in);
void vmbind_input_free(struct vmbind_input *in);

/* Physical address backing BO byte offset off. */
uint64_t vmbind_bo_phys(const struct vmbind_bo *bo, uint64_t off);

const char *vmbind_op_name(enum vmbind_op_type t);
const char *vmbind_fail_family_name(enum vmbind_fail_family f);
unsigned int vmbind_fail_family_mask(enum vmbind_fail_family f);
void vmbind_input_print(FILE *out, const struct vmbind_input *in);
void vmbind_op_print(FILE *out, const struct vmbind_op *op);

/*
 * Everything the decoder makes of data, as 'key=value' lines, for
 * tools/vmbind-text (vmbind_repro --describe), which asks instead of
 * decoding itself: 'config ...', 'bo N ...' for every BO (laid out also
 * when no MAP uses it, used=0), 'op N <vmbind_op_print text>'.
 */
void vmbind_input_describe(FILE *out, const uint8_t *data, size_t size);

#endif
