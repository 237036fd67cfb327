#!/usr/bin/env bash
# Resolves the standalone cluster's jars from Maven Central into deploy/standalone/target/classpath/
# (flink/, hadoop/, plugins/metrics-prometheus/, kafka-tools/). Needs `mvn` on PATH and access to Maven Central
# (or a mirror in ~/.m2/settings.xml). The other scripts run it when the folders are missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v mvn >/dev/null || { echo "resolve-classpath.sh: mvn is not on PATH (needed to fetch Flink's jars from Maven Central)" >&2; exit 2; }
rm -rf "$here/target/classpath"
mvn -B -q -Dstyle.color=never -f "$here/classpath/pom.xml" package
touch "$here/target/classpath/.resolved"
echo "resolved into $here/target/classpath"
