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

/* Header bytes (docs/input-format.md, "Header"). */
#define VMBIND_HDR_IAS 0		/* ias = VMBIND_IAS_MIN + b % VMBIND_IAS_NR */
#define VMBIND_HDR_FLAGS 1
#define VMBIND_HDR_FAIL_NTH 2		/* u16 */
#define VMBIND_HDR_BO 4			/* VMBIND_NR_BOS shapes of 4 bytes */
#define VMBIND_IAS_MIN 36
#define VMBIND_IAS_NR 13
#define VMBIND_FLAG_NONCOHERENT 0x01
#define VMBIND_FLAG_FAIL_FAMILY_SHIFT 1

/* BO shape bytes: size 2^(b0 % 30) + b1 pages, entries 2^(b2 % 20) pages. */
#define VMBIND_BO_SIZE_LOG2_NR 30
#define VMBIND_BO_ENTRY_LOG2_NR 20
#define VMBIND_BO_ALTERNATE 0x01	/* byte 3 */
#define VMBIND_BO_ORDER_SHIFT 1		/* byte 3, 2 bits */
#define VMBIND_BO_MISALIGN_SHIFT 3	/* byte 3, 5 bits */

/* Op record bytes (docs/input-format.md, "Op record"). */
#define VMBIND_REC_OP 0
#define VMBIND_REC_KINDS 1
#define VMBIND_REC_ANCHOR 2		/* u32 */
#define VMBIND_REC_ANCHOR_DELTA 6	/* s8, pages */
#define VMBIND_REC_RANGE 7		/* u32 */
#define VMBIND_REC_RANGE_DELTA 11	/* s8, pages */
#define VMBIND_REC_BO_OFFSET 12		/* u32, pages */

/* Byte VMBIND_REC_OP. */
#define VMBIND_OPB_TYPE_MASK 0x03
#define VMBIND_OPB_READ_ONLY 0x04
#define VMBIND_OPB_CACHED 0x08
#define VMBIND_OPB_BO_SHIFT 4
#define VMBIND_OPB_BO_MASK 0x30
#define VMBIND_OPB_PRIV 0x40
#define VMBIND_OPB_PROT_MASK (VMBIND_OPB_READ_ONLY | VMBIND_OPB_CACHED | VMBIND_OPB_PRIV)

/* Byte VMBIND_REC_KINDS: anchor kind in bits 0-2, range kind in bits 3-5. */
#define VMBIND_KINDS(anchor, range) ((anchor) | (range) << 3)

enum vmbind_anchor_kind {
	VMBIND_ANCHOR_START,
	VMBIND_ANCHOR_2M,
	VMBIND_ANCHOR_1G,
	VMBIND_ANCHOR_512G,
	VMBIND_ANCHOR_TOP,
	VMBIND_ANCHOR_PREV,
	VMBIND_ANCHOR_PREV_END,
	VMBIND_ANCHOR_UNIFORM,
};

enum vmbind_range_kind {
	VMBIND_RANGE_PAGES,
	VMBIND_RANGE_PAGES_64K,
	VMBIND_RANGE_2M,
	VMBIND_RANGE_1G,
	VMBIND_RANGE_512G,
	VMBIND_RANGE_TO_END,
	VMBIND_RANGE_PREV,
	VMBIND_RANGE_UNIFORM,
};

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
/* The same, and in *span the bytes from off to the end of its sg chunk
 * (physically contiguous). */
uint64_t vmbind_bo_phys_span(const struct vmbind_bo *bo, uint64_t off,
			     uint64_t *span);

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
