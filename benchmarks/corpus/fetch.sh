#!/usr/bin/env bash
# The encoder study's corpus (benchmarks/corpus/README.md): photographs from three Debian packages
# of test data and sample data, pinned by version and sha256 (package and every file taken), fetched
# once with `apt-get download` into a cache directory; two high-ISO shots made from two of them
# (benchmarks/sharp/corpus.mjs, seeded); the drawn text and line art committed beside this script.
#   benchmarks/corpus/fetch.sh            prints the corpus folder (made on first use)
# Cache: $IMAGEOPT_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/imageopt)/encoder-corpus.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${IMAGEOPT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/imageopt}/encoder-corpus"
out="$cache/images"
stamp="$out/.complete-v2"
if [ -f "$stamp" ]; then echo "$out"; exit 0; fi

# package=version  sha256 of the .deb
debs=(
  "python3-skimage=0.19.3-8 728d88c3e3440f1f3712de0805dc834d29248ff07e1eec8c0f3da07606f752f9"
  "python-matplotlib-data=3.6.3-1 e4150fcebd35ea11e0f66268da97ce62f98a4cf530c944f755f241da1a9158f9"
  "libjxl-testdata=0.0~git20230110.d6168ff-1 a58523413f486760a0f3cbc931142a27e3aa25f77315b862046f089ed34aa2c7"
)
# package  path in it  name in the corpus  sha256 of the file
sk=usr/lib/python3/dist-packages/skimage/data
jx=usr/share/libjxl-testdata
files=(
  "python3-skimage $sk/astronaut.png skimage-astronaut.png 88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"
  "python3-skimage $sk/chelsea.png skimage-chelsea.png 596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb"
  "python3-skimage $sk/coffee.png skimage-coffee.png cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7"
  "python3-skimage $sk/rocket.jpg skimage-rocket.jpg c2dd0de7c538df8d111e479619b129464d0269d0ae5fd18ca91d33a7fdfea95c"
  "python3-skimage $sk/hubble_deep_field.jpg skimage-hubble-deep-field.jpg 3a19c5dd8a927a9334bb1229a6d63711b1c0c767fb27e2286e7c84a3e2c2f5f4"
  "python3-skimage $sk/camera.png skimage-camera.png b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a"
  "python3-skimage $sk/retina.jpg skimage-retina.jpg 38a07f36f27f095e818aea7b96d34202c05176d30253c66733f2e00379e9e0e6"
  "python3-skimage $sk/text.png skimage-text.png bd84aa3a6e3c9887850d45d606c96b2e59433fbef50338570b63c319e668e6d1"
  "python3-skimage $sk/gravel.png skimage-gravel.png c48615b451bf1e606fbd72c0aa9f8cc0f068ab7111ef7d93bb9b0f2586440c12"
  "python3-skimage $sk/brick.png skimage-brick.png 7966caf324f6ba843118d98f7a07746d22f6a343430add0233eca5f6eaaa8fcf"
  "python3-skimage $sk/ihc.png skimage-ihc.png f8dd1aa387ddd1f49d8ad13b50921b237df8e9b262606d258770687b0ef93cef"
  "python-matplotlib-data usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg matplotlib-grace-hopper.jpg a8ca6d734765703b09728ab47fe59f473d93ae3967fc24c7c0288c3c7adb7130"
  "libjxl-testdata $jx/jxl/flower/flower.png jxl-flower.png 06fe0af7a5c790d2932a40e2d76b0d91aa6e73f3e55cc3f97ea6afae0133c2e7"
  "libjxl-testdata $jx/jxl/flower/flower_alpha.png jxl-flower-alpha.png e877c5e420e37d3ff369796410f244e73389d4a81c082681fd91af37e50c03df"
  "libjxl-testdata $jx/external/wesaturate/500px/tmshre_riaphotographs_srgb8.png wesaturate-riaphotographs.png b490de2143a336aff26a7ce4ee010f18dece53c3b0802cda76c1796daa5f32a0"
  "libjxl-testdata $jx/external/wesaturate/500px/tmshre_riaphotographs_alpha.png wesaturate-riaphotographs-alpha.png 71139b97f4d1f76a8fa911cd191daa9434c43f9817f18fb2216d2a0b6a598df7"
  "libjxl-testdata $jx/external/wesaturate/500px/cvo9xd_keong_macan_srgb8.png wesaturate-keong-macan.png f4e2d8da468a4f6bfd3a651a7f0a24c2b883e7f398b326c0e77a9dab42fb5322"
  "libjxl-testdata $jx/external/wesaturate/500px/u76c0g_bliznaca_srgb8.png wesaturate-bliznaca.png 9631423e430c1682fca3c2212adc6ae046df8839d22dfaa8b662761f34b6f711"
)
# made from a corpus file: name  from  seed  sha256
high_iso=(
  "highiso-jxl-flower.png jxl-flower.png 1 5e4634629314887054d42e315d0302f16f1ccc9d74ad3063199608b13181ca17"
  "highiso-skimage-coffee.png skimage-coffee.png 2 8d67f72b2d90f2cc1518cda3979b8ab1b9a1b4b1cfce831149d0a196b78842f7"
  "highiso-matplotlib-grace-hopper.png matplotlib-grace-hopper.jpg 3 40df70cb919c9f83f2f79559d6b2662f57acf9a94e33ed0ef853755843fb9033"
)

check() { # FILE SHA256
  local got; got="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$got" = "$2" ] || { echo "fetch.sh: $1 has sha256 $got, expected $2" >&2; exit 1; }
}

mkdir -p "$cache/debs" "$out"
for d in "${debs[@]}"; do
  read -r spec sum <<<"$d"
  pkg="${spec%%=*}" version="${spec#*=}"
  deb="$(ls "$cache/debs/${pkg}_"*.deb 2>/dev/null | head -1 || true)"
  if [ -z "$deb" ]; then
    echo "fetch.sh: apt-get download $spec (once; needs 'apt-get update' to have run)" >&2
    # apt's "unsandboxed as root" warning is noise here; any other message is shown
    (cd "$cache/debs" && apt-get download -q "$spec" >&2 2>"$cache/apt.log") \
      || { cat "$cache/apt.log" >&2; echo "fetch.sh: could not download $spec: run 'apt-get update' first, or the archive no longer serves this version" >&2; exit 1; }
    grep -v unsandboxed "$cache/apt.log" >&2 || true
    deb="$(ls "$cache/debs/${pkg}_"*.deb | head -1)"
  fi
  check "$deb" "$sum"
  rm -rf "$cache/x/$pkg" && mkdir -p "$cache/x/$pkg" && dpkg-deb -x "$deb" "$cache/x/$pkg"
done
for f in "${files[@]}"; do
  read -r pkg path name sum <<<"$f"
  check "$cache/x/$pkg/$path" "$sum"
  cp "$cache/x/$pkg/$path" "$out/$name"
done
rm -rf "$cache/x"
cp "$here"/drawn/*.png "$out/"
root="$(cd "$here/../.." && pwd)"
if [ ! -d "$root/benchmarks/sharp/node_modules/sharp" ]; then
  (cd "$root/benchmarks/sharp" && npm ci --silent --no-audit --no-fund >&2)
fi
for h in "${high_iso[@]}"; do
  read -r name from seed sum <<<"$h"
  node "$root/benchmarks/sharp/corpus.mjs" high-iso "$out/$from" "$out/$name" "$seed"
  check "$out/$name" "$sum" # the same on every machine: seeded noise, Sharp and its libvips pinned
done
touch "$stamp"
echo "$out"
