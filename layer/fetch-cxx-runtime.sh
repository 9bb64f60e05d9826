#!/usr/bin/env bash
# Fetches the Debian packages pinned in cxx-runtime.lock with `apt-get download`, checks each
# against its sha256, and unpacks it under layer/target/cxx-runtime/<arch>/. apt runs on a sources
# list, package lists and cache of its own under layer/target/cxx-runtime/apt/ (the machine's apt
# set-up is neither read for packages nor changed). Runs once: a package whose unpacked copy
# carries a stamp of the same checksum is not fetched again (offline rebuilds).
# The mirror: IMAGEOPT_DEBIAN_MIRROR, else the machine's Debian mirror, else deb.debian.org.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/target/cxx-runtime"
apt_dir="$out/apt"

mirror() {
  if [ -n "${IMAGEOPT_DEBIAN_MIRROR:-}" ]; then echo "$IMAGEOPT_DEBIAN_MIRROR"; return; fi
  local found=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    # deb822: the first URIs line not of debian-security
    found=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$found" ] && [ -f /etc/apt/sources.list ]; then
    found=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
  fi
  echo "${found:-http://deb.debian.org/debian}"
}

apt_opts=()
apt_ready=false
prepare_apt() {
  $apt_ready && return
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || {
    echo "fetch-cxx-runtime: apt-get and dpkg-deb are needed once to fetch the pinned Debian packages (a Debian or Ubuntu machine)" >&2; exit 1; }
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg arch=amd64,arm64] $(mirror) bullseye main" > "$apt_dir/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=- \
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
  # as root apt drops to the _apt user to download, which cannot write to our directory
  [ "$(id -u)" = 0 ] && apt_opts+=(-o APT::Sandbox::User=root)
  echo "fetch-cxx-runtime: apt-get update ($(cat "$apt_dir/sources.list"))"
  apt-get "${apt_opts[@]}" -qq update
  apt_ready=true
}

mkdir -p "$out/debs"
grep -v '^#' "$here/cxx-runtime.lock" | while read -r package arch version sha256; do
  [ -n "$package" ] || continue
  dest="$out/$arch"
  stamp="$dest/.$package.sha256"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sha256" ]; then
    continue
  fi
  deb="$out/debs/${package}_${version}_${arch}.deb"
  if [ ! -f "$deb" ]; then
    prepare_apt
    echo "fetch-cxx-runtime: apt-get download $package:$arch=$version"
    (cd "$out/debs" && apt-get "${apt_opts[@]}" -qq download "$package:$arch=$version")
  fi
  actual=$(sha256sum "$deb" | cut -d' ' -f1)
  if [ "$actual" != "$sha256" ]; then
    rm -f "$deb"
    echo "fetch-cxx-runtime: checksum mismatch for $package:$arch $version" >&2
    echo "  pinned $sha256" >&2
    echo "  got    $actual" >&2
    exit 1
  fi
  mkdir -p "$dest"
  dpkg-deb -x "$deb" "$dest"
  echo "$sha256" > "$stamp"
  echo "fetch-cxx-runtime: $package:$arch $version verified and unpacked in $dest"
done
