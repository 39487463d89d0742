#!/usr/bin/env bash
# Builds the benchmark and runs it; every argument goes to PeerBenchmark (run.sh --help lists them).
# BUILD_SUFFIX picks the build output directory (target$BUILD_SUFFIX), as -DbuildSuffix does for Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
suffix="${BUILD_SUFFIX-}"
target="benchmarks/target${suffix}"

mvn -q -B -Dstyle.color=never -DbuildSuffix="$suffix" install -DskipTests -pl benchmarks -am
# Artemis's child JVM gets a classpath resolved with the Netty that Artemis is released against;
# MessageStore's and ActiveMQ Classic's children run on the benchmark's own classpath.
mvn -q -B -Dstyle.color=never -DbuildSuffix="$suffix" -pl benchmarks -Partemis-classpath validate

exec java -cp "$target/classes:$(cat "$target/benchmark.classpath")" \
    org.messagestore.benchmarks.PeerBenchmark --artemis-classpath "$target/artemis.classpath" "$@"
