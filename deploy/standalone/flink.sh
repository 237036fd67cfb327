#!/usr/bin/env bash
# Flink's CLI (bin/flink of a distribution: org.apache.flink.client.cli.CliFrontend) against the cluster that
# cluster.sh started in ABTEST_CLUSTER_HOME, e.g.
#   flink.sh run -d JAR ARGS...    flink.sh list    flink.sh cancel JOB_ID    flink.sh stop --savepointPath DIR JOB_ID
# The CLI's own log goes to ABTEST_CLUSTER_HOME/log/client.log; its exit code is the CLI's.
set -euo pipefail
# shellcheck source=cluster-environment.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-environment.sh"

require_cluster_configuration
mkdir -p "$LOG_DIR"
export FLINK_CONF_DIR="$CONF_DIR"
FLINK_PLUGINS_DIR="$(plugins_dir)"
export FLINK_PLUGINS_DIR
exec "$JAVA" @"$STANDALONE_DIR/java17.options" \
    "-Dlog.file=$LOG_DIR/client.log" "-Dlog4j.configurationFile=file:$CONF_DIR/log4j-cli.properties" \
    -classpath "$(flink_classpath)" org.apache.flink.client.cli.CliFrontend "$@"
