#!/usr/bin/env bash
# bench/jmh.sh [REGEX]: runs the JMH micro-benchmarks of the hot code (classifier, relay path) and prints ns/op.
# Builds the modules first. A REGEX selects benchmarks, e.g. bench/jmh.sh Classifier
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../bin/lib/common.sh"
cd "$SHARDLINE_ROOT"
ensure_toolchain
# One reactor run: package (so proxy sees router's jar) and write each module's test classpath.
mvn -B -q -DskipTests -pl router,proxy package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test-classpath.txt
filter="${1:-.*}"
for module in router proxy; do
    java -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")" \
        org.openjdk.jmh.Main "$filter" -rf text -rff "$module/target/jmh-result.txt"
done
