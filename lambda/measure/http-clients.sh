#!/usr/bin/env bash
# The S3 client's cold start with each HTTP client (apache, apache5, netty, aws-crt): a fresh
# JVM per run against S3Proxy on loopback; medians of build, first GetObject, second GetObject,
# classes loaded; and what each adds to the artifact. A measurement, not a test.
#   lambda/measure/http-clients.sh [runs=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
here="$root/lambda/measure/http-clients"
tmp="$(mktemp -d)"; trap 'exec 3>&- 2>/dev/null || true; rm -rf "$tmp"' EXIT
java_home=""
for c in "${IMAGEOPT_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$c" ] && [ -f "$c/release" ] && grep -q '^JAVA_VERSION="25' "$c/release" && { java_home="$c"; break; }
done
java="$java_home/bin/java"
export JAVA_HOME="$java_home"

mvn -q -B -f "$here/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$tmp/cp" >&2
"$root/imageopt" mvn -q -pl lambda -am test-compile -DskipTests >&2
"$root/imageopt" mvn -q -pl lambda dependency:build-classpath -Dmdep.outputFile="$tmp/testcp" >&2
cp="$here/target/classes:$(cat "$tmp/cp")"

head -c 200000 /dev/urandom > "$tmp/object.bin"
mkfifo "$tmp/server-in"
"$java" -cp "$root/lambda/target/test-classes:$root/lambda/target/classes:$(cat "$tmp/testcp")" \
  imageopt.store.LocalS3Main "$tmp/object.bin" < "$tmp/server-in" > "$tmp/endpoint" 2>/dev/null &
exec 3> "$tmp/server-in"
for _ in $(seq 100); do [ -s "$tmp/endpoint" ] && break; sleep 0.1; done
endpoint="$(head -1 "$tmp/endpoint")"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-8s %10s %10s %10s %8s\n' client build_ms first_ms second_ms classes
for client in apache apache5 netty crt; do
  for i in $(seq "$runs"); do
    "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" HttpClientColdStart "$client" "$endpoint" object.bin 2>/dev/null
  done > "$tmp/$client.txt"
  printf '%-8s %10s %10s %10s %8s\n' "$client" \
    "$(sed 's/.*build=\([0-9.]*\).*/\1/' "$tmp/$client.txt" | median)" \
    "$(sed 's/.*first=\([0-9.]*\).*/\1/' "$tmp/$client.txt" | median)" \
    "$(sed 's/.*second=\([0-9.]*\).*/\1/' "$tmp/$client.txt" | median)" \
    "$(sed 's/.*classes=\([0-9]*\).*/\1/' "$tmp/$client.txt" | median)"
done
echo "jar bytes each client adds (its own jars beyond the s3 module's):"
for pattern in 'apache-client|httpclient-4|httpcore-4|commons-codec|commons-logging' 'apache5-client|httpclient5|httpcore5' 'netty' 'aws-crt'; do
  printf '  %-45s %s\n' "$pattern" "$(tr ':' '\n' < "$tmp/cp" | grep -E "$pattern" | xargs -r stat -c %s | awk '{s+=$1} END {print s+0}')"
done
