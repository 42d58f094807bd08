# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers shared by tools/*. Source it; it sets VMBIND_ROOT (the checkout)
# and VMBIND_TOOL (the calling script's name, for messages).

VMBIND_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VMBIND_TOOL="tools/$(basename "$0")"
export VMBIND_ROOT

# shellcheck source=tools/lib/findings.sh
. "$VMBIND_ROOT/tools/lib/findings.sh"

log() { printf '[%s] %s\n' "$VMBIND_TOOL" "$*" >&2; }
warn() { printf '[%s] warning: %s\n' "$VMBIND_TOOL" "$*" >&2; }
die() {
	printf '[%s] error: %s\n' "$VMBIND_TOOL" "$*" >&2
	exit "${DIE_STATUS:-1}"
}

# usage [STATUS]: print the calling script's header comment (from line 4 to
# the first line that is not a comment) and exit; to stderr if STATUS != 0.
usage() {
	local status="${1:-0}"
	if ((status)); then
		awk 'NR >= 4 { if (!/^#/) exit; sub(/^# ?/, ""); print }' "$0" >&2
	else
		awk 'NR >= 4 { if (!/^#/) exit; sub(/^# ?/, ""); print }' "$0"
	fi
	exit "$status"
}

# Print a command, then run it.
run() {
	printf '[%s] $ %s\n' "$VMBIND_TOOL" "$*" >&2
	"$@"
}

# Parallel build jobs: VMBIND_JOBS, else the number of CPUs.
build_jobs() {
	local n="${VMBIND_JOBS:-}"
	if [[ -z "$n" ]]; then
		n="$(nproc 2>/dev/null || echo 2)"
	fi
	printf '%s\n' "$n"
}

# The presets read KERNEL_SRC from the environment. KERNEL=VERSION (a
# Debian linux-source tree: 7.3, 7.2.13, latest) fetches one with
# tools/get-kernel and uses its path. Make KERNEL_SRC absolute (so it means
# the same thing whatever directory cmake runs in) and check it early.
normalize_kernel_src() {
	if [[ -n "${KERNEL:-}" ]]; then
		[[ -z "${KERNEL_SRC:-}" ]] ||
			die "set KERNEL (a Debian tree, e.g. KERNEL=7.3) or KERNEL_SRC (a path), not both"
		log "kernel tree: KERNEL=$KERNEL (tools/get-kernel $KERNEL)"
		KERNEL_SRC="$("$VMBIND_ROOT/tools/get-kernel" "$KERNEL")" ||
			DIE_STATUS=3 die "cannot get kernel tree $KERNEL (tools/get-kernel failed: see above; 'tools/get-kernel list' shows what is offered)"
		# What this runs (ctest, other tools) sees the path only.
		unset KERNEL
	fi
	if [[ -n "${KERNEL_SRC:-}" ]]; then
		[[ -d "$KERNEL_SRC" ]] ||
			die "KERNEL_SRC=$KERNEL_SRC is not a directory (want the top of a Linux source tree, 6.12 or later)"
		KERNEL_SRC="$(cd "$KERNEL_SRC" && pwd)"
		export KERNEL_SRC
		log "kernel tree: KERNEL_SRC=$KERNEL_SRC"
	else
		export KERNEL_SRC=""
		log "kernel tree: default (Debian linux-source-6.12, extracted into the build directory)"
	fi
}

# configure_preset NAME: cmake --preset NAME, run from the checkout.
configure_preset() {
	(cd "$VMBIND_ROOT" && run cmake --preset "$1")
}

