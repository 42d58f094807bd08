/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Growing arrays, apart from the model's logic: the models keep their
 * buffers from input to input, so whether one must grow depends on the
 * inputs before. That branch lives here, in a library that gives the
 * engines no feedback, so that the model's own edges depend on the current
 * input only (AFL++ stability).
 */
#ifndef _VMBIND_GROW_H
#define _VMBIND_GROW_H

#include <stddef.h>

/*
 * p, reallocated to hold at least need elements of elem bytes when *cap is
 * less (or p is NULL), with room to spare; aborts when out of memory.
 */
void *vmbind_grow(void *p, size_t *cap, size_t need, size_t elem);

#endif
