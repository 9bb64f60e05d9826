#!/usr/bin/env bash
# The origin's cold path, phase by phase, in fresh JVMs on the deployable jar alone (a
# measurement, not a test). S3 is S3Proxy in another process on loopback, so the measured JVM
# loads only what Lambda would. Modes: "cold" (init as on-demand Lambda does it, then the first
# event) and "primed" (the SnapStart hook run first: what a restored snapshot no longer pays).
#   lambda/measure/cold-path.sh [runs=5] [cpus=all|1]
# Prints the median of each phase in ms. Lambda's own snapshot restore cannot be measured here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"; cpus="${2:-all}"
tmp="$(mktemp -d)"; trap 'exec 3>&- 2>/dev/null || true; rm -rf "$tmp"' EXIT

java_home=""
for c in "${IMAGEOPT_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$c" ] && [ -f "$c/release" ] && grep -q '^JAVA_VERSION="25' "$c/release" && { java_home="$c"; break; }
done
[ -n "$java_home" ] || { echo "no JDK 25 found" >&2; exit 1; }
java="$java_home/bin/java"

"$root/imageopt" mvn -q -pl lambda -am package -DskipTests >&2
"$root/imageopt" mvn -q -pl lambda test-compile dependency:build-classpath -Dmdep.outputFile="$tmp/testcp" >&2
# the deployable zip, unpacked as Lambda does: every jar under lib/
mkdir -p "$tmp/fn" && (cd "$tmp/fn" && "$java_home/bin/jar" xf "$root/lambda/target/imageopt-lambda.zip")
jar="$tmp/fn/lib/*"
"$java_home/bin/javac" -d "$tmp/classes" -cp "$jar" "$root/lambda/measure/ColdPath.java"

# the original: the sample photograph as a 1600 px JPEG (a typical web original)
photo="$tmp/cat.jpg"
"$java" --enable-native-access=ALL-UNNAMED -cp "$jar" "$root/lambda/measure/ResizeSample.java" \
  "$root/samples/images/aitzgorri_by_Aitzol_Berasategi.jpg" "$photo" 1600 2>/dev/null
sed -e 's#/images/rio/1.jpeg/format=webp,width=300#/cat.jpg/format=webp,width=400#g' \
  "$root/lambda/src/test/resources/events/cloudfront-get.json" > "$tmp/event.json"

mkfifo "$tmp/server-in"
"$java" -cp "$root/lambda/target/test-classes:$root/lambda/target/classes:$(cat "$tmp/testcp")" \
  imageopt.store.LocalS3Main "$photo" < "$tmp/server-in" > "$tmp/endpoint" 2>/dev/null &
exec 3> "$tmp/server-in"
for _ in $(seq 100); do [ -s "$tmp/endpoint" ] && break; sleep 0.1; done
endpoint="$(head -1 "$tmp/endpoint")"

pin=(); [ "$cpus" = 1 ] && pin=(taskset -c 0)
# java25 on Lambda stops tiered compilation at C1 unless SnapStart is on; cold mode uses that
for mode in cold primed; do
  flags=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xshare:auto)
  [ "$mode" = cold ] && flags+=(-XX:TieredStopAtLevel=1)
  for i in $(seq "$runs"); do
    launch=$(date +%s%3N)
    "${pin[@]}" "$java" "${flags[@]}" -cp "$jar:$tmp/classes" ColdPath "$launch" "$endpoint" "$photo" "$mode" "$tmp/event.json" \
      > "$tmp/$mode-$i.txt" 2>/dev/null
  done
  echo "== $mode (median of $runs runs, ms; cpus=$cpus)"
  for phase in $(awk '{print $1}' "$tmp/$mode-1.txt"); do
    sorted=($(cat "$tmp/$mode"-*.txt | awk -v p="$phase" '$1 == p {print $2}' | sort -n))
    n=${#sorted[@]}
    printf '  %-32s %8s\n' "$phase" "${sorted[$(( (n - 1) / 2 ))]}"
  done
done
