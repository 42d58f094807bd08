#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tools/get-kernel against a local, signed Debian-style mirror made here
# (throwaway gpg key, file: URI): the mirror read from apt sources, list,
# version resolution, the extract holding only kernel/tree-files.txt's
# files, the cache, and every failure leaving nothing half-written: not
# offered, no network, corrupt and truncated downloads, an interrupted
# extraction, a full disk (a file-size limit), a leftover work directory.
#   test_get_kernel.sh ROOT CASE      (CASE: see the case list at the end)
set -u
root=$1 case=$2
gk="$root/tools/get-kernel"
work="$(mktemp -d)"
trap '[[ -n ${VMBIND_TEST_KEEP:-} ]] || rm -rf "$work"' EXIT
fail=0
check() { # check DESCRIPTION COMMAND...
	if "${@:2}"; then
		echo "ok   $1"
	else
		echo "FAIL $1"
		fail=$((fail + 1))
	fi
}

# ---- the mirror ------------------------------------------------------------
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch -q --passphrase '' --quick-gen-key "vmbind test <test@invalid>" default default never 2>/dev/null ||
	{ echo "FAIL: gpg cannot make a key"; exit 1; }
gpg --batch -q --export >"$work/keyring.gpg"

# make_pkg SUITE SERIES VERSION [BIG]: a linux-source-SERIES .deb in the
# suite's pool.
make_pkg() {
	local suite="$1" series="$2" ver="$3" big="${4:-}" top d rel
	rel="${ver%-*}"
	top="$work/src/linux-source-$series"
	rm -rf "$work/src" "$work/pkg"
	mkdir -p "$top/drivers/iommu" "$top/include/linux" "$top/drivers/net" \
		"$work/pkg/DEBIAN" "$work/pkg/usr/src" "$work/mirror/pool/$suite"
	printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = %s\n' \
		"${rel%%.*}" "$(cut -d. -f2 <<<"${rel%%~*}")" "$(cut -d. -f3 <<<"$rel.0")" >"$top/Makefile"
	for f in drivers/iommu/io-pgtable-arm.c drivers/iommu/io-pgtable-arm.h \
		drivers/iommu/io-pgtable.c drivers/iommu/iommu-pages.h \
		include/linux/io-pgtable.h drivers/net/not-needed.c; do
		echo "/* $f of $ver */" >"$top/$f"
	done
	# Compresses to nothing, unpacks to 4 MiB: for the disk-full case.
	[[ -n "$big" ]] && head -c 4194304 /dev/zero >>"$top/drivers/iommu/io-pgtable.c"
	tar -C "$work/src" -cJf "$work/pkg/usr/src/linux-source-$series.tar.xz" "linux-source-$series"
	cat >"$work/pkg/DEBIAN/control" <<-EOF
		Package: linux-source-$series
		Version: $ver
		Architecture: all
		Maintainer: vmbind test <test@invalid>
		Description: test kernel source $ver
	EOF
	d="$work/mirror/pool/$suite/linux-source-${series}_${ver}_all.deb"
	dpkg-deb -Zxz --root-owner-group -b "$work/pkg" "$d" >/dev/null
	printf '%s\n' "$d"
}

# index SUITE: the suite's Packages, Release and signed InRelease.
index() {
	local suite="$1" dir="$work/mirror/dists/$1"
	mkdir -p "$dir/main/binary-amd64"
	(cd "$work/mirror" && dpkg-scanpackages -m "pool/$suite" /dev/null 2>/dev/null) \
		>"$dir/main/binary-amd64/Packages"
	{
		printf 'Origin: test\nSuite: %s\nCodename: %s\nArchitectures: amd64 all\nComponents: main\n' "$suite" "$suite"
		printf 'Date: %s\nSHA256:\n' "$(date -u -R)"
		printf ' %s %s main/binary-amd64/Packages\n' \
			"$(sha256sum <"$dir/main/binary-amd64/Packages" | cut -d' ' -f1)" \
			"$(stat -c %s "$dir/main/binary-amd64/Packages")"
	} >"$dir/Release"
	gpg --batch -q --yes --clearsign -o "$dir/InRelease" "$dir/Release"
}

a="$(make_pkg bookworm 9.1 9.1.2-1)"
b="$(make_pkg trixie 9.1 9.1.3-1)"
c="$(make_pkg trixie 9.2 9.2~rc1-1~exp1)"
index bookworm
index trixie

# The system's apt sources, as get-kernel reads them: a -security archive
# first (never used), then the mirror.
mkdir -p "$work/etc/sources.list.d"
cat >"$work/etc/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: file:$work/nonexistent-security
Suites: bookworm-security
Components: main

