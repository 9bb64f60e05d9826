#!/usr/bin/env bash
# Peak RSS of the local edge under concurrent hits of one large object (issue 13):
#   local/measure/hits-rss.sh [CONCURRENCY=100] [ROUNDS=3] [SIDE=2048]
# A PNG of noise SIDE x SIDE (2048: 16.8 MB) is the only original; its /original is over
# MAX_IMAGE_SIZE, so the first GET stores it in the transformed bucket (a 302 back to itself);
# then ROUNDS x CONCURRENCY GETs, CONCURRENCY at a time, are hits streamed from the bucket.
# Prints the process's VmHWM (peak RSS) before and after the hits, and the statuses seen.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
conc="${1:-100}" rounds="${2:-3}" side="${3:-2048}"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/big"
"$root/imageopt" mvn -q -pl local -am package -DskipTests >&2
java "$root/local/measure/NoisePng.java" "$work/big/noise.png" "$side"
port=$(( 20000 + RANDOM % 20000 ))
"$root/imageopt" local --port "$port" --samples none --originals "$work/big" --data "$work/data" >"$work/edge.log" 2>&1 &
pid=$!
for _ in $(seq 120); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
url="http://127.0.0.1:$port/images/big/noise.png"
first=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -L "$url")
echo "bytes of the object: $(stat -c %s "$work/big/noise.png"); first GET (following its 302): $first"
hwm() { awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }
echo "peak RSS before the hits: $(hwm)"
start=$(date +%s.%N)
for _ in $(seq "$rounds"); do
  seq "$conc" | xargs -P "$conc" -I{} curl -s -o /dev/null -w '%{http_code}\n' "$url" > "$work/codes.$_"
done
secs=$(echo "$(date +%s.%N) - $start" | bc)
echo "statuses: $(cat "$work"/codes.* | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
echo "$((conc * rounds)) hits, $conc at a time, in ${secs}s; peak RSS after the hits: $(hwm)"
