// SPDX-License-Identifier: GPL-2.0-only
/*
 * One edge per bit length (scale_feedback.h). Each case's empty asm has an
 * operand of its own, so no two cases are alike and the compiler can
 * neither merge them nor turn the switch into a table: the coverage pass
 * sees 65 distinct blocks per function.
 */
#include "scale_feedback.h"

unsigned int vmbind_bit_length(uint64_t v)
{
	return v ? 64 - (unsigned int)__builtin_clzll(v) : 0;
}

#define SCALE_CASE(k)                             \
	case k:                                   \
		__asm__ volatile("" ::"i"(k) : "memory"); \
		break;
#define SCALE_CASES8(k)                                               \
	SCALE_CASE(k) SCALE_CASE(k + 1) SCALE_CASE(k + 2) SCALE_CASE(k + 3) \
	SCALE_CASE(k + 4) SCALE_CASE(k + 5) SCALE_CASE(k + 6) SCALE_CASE(k + 7)
#define SCALE_SWITCH(v)                                                \
	switch (vmbind_bit_length(v)) {                                \
		SCALE_CASES8(0) SCALE_CASES8(8) SCALE_CASES8(16)       \
		SCALE_CASES8(24) SCALE_CASES8(32) SCALE_CASES8(40)     \
		SCALE_CASES8(48) SCALE_CASES8(56) SCALE_CASE(64)       \
	}

/* noinline: one copy of the switch each, wherever it is called from */
__attribute__((noinline)) void vmbind_scale_ops(uint64_t n)
{
	SCALE_SWITCH(n)
}

__attribute__((noinline)) void vmbind_scale_reserved(uint64_t pages)
{
	SCALE_SWITCH(pages)
}

__attribute__((noinline)) void vmbind_scale_needed(uint64_t pages)
{
	SCALE_SWITCH(pages)
}
