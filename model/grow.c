// SPDX-License-Identifier: GPL-2.0-only
/* Growing arrays (grow.h). */
#include <stdlib.h>

#include "grow.h"

void *vmbind_grow(void *p, size_t *cap, size_t need, size_t elem)
{
	if (p && need <= *cap)
		return p;
	*cap = need * 2 + 16;
	p = realloc(p, *cap * elem);
	if (!p)
		abort();
	return p;
}
