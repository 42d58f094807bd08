#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tools/coverage on the seed corpus (run by tests/coverage_tool.cmake):
#
#   coverage_tool.sh ROOT OUTDIR KERNEL_VERSION
#
# Wants OUTDIR/html/index.html, a report.txt, and a functions.txt that lists
# io-pgtable-arm.c and io-pgtable.c with __arm_lpae_map reached (and, on
# Linux 6.12, arm_lpae_split_blk_unmap NOT reached: the harness maps 4K
# pages only, so no block is ever split), plus the prealloc logic of the
# build's mode: targets/seed/seed_msm.c's seed_prealloc_allocate reached (seed
# mode) or drivers/gpu/drm/msm/msm_iommu.c's
# msm_iommu_pagetable_prealloc_allocate reached (kernel mode).
set -euo pipefail
root="$1"
out="$2"
kver="$3"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

rm -rf "$out"
bash "$root/tools/coverage" --out "$out" "$root/corpus"

f="$out/functions.txt"
[[ -s "$out/html/index.html" ]] || fail "no $out/html/index.html"
[[ -s "$out/report.txt" ]] || fail "no $out/report.txt"
[[ -s "$f" ]] || { fail "no $f"; exit 1; }

# section FILE: the function lines of one file's section.
section() { awk -v h="== $1:" 'index($0, h) == 1 { on = 1; next } /^== / { on = 0 } on' "$f"; }
reached() {
	section "$1" | grep -qE "^ +reached +[0-9]+ +$2\$" || fail "$1: $2 not listed as reached"
}
not_reached() {
	section "$1" | grep -qE "^ +NOT reached +0 +$2\$" || fail "$1: $2 not listed as NOT reached"
}

arm=drivers/iommu/io-pgtable-arm.c
grep -q "^== $arm: lines " "$f" || fail "no section for $arm"
grep -q "^== drivers/iommu/io-pgtable.c: lines " "$f" || fail "no section for drivers/iommu/io-pgtable.c"
reached "$arm" __arm_lpae_map
reached "$arm" arm_lpae_map_pages
if [[ "$kver" == 6.12.* || "$kver" == 6.12 ]]; then
	not_reached "$arm" arm_lpae_split_blk_unmap
fi
mode="$(sed -nE 's/.*prealloc mode: ([a-z]+).*/\1/p' "$f" | head -n 1)"
case "$mode" in
seed)
	reached targets/seed/seed_msm.c seed_prealloc_allocate
	grep -q '^== drivers/gpu/drm/msm/msm_iommu.c' "$f" && fail "msm_iommu.c listed in seed mode"
	;;
kernel)
	reached drivers/gpu/drm/msm/msm_iommu.c msm_iommu_pagetable_prealloc_allocate
	;;
*) fail "functions.txt names no prealloc mode" ;;
esac

grep '^== ' "$f"
if ((fails)); then
	echo "$fails check(s) failed; summary in $f" >&2
	exit 1
fi
echo "coverage tool: ok ($mode mode, Linux $kver)"
