#!/usr/bin/env bash
# Ensures the Kafka 3.9.x broker + tools jars are in the shared cache and prints that directory.
# The cache lives outside the repo (${MEDICDRAFT_CACHE:-$HOME/.cache/medicdraft}/kafka-libs) so every
# clone and every CI run on the same machine reuses one download. Safe to run concurrently (flock).
# Progress goes to stderr; stdout is only the libs directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${MEDICDRAFT_CACHE:-$HOME/.cache/medicdraft}"
libs="$cache/kafka-libs"
# First version that resolves on Maven Central wins; 3.9.x is what kafkajs 2.2.4 is known to work with.
versions="${KAFKA_VERSIONS:-3.9.2 3.9.1}"

is_complete() {
  [[ -f "$libs/.complete" ]] && compgen -G "$libs/kafka_2.13-*.jar" >/dev/null \
    && compgen -G "$libs/kafka-tools-*.jar" >/dev/null
}

mkdir -p "$cache"
if is_complete; then echo "$libs"; exit 0; fi

command -v mvn >/dev/null || { echo "fetch-kafka: mvn not found (run scripts/install-deps.sh)" >&2; exit 1; }

exec 9>"$cache/kafka-libs.lock"
flock 9
if is_complete; then echo "$libs"; exit 0; fi   # another process finished while we waited

for v in $versions; do
  work="$(mktemp -d "$cache/kafka-fetch.XXXXXX")"
  sed "s/@KAFKA_VERSION@/$v/g" "$here/kafka-pom.xml.template" >"$work/pom.xml"
  echo "fetch-kafka: resolving org.apache.kafka:kafka_2.13:$v from Maven Central..." >&2
  if mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$work/libs" >"$work/mvn.log" 2>&1; then
    echo "$v" >"$work/libs/.complete"
    rm -rf "$libs"
    mv "$work/libs" "$libs"
    rm -rf "$work"
    echo "fetch-kafka: Kafka $v jars cached in $libs ($(ls "$libs" | wc -l) files)" >&2
    echo "$libs"
    exit 0
  fi
  echo "fetch-kafka: Kafka $v did not resolve (last lines of maven output):" >&2
  tail -n 5 "$work/mvn.log" >&2 || true
  rm -rf "$work"
done
echo "fetch-kafka: none of [$versions] could be downloaded; check access to Maven Central" >&2
exit 1
