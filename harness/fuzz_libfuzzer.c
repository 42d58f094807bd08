// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer entry point: findings abort, libFuzzer keeps the input. */
#include <stdio.h>

#include "engine.h"

static struct vmbind_options opts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	vmbind_engine_setup(&opts, "libFuzzer");
	vmbind_print_banner(stderr, "libFuzzer");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vmbind_engine_run(data, size, &opts);
	return 0;
}
