#!/usr/bin/env bash
# The issue-13 SVG (4 KB: a 4000x4000 canvas, 50 chained feGaussianBlur) against the local edge:
# how long its miss takes to be answered, whether a sample is served meanwhile, the CPU the edge
# process uses in the 5 s after the answer (from /proc/$pid/stat), and its peak RSS (VmHWM).
#   local/measure/svg-budget.sh [--transform-timeout-ms MS]     (default: the service's 20000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
budget="${2:-20000}"
port="${PORT:-18089}"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/bombs"
{
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><filter id="f" x="0" y="0" width="1" height="1">'
  printf '<feGaussianBlur in="SourceGraphic" stdDeviation="20" result="b0"/>'
  for i in $(seq 1 49); do printf '<feGaussianBlur in="b%d" stdDeviation="20" result="b%d"/>' $((i - 1)) "$i"; done
  printf '</filter><rect width="4000" height="4000" fill="red" filter="url(#f)"/></svg>'
} > "$work/bombs/blur50.svg"
echo "svg: $(wc -c < "$work/bombs/blur50.svg") bytes; budget $budget ms"

cp "$root/samples/images/calla.png" "$work/bombs/"
# the launcher builds what it must, then execs the JVM: $! is the edge process
"$root/imageopt" local --port "$port" --data "$work/data" --originals "$work/bombs" --samples none \
  --transform-timeout-ms "$budget" > "$work/edge.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do grep -q "serving on" "$work/edge.log" && break; sleep 0.5; done
base="http://127.0.0.1:$port"

cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # utime + stime, clock ticks
tick=$(getconf CLK_TCK)

curl -s -D "$work/svg.headers" -o "$work/svg.body" -w 'svg miss: %{http_code} after %{time_total} s\n' "$base/images/bombs/blur50.svg?format=png" &
svg=$!
# the renderer's peak RSS, sampled every 0.2 s while the miss runs
( peak=0; while kill -0 "$svg" 2>/dev/null; do
    for c in $(pgrep -P "$pid"); do
      r=$(awk '/VmRSS/ {print $2}' "/proc/$c/status" 2>/dev/null || echo 0); [ "${r:-0}" -gt "$peak" ] && peak=$r
    done; echo "$peak" > "$work/child.peak"; sleep 0.2
  done ) &
sleep 2
curl -s -o /dev/null -w 'meanwhile, another miss (calla.png to WebP): %{http_code} after %{time_total} s\n' "$base/images/bombs/calla.png?format=webp&width=300"
wait "$svg"
grep -iE '^(retry-after|content-type):' "$work/svg.headers" | tr -d '\r' | sed 's/^/  /'
echo "  detail: $(tr -d '\n' < "$work/svg.body" | sed 's/.*"detail":"\([^"]*\)".*/\1/')"
echo "SVG renderer process peak RSS (sampled): $(cat "$work/child.peak" 2>/dev/null || echo 0) kB"
c0=$(cpu); sleep 5; c1=$(cpu)
echo "CPU of the edge process in the 5 s after the answer: $(( (c1 - c0) * 1000 / tick )) ms"
echo "child processes left: $(pgrep -P "$pid" | wc -l)"
grep -E 'VmHWM|VmRSS' "/proc/$pid/status" | tr -s ' ' | sed 's/^/edge process /'
