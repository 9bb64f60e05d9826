#!/usr/bin/env bash
# First event read + response write with jackson-jr vs jackson-databind, a fresh JVM per run
# (Lambda's java25 flags: C1 only, serial GC). A measurement, not a test.  lambda/measure/json.sh [runs=7]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-7}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
java_home=""
for c in "${IMAGEOPT_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$c" ] && [ -f "$c/release" ] && grep -q '^JAVA_VERSION="25' "$c/release" && { java_home="$c"; break; }
done
"$root/imageopt" mvn -q -pl lambda dependency:build-classpath -Dmdep.outputFile="$tmp/cp" >&2
cp="$(tr ':' '\n' < "$tmp/cp" | grep -E 'jackson-(core|jr-objects|databind|annotations)-2' | sort -u | paste -sd:)"
"$java_home/bin/javac" -d "$tmp/classes" -cp "$cp" "$root/lambda/measure/JsonColdStart.java"
for lib in jr databind; do
  for i in $(seq "$runs"); do
    "$java_home/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$tmp/classes:$cp" JsonColdStart "$lib" \
      "$root/lambda/src/test/resources/events/cloudfront-get.json" | sed 's/.*first=\([0-9.]*\).*/\1/'
  done | sort -n | awk -v l="$lib" '{a[NR]=$1} END {printf "%-9s first read+write, median of %d: %s ms\n", l, NR, a[int((NR+1)/2)]}'
done
