# Sourced by the scripts beside it: where things are, and how a Flink JVM is started.
# shellcheck disable=SC2034  # the variables are for the scripts that source this file
# shellcheck shell=bash

STANDALONE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$STANDALONE_DIR/../.." && pwd)"
CLASSPATH_DIR="$STANDALONE_DIR/target/classpath"
ABTEST_CLUSTER_HOME="${ABTEST_CLUSTER_HOME:-$STANDALONE_DIR/target/cluster}"
CONF_DIR="$ABTEST_CLUSTER_HOME/conf"
LOG_DIR="$ABTEST_CLUSTER_HOME/log"
PID_DIR="$ABTEST_CLUSTER_HOME/pids"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

fail_configuration() {
    echo "$(basename "$0"): $*" >&2
    exit 2
}

# The jars flink-dist would provide, resolved from Maven Central once (resolve-classpath.sh).
ensure_resolved_classpath() {
    [[ -f "$CLASSPATH_DIR/.resolved" ]] && return 0
    mkdir -p "$STANDALONE_DIR/target"
    (
        flock 9
        [[ -f "$CLASSPATH_DIR/.resolved" ]] || "$STANDALONE_DIR/resolve-classpath.sh" >&2
    ) 9>"$STANDALONE_DIR/target/.resolve.lock"
}

# Flink's lib/: the user's distribution when FLINK_HOME is set, else the jars from Maven Central.
flink_lib_classpath() {
    if [[ -n "${FLINK_HOME:-}" ]]; then
        [[ -d "$FLINK_HOME/lib" ]] || fail_configuration "FLINK_HOME=$FLINK_HOME has no lib/ folder"
        echo "$FLINK_HOME/lib/*"
    else
        ensure_resolved_classpath
        echo "$CLASSPATH_DIR/flink/*"
    fi
}

# Hadoop's client, which Parquet needs: HADOOP_CLASSPATH when set, else hadoop-client-api/runtime from Maven Central.
hadoop_classpath() {
    if [[ -n "${HADOOP_CLASSPATH:-}" ]]; then
        echo "$HADOOP_CLASSPATH"
    else
        ensure_resolved_classpath
        echo "$CLASSPATH_DIR/hadoop/*"
    fi
}

flink_classpath() {
    echo "$(flink_lib_classpath):$(hadoop_classpath)"
}

plugins_dir() {
    if [[ -n "${FLINK_HOME:-}" ]]; then
        echo "$FLINK_HOME/plugins"
    else
        ensure_resolved_classpath
        echo "$CLASSPATH_DIR/plugins"
    fi
}

require_cluster_configuration() {
    [[ -f "$CONF_DIR/config.yaml" ]] \
        || fail_configuration "no cluster configuration at $CONF_DIR/config.yaml (ABTEST_CLUSTER_HOME=$ABTEST_CLUSTER_HOME): run cluster.sh start first"
}

# A value of conf/config.yaml (flat keys, as cluster.sh writes them; the last line of a key wins).
configured_value() {
    awk -v key="$1" -F': *' '$1 == key { value = substr($0, index($0, ":") + 1); sub(/^ +/, "", value) } END { print value }' \
        "$CONF_DIR/config.yaml"
}

rest_url() {
    echo "http://$(configured_value rest.address):$(configured_value rest.port)"
}