Types: deb
URIs: file:$work/mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: $work/keyring.gpg
EOF
export VMBIND_APT_ETC="$work/etc" VMBIND_KERNEL_SUITES="bookworm trixie"
export VMBIND_KERNEL_CACHE="$work/cache"
unset VMBIND_KERNEL_MIRROR VMBIND_KERNEL_KEYRING

run_gk() { "$gk" "$@" >"$work/out" 2>"$work/err"; }
nothing_half_written() {
	! compgen -G "$work/cache/.work-*" >/dev/null
}

case "$case" in
list)
	check "list exits 0" run_gk list
	check "list names the mirror's versions, newest first" \
		diff <(awk 'NR > 1 { print $1, $2, $3 }' "$work/out") - <<-EOF
			linux-source-9.2 9.2~rc1-1~exp1 trixie
			linux-source-9.1 9.1.3-1 trixie
			linux-source-9.1 9.1.2-1 bookworm
		EOF
	check "the mirror comes from the apt sources" grep -q "file:$work/mirror" "$work/err"
	;;
fetch)
	check "9.1 is fetched" run_gk 9.1
	dest="$work/cache/linux-9.1.3"
	check "the path printed is the cache's linux-9.1.3" [ "$(cat "$work/out")" == "$dest" ]
	check "the stamp names the package version and suite" \
		grep -qx 'version=9.1.3-1' "$dest/.vmbind-kernel"
	check "the stamp has the .deb's sha256" \
		grep -qx "sha256=$(sha256sum <"$b" | cut -d' ' -f1)" "$dest/.vmbind-kernel"
	check "the required files are there" [ -f "$dest/drivers/iommu/io-pgtable-arm.c" ]
	check "files the build does not read are not" [ ! -e "$dest/drivers/net/not-needed.c" ]
	check "it is the 9.1.3 tree" grep -q 9.1.3-1 "$dest/drivers/iommu/io-pgtable.c"
	check "nothing is left in the work area" nothing_half_written
	check "a second request is served from the cache" run_gk 9.1
	check "... and says so" grep -q cached "$work/err"
	check "the exact release 9.1.2 is fetched" run_gk 9.1.2
	check "... into linux-9.1.2" [ "$(cat "$work/out")" == "$work/cache/linux-9.1.2" ]
	check "the Debian version 9.1.2-1 resolves to the same tree" run_gk 9.1.2-1
	check "latest is the newest release, not the candidate" run_gk latest
	check "... 9.1.3" [ "$(cat "$work/out")" == "$dest" ]
	check "a series with only a candidate gives it" run_gk 9.2
	check "... linux-9.2-rc1" [ "$(cat "$work/out")" == "$work/cache/linux-9.2-rc1" ]
	check "path VERSION answers from the cache" run_gk path 9.1
	check "... the newest cached 9.1" [ "$(cat "$work/out")" == "$dest" ]
	check "--offline uses the cache" run_gk --offline 9.1.2
	;;
new-files)
	check "9.1 is fetched" run_gk 9.1
	dest="$work/cache/linux-9.1.3"
	check "a file the list does not name is not extracted" [ ! -e "$dest/drivers/net/not-needed.c" ]
	# The list grows: one file the package has, one it lacks.
	{
		cat "$root/targets/tree-files.txt"
		echo "optional drivers/net/not-needed.c"
		echo "optional drivers/net/nowhere.c"
	} >"$work/tree-files.txt"
	VMBIND_TREE_FILES="$work/tree-files.txt" run_gk 9.1
	check "the grown list extracts the tree again" [ $? == 0 ]
	check "... and says why" grep -q 'extracting again' "$work/err"
	check "... the newly listed file is there" grep -q 9.1.3-1 "$dest/drivers/net/not-needed.c"
	check "... the one the package lacks is recorded absent" \
		grep -qx 'absent=drivers/net/nowhere.c' "$dest/.vmbind-kernel"
	check "... nothing half-written" nothing_half_written
	VMBIND_TREE_FILES="$work/tree-files.txt" run_gk 9.1
	check "with the same list, the tree is served from the cache" grep -q '^.*cached: ' "$work/err"
	check "... not extracted again" bash -c "! grep -q 'extracting' '$work/err'"
	;;
not-offered)
	run_gk 9.9
	check "exit 3 when the version is not offered" [ $? == 3 ]
	check "the error says what is offered" grep -q '9.1 (9.1.3-1, 9.1.2-1)' "$work/err"
	check "nothing is written to the cache" [ ! -e "$work/cache/linux-9.9" ]
	;;
