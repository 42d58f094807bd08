// SPDX-License-Identifier: GPL-2.0-only
/* The backend this build was configured for (PREALLOC=auto|kernel|seed). */
#include "backend.h"

const struct vmbind_backend *vmbind_default_backend(void)
{
#ifdef VMBIND_HAVE_KERNEL_MSM
	return &vmbind_backend_kernel;
#else
	return &vmbind_backend_seed;
#endif
}