# build_preset NAME [TARGET...]: build all, or just the given targets.
build_preset() {
	local preset="$1"
	shift
	local args=(--build --preset "$preset" -j "$(build_jobs)")
	if (($#)); then
		args+=(--target "$@")
	fi
	(cd "$VMBIND_ROOT" && run cmake "${args[@]}")
}

# preset_has_target PRESET TARGET: does the configured tree define TARGET?
# (Makefile generator: 'help' lists every target. No grep -q: an early
# close would fail cmake with SIGPIPE under pipefail.)
preset_has_target() {
	(cd "$VMBIND_ROOT" && cmake --build --preset "$1" --target help 2>/dev/null) |
		grep -E "^\.\.\. $2( |\$)" >/dev/null
}

# find_binary BUILD_DIR NAME: path of the executable NAME built in BUILD_DIR
# (at its top or in a subdirectory such as harness/); fails if there is none.
find_binary() {
	local f
	f="$(find "$1" -maxdepth 3 -path "$1/CMakeFiles" -prune -o \
		-type f -name "$2" -perm -u+x -print 2>/dev/null | sort | head -n 1)"
	[[ -n "$f" ]] || return 1
	printf '%s\n' "$f"
}

# ---- triage: replay crash files, deduplicate by signature -------------------
# Shared by tools/fuzz (libFuzzer) and tools/fuzz-afl (AFL++). Set
#   TRIAGE_REPRO   the vmbind_repro binary
#   TRIAGE_REPLAY  directory for the replay logs
#   TRIAGE_STAMP   file whose mtime marks the session start (for "new")
# and optionally define triage_fallback FILE LOGNAME (prints a second
# replay's output; TRIAGE_FALLBACK_DESC names it), tried when vmbind_repro
# shows no finding. Then call triage_reset, triage_file per file, and
# triage_table. Results: TRIAGE_COUNT[sig], TRIAGE_BEST[sig] (smallest
# file), TRIAGE_BEST_SIZE[sig], TRIAGE_TOTAL, TRIAGE_NEW.
triage_reset() {
	declare -gA TRIAGE_COUNT=() TRIAGE_BEST=() TRIAGE_BEST_SIZE=()
	TRIAGE_TOTAL=0
	TRIAGE_NEW=0
	export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1"
}

# triage_file FILE KIND [LOGNAME]: replay one file and count its signature.
# KIND (crash, leak, timeout, oom) names it if nothing reproduces it;
# LOGNAME (default: the file's name) names its log in TRIAGE_REPLAY.
triage_file() {
	local f="$1" kind="$2" lname="${3:-$(basename "$1")}" rlog r sig size
	rlog="$TRIAGE_REPLAY/$lname.log"
	r=0
	# (subshell: keeps bash's "Aborted" notices out of the output)
	(timeout -k 5 60 "$TRIAGE_REPRO" "$f" >"$rlog" 2>&1 </dev/null; exit $?) 2>/dev/null || r=$?
	sig="$(signature_of_log "$rlog")"
	if [[ -z "$sig" ]] && ((r != 2)) && declare -F triage_fallback >/dev/null; then
		# Not reproduced standalone (timeouts, leaks, OOMs): run it once
		# under the fuzz binary, which has the same instrumentation.
		{
			echo "== vmbind_repro exit status $r, no finding; replaying with ${TRIAGE_FALLBACK_DESC:-the fuzz target} =="
			(triage_fallback "$f" "$lname" 2>&1 </dev/null; exit $?) 2>/dev/null
		} >>"$rlog" 2>&1 || true
		sig="$(signature_of_log "$rlog")"
	fi
	if [[ -z "$sig" ]]; then
		case "$r" in
		2) sig="repro:io-error ? ?" ;;
		124 | 137) sig="repro:timeout ? ?" ;;
		*) sig="not-reproduced:$kind ? ?" ;;
		esac
	fi
	size="$(stat -c %s "$f")"
	TRIAGE_TOTAL=$((TRIAGE_TOTAL + 1))
	if [[ -n "${TRIAGE_STAMP:-}" && "$f" -nt "$TRIAGE_STAMP" ]]; then
		TRIAGE_NEW=$((TRIAGE_NEW + 1))
	fi
	TRIAGE_COUNT[$sig]=$((${TRIAGE_COUNT[$sig]:-0} + 1))
	if [[ -z "${TRIAGE_BEST[$sig]:-}" ]] || ((size < TRIAGE_BEST_SIZE[$sig])); then
		TRIAGE_BEST[$sig]="$f"
		TRIAGE_BEST_SIZE[$sig]="$size"
	fi
}

# rel PATH: PATH relative to the checkout when inside it.
rel() {
	local p="$1"
	[[ "$p" == "$VMBIND_ROOT/"* ]] && p="${p#"$VMBIND_ROOT/"}"
	printf '%s' "$p"
}

# triage_table: "distinct findings: N", then one line per signature (most
# frequent first): signature, count, smallest reproducer.
triage_table() {
	local w=9 s n
	echo "distinct findings: ${#TRIAGE_COUNT[@]}"
	((${#TRIAGE_COUNT[@]})) || return 0
	for s in "${!TRIAGE_COUNT[@]}"; do ((${#s} > w)) && w=${#s}; done
	echo
	printf '%-*s  %5s  %s\n' "$w" "SIGNATURE" "COUNT" "REPRODUCER (smallest)"
	for s in "${!TRIAGE_COUNT[@]}"; do
		printf '%s\t%s\n' "${TRIAGE_COUNT[$s]}" "$s"
	done | sort -t "$(printf '\t')" -k1,1nr -k2,2 | while IFS="$(printf '\t')" read -r n s; do
		printf '%-*s  %5s  %s (%s bytes)\n' "$w" "$s" "$n" "$(rel "${TRIAGE_BEST[$s]}")" "${TRIAGE_BEST_SIZE[$s]}"
	done
	echo
	echo "Replay one: $(rel "$TRIAGE_REPRO") -v FILE   (logs: $(rel "$TRIAGE_REPLAY")/)"
}

# ---- end of a fuzzing session (tools/fuzz, tools/fuzz-afl) -----------------
# session_finish FINDINGS ENGINE_OK INTERRUPTED TITLE LINE...: writes the
# summary (title, date, commit, kernel, the engine's LINEs, the triage
# table) to FINDINGS and prints it, then exits: 4 the engine failed, 130
# interrupted, else 0 (findings are results, not failures).
session_finish() {
	local findings=$1 engine_ok=$2 interrupted=$3 title=$4
	shift 4
	{
		echo "$title"
		echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
		echo "commit:    $(git -C "$VMBIND_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
		echo "kernel:    ${KERNEL_SRC:-default (linux-source-6.12)}"
		printf '%s\n' "$@"
		triage_table
	} >"$findings"
	echo
	cat "$findings"
	log "summary written to $findings"
	((engine_ok)) || exit 4
	((!interrupted)) || exit 130
	exit 0
}

# pick_binary ENV_VALUE PRESET NAME: ENV_VALUE if set (it must be an
# executable), else NAME from build/PRESET; dies with how to build it.
pick_binary() {
	if [[ -n "$1" ]]; then
		[[ -x "$1" ]] || die "$1 is not an executable"
		realpath "$1"
	else
		find_binary "$VMBIND_ROOT/build/$2" "$3" ||
			die "no $3 in build/$2; build it: cmake --preset $2 && cmake --build --preset $2 --target $3"
	fi
}
