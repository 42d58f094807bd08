/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The engines' dictionary, generated from the input format's constants
 * (input.h) so that it cannot drift from the decoder: dict/vmbind.dict is
 * this output (vmbind_repro --dictionary; test dict.generated).
 */
#ifndef _VMBIND_DICTIONARY_H
#define _VMBIND_DICTIONARY_H

#include <stdio.h>

void vmbind_dictionary_write(FILE *out);

#endif
