// SPDX-License-Identifier: GPL-2.0-only
/*
 * AFL++ persistent mode with shared-memory test cases. Built only with
 * afl-clang-fast (VMBIND_ENGINE=afl). Findings abort, AFL++ keeps the input.
 * Without AFL++ running it reads one input from stdin, like any AFL target.
 */
#include <stdio.h>
#include <unistd.h>

#include "engine.h"

__AFL_FUZZ_INIT();

/*
 * Not optimised: optimised, the loop is rotated into a first
 * __AFL_LOOP() call before it and one at its end, and the block after the
 * latter's return is hit from the second input on only (AFL++'s one
 * variable byte). Unrotated, every input returns to the same block.
 */
__attribute__((optnone)) int main(int argc, char **argv)
{
	static struct vmbind_options opts;
	unsigned char *buf;

	vmbind_engine_setup(&opts, "AFL++");
	vmbind_print_banner(stderr, "AFL++");
#ifdef __AFL_HAVE_MANUAL_CONTROL
	__AFL_INIT();
#endif
	buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(100000)) {
		int len = __AFL_FUZZ_TESTCASE_LEN;

		vmbind_engine_run(buf, (size_t)len, &opts);
	}
	return 0;
}