no-network)
	# A closed loopback port: nothing listens there.
	VMBIND_KERNEL_MIRROR=http://127.0.0.1:9/debian VMBIND_KERNEL_KEYRING="$work/keyring.gpg" run_gk 9.1
	check "exit 4 when the mirror cannot be reached" [ $? == 4 ]
	check "the error names the mirror" grep -q '127.0.0.1:9' "$work/err"
	check "nothing half-written" nothing_half_written
	# With the tree cached, an unreachable mirror falls back to it.
	check "fetch while the mirror is reachable" run_gk 9.1
	VMBIND_KERNEL_MIRROR=http://127.0.0.1:9/debian VMBIND_KERNEL_KEYRING="$work/keyring.gpg" run_gk --refresh 9.1
	check "... then, unreachable, the cached tree is used" [ "$(cat "$work/out")" == "$work/cache/linux-9.1.3" ]
	check "... with a warning" grep -q 'using the cached tree' "$work/err"
	;;
corrupt)
	# Same size, one byte changed, after the signed lists were made.
	printf '\xff' | dd of="$b" bs=1 seek=$(($(stat -c %s "$b") - 100)) conv=notrunc 2>/dev/null
	run_gk 9.1
	check "exit 5 on a corrupt download" [ $? == 5 ]
	check "apt's checksum check caught it" grep -qi 'hash' "$work/err"
	check "no tree in the cache" [ ! -e "$work/cache/linux-9.1.3" ]
	check "nothing half-written" nothing_half_written
	;;
truncated)
	truncate -s $(($(stat -c %s "$b") / 2)) "$b"
	run_gk 9.1
	check "exit 5 on a truncated download" [ $? == 5 ]
	check "no tree in the cache" [ ! -e "$work/cache/linux-9.1.3" ]
	check "nothing half-written" nothing_half_written
	;;
interrupted)
	# dpkg-deb signals get-kernel while the extraction runs.
	mkdir "$work/bin"
	cat >"$work/bin/dpkg-deb" <<-EOF
		#!/bin/sh
		[ "\$1" = --fsys-tarfile ] && kill -TERM \$PPID
		exec /usr/bin/dpkg-deb "\$@"
	EOF
	chmod +x "$work/bin/dpkg-deb"
	PATH="$work/bin:$PATH" run_gk 9.1
	check "exit 5 when interrupted" [ $? == 5 ]
	check "it says nothing was written" grep -q 'interrupted' "$work/err"
	check "no tree in the cache" [ ! -e "$work/cache/linux-9.1.3" ]
	check "nothing half-written" nothing_half_written
	# A run killed outright leaves its work directory: the next one clears it.
	mkdir -p "$work/cache/.work-killed/tree/drivers"
	check "the next run succeeds" run_gk 9.1
	check "... and removes the leftover" nothing_half_written
	;;
disk-full)
	make_pkg trixie 9.1 9.1.4-1 big >/dev/null
	index trixie
	# Writes past 1 MiB fail (EFBIG) as on a full disk.
	(trap '' XFSZ; ulimit -f 1024; exec "$gk" 9.1 >"$work/out" 2>"$work/err")
	check "exit 5 when the extraction cannot write" [ $? == 5 ]
	check "the error says so" grep -q 'extracting' "$work/err"
	check "no tree in the cache" [ ! -e "$work/cache/linux-9.1.4" ]
	check "nothing half-written" nothing_half_written
	;;
one-line-sources)
	rm "$work/etc/sources.list.d/debian.sources"
	echo "deb [signed-by=$work/keyring.gpg] file:$work/mirror bookworm main" >"$work/etc/sources.list"
	check "a one-line sources.list works" run_gk 9.1.2
	check "... with the mirror it names" grep -q "file:$work/mirror" "$work/err"
	;;
no-sources)
	rm "$work/etc/sources.list.d/debian.sources"
	run_gk 9.1
	check "exit 4 without a Debian archive in the apt sources" [ $? == 4 ]
	check "the error says how to name one" grep -q VMBIND_KERNEL_MIRROR "$work/err"
	;;
usage)
	run_gk
	check "no argument: exit 2" [ $? == 2 ]
	run_gk --bogus 9.1
	check "unknown option: exit 2" [ $? == 2 ]
	run_gk --help
	check "--help: exit 0" [ $? == 0 ]
	check "--help prints the usage" grep -q 'tools/get-kernel' "$work/out"
	;;
*)
	echo "unknown case $case"
	exit 2
	;;
esac
if ((fail)); then
	echo "--- stderr of the last run:"
	cat "$work/err"
fi
echo "$case: $fail failure(s)"
((fail == 0))
