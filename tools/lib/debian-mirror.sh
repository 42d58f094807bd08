# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# A private apt view of the system's Debian mirror, for tools/get-kernel:
# its own sources, lists, cache and (empty) dpkg status under one directory,
# so nothing the system has configured or installed changes. The system's
# apt.conf.d still applies (proxies). Source after tools/lib/common.sh.

DEBIAN_SUITES_DEFAULT="bookworm bookworm-backports trixie trixie-backports sid experimental"

# The first Debian archive (not -security) of the system's apt sources, as
# "URI KEYRING". Deb822 (*.sources) and one-line (*.list) forms.
mirror_from_apt_sources() {
	local etc="${VMBIND_APT_ETC:-/etc/apt}" f
	for f in "$etc"/sources.list.d/*.sources; do
		[[ -f "$f" ]] || continue
		awk '
			function flush() {
				if (types ~ /(^| )deb( |$)/ && enabled != "no" &&
				    suites ~ /(^| )(bookworm|trixie|forky|duke|sid|unstable|stable|testing|bullseye)(-updates|-backports)?( |$)/ &&
				    uri != "" && !found) {
					found = 1
					print uri, (signed == "" ? "-" : signed)
				}
				types = uri = suites = signed = enabled = ""
			}
			/^[ \t]*#/ { next }
			/^[ \t]*$/ { flush(); next }
			{
				key = tolower($1); sub(/:$/, "", key)
				val = $0; sub(/^[^:]*:[ \t]*/, "", val)
				if (key == "types") types = val
				else if (key == "uris") { split(val, u, " "); uri = u[1] }
				else if (key == "suites") suites = val
				else if (key == "signed-by") signed = val
				else if (key == "enabled") enabled = tolower(val)
			}
			END { flush() }' "$f"
	done | head -n 1 | grep . && return 0
	for f in "$etc"/sources.list "$etc"/sources.list.d/*.list; do
		[[ -f "$f" ]] || continue
		awk '
			$1 != "deb" { next }
			{
				signed = "-"; i = 2
				if ($2 ~ /^\[/) {
					for (; i <= NF; i++) {
						if ($i ~ /signed-by=/) { s = $i; sub(/.*signed-by=/, "", s); sub(/\]$/, "", s); signed = s }
						if ($i ~ /\]$/) { i++; break }
					}
				}
				uri = $i; suite = $(i + 1)
				if (suite ~ /^(bookworm|trixie|forky|duke|sid|unstable|stable|testing|bullseye)(-updates|-backports)?$/) {
					print uri, signed; exit
				}
			}' "$f"
	done | head -n 1 | grep .
}

# mirror_setup STATE_DIR: sets MIRROR_URI, MIRROR_SUITES, APT_OPTS and
# writes the private sources. Returns 4 when no mirror can be found.
mirror_setup() {
	local state="$1" uri keyring line
	if [[ -n "${VMBIND_KERNEL_MIRROR:-}" ]]; then
		uri="$VMBIND_KERNEL_MIRROR"
		keyring="${VMBIND_KERNEL_KEYRING:-}"
	else
		line="$(mirror_from_apt_sources)" || {
			warn "no Debian archive found in ${VMBIND_APT_ETC:-/etc/apt}/sources.list{,.d/*} (set VMBIND_KERNEL_MIRROR=URI)"
			return 4
		}
		uri="${line%% *}"
		keyring="${VMBIND_KERNEL_KEYRING:-${line#* }}"
		# Signed-By may hold a key block rather than a file: use the default.
		[[ "$keyring" == /* && -f "$keyring" ]] || keyring=""
	fi
	[[ -n "$keyring" ]] || keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	[[ -f "$keyring" ]] || {
		warn "the keyring $keyring does not exist (apt-get install debian-archive-keyring, or set VMBIND_KERNEL_KEYRING)"
		return 4
	}
	MIRROR_URI="$uri"
	MIRROR_SUITES="${VMBIND_KERNEL_SUITES:-$DEBIAN_SUITES_DEFAULT}"
	mkdir -p "$state/sources" "$state/prefs" "$state/state/lists/partial" \
		"$state/cache/archives/partial"
	: >>"$state/status"
	printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
		"$uri" "$MIRROR_SUITES" "$keyring" >"$state/sources.new"
	# Lists of another mirror or other suites are not ours any more.
	if ! cmp -s "$state/sources.new" "$state/sources/vmbind.sources"; then
		rm -rf "$state/state/lists"
		mkdir -p "$state/state/lists/partial"
		mv "$state/sources.new" "$state/sources/vmbind.sources"
	else
		rm -f "$state/sources.new"
	fi
	MIRROR_STATE="$state"
	APT_OPTS=(
		-o "Dir::Etc::SourceList=/dev/null"
		-o "Dir::Etc::SourceParts=$state/sources"
		-o "Dir::Etc::Preferences=/dev/null"
		-o "Dir::Etc::PreferencesParts=$state/prefs"
		-o "Dir::State=$state/state"
		-o "Dir::State::status=$state/status"
		-o "Dir::Cache=$state/cache"
		-o "Debug::NoLocking=1"
		-o "Acquire::Languages=none"
	)
	# Root's downloads into a private directory would be refused to _apt.
	if ((EUID == 0)); then
		APT_OPTS+=(-o "APT::Sandbox::User=root")
	fi
}

# mirror_lists_fresh SECONDS: lists downloaded less than SECONDS ago.
mirror_lists_fresh() {
	local newest
	newest="$(find "$MIRROR_STATE/state/lists" -maxdepth 1 -name '*Release' -printf '%T@\n' 2>/dev/null |
		sort -n | tail -n 1)"
	[[ -n "$newest" ]] && (($(date +%s) - ${newest%.*} < $1))
}

mirror_update() {
	apt-get "${APT_OPTS[@]}" -q --error-on=any update >&"${MIRROR_OUT_FD:-2}"
}

# "PACKAGE VERSION SUITE" for every linux-source-X.Y version, newest first.
mirror_offers() {
	local pkg ver suite rest lines=() pkgs=()
	while read -r pkg; do
		[[ "$pkg" =~ ^linux-source-[0-9]+\.[0-9]+$ ]] && pkgs+=("$pkg")
	done < <(apt-cache "${APT_OPTS[@]}" pkgnames linux-source- 2>/dev/null | sort)
	((${#pkgs[@]})) || return 0
	while IFS='|' read -r pkg ver rest; do
		pkg="${pkg// /}" ver="${ver// /}"
		suite="$(awk '{ print $2 }' <<<"$rest")"
		lines+=("$pkg $ver ${suite%%/*}")
	done < <(apt-cache "${APT_OPTS[@]}" madison "${pkgs[@]}" 2>/dev/null)
	# Insertion sort by Debian version, newest first; one line per version.
	local sorted=() l i j
	for l in "${lines[@]}"; do
		ver="${l#* }" ver="${ver%% *}"
		for i in "${!sorted[@]}"; do
			j="${sorted[i]#* }" j="${j%% *}"
			[[ "$j" == "$ver" ]] && continue 2
		done
		i=0
		while ((i < ${#sorted[@]})); do
			j="${sorted[i]#* }" j="${j%% *}"
			dpkg --compare-versions "$ver" gt "$j" && break
			i=$((i + 1))
		done
		sorted=("${sorted[@]:0:i}" "$l" "${sorted[@]:i}")
	done
	((${#sorted[@]})) && printf '%s\n' "${sorted[@]}"
	return 0
}

# mirror_field PACKAGE VERSION FIELD: one field of the package's record.
mirror_field() {
	apt-cache "${APT_OPTS[@]}" show "$1=$2" 2>/dev/null | sed -n "s/^$3: //p" | head -n 1
}

# mirror_download DIR PACKAGE VERSION: the .deb into DIR (apt checks it
# against the signed lists).
mirror_download() {
	(cd "$1" && apt-get "${APT_OPTS[@]}" -q download "$2=$3" >&"${MIRROR_OUT_FD:-2}")
}

# The upstream release of a Debian version: 7.3.4-1~bpo13+1 -> 7.3.4,
# 7.3~rc7-1~exp1 -> 7.3-rc7.
debian_release() {
	local v="${1#*:}"
	v="${v%-*}"
	printf '%s\n' "${v//\~/-}"
}
