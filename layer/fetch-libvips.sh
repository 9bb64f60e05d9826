#!/usr/bin/env bash
# Fetches the pinned libvips packages with npm, checks each tarball against the sha512 in
# libvips.lock, and unpacks it under layer/target/libvips/<name>/. Runs once: a package whose
# unpacked copy carries a stamp of the same integrity is not fetched again (offline rebuilds).
#   fetch-libvips.sh linux-x64 [linux-arm64] [dev]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/target/libvips"
mkdir -p "$out/tgz"

for name in "$@"; do
  line=$(awk -v p="@img/sharp-libvips-$name" '$1 == p {print $2, $3}' "$here/libvips.lock")
  [ -n "$line" ] || { echo "fetch-libvips: '$name' is not pinned in libvips.lock" >&2; exit 1; }
  read -r version integrity <<<"$line"
  dest="$out/$name"
  if [ -f "$dest/.integrity" ] && [ "$(cat "$dest/.integrity")" = "$integrity" ]; then
    continue
  fi
  tgz="$out/tgz/img-sharp-libvips-$name-$version.tgz"
  if [ ! -f "$tgz" ]; then
    echo "fetch-libvips: npm pack @img/sharp-libvips-$name@$version"
    (cd "$out/tgz" && npm pack --silent --prefer-offline "@img/sharp-libvips-$name@$version" >/dev/null)
  fi
  actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    rm -f "$tgz"
    echo "fetch-libvips: checksum mismatch for @img/sharp-libvips-$name@$version" >&2
    echo "  pinned $integrity" >&2
    echo "  got    $actual" >&2
    exit 1
  fi
  rm -rf "$dest" && mkdir -p "$dest"
  tar -xzf "$tgz" -C "$dest" --strip-components=1
  echo "$integrity" > "$dest/.integrity"
  echo "fetch-libvips: $name $version verified and unpacked in $dest"
done
