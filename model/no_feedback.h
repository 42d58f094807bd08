/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMBIND_NO_FEEDBACK marks a function of a file that gives the engines
 * feedback as giving none: the lookups (binary searches, sort comparators)
 * that the oracles call for every page they check. Their comparisons say
 * nothing about the path the input took, only cost a callback each, and
 * would fill the engines' comparison tables with addresses.
 */
#ifndef _VMBIND_NO_FEEDBACK_H
#define _VMBIND_NO_FEEDBACK_H

#define VMBIND_NO_FEEDBACK __attribute__((no_sanitize("coverage")))

#endif
