#!/usr/bin/env bash
# Creates the job's Kafka topics, or leaves them as they are when they exist (kafka-topics --create --if-not-exists;
# settings of an existing topic are not changed), then describes them. Exit 1 when ab.control exists but is not
# compacted.
#
#   create-topics.sh --bootstrap-servers HOST:PORT[,HOST:PORT] [--partitions N] [--replication-factor N]
#                    [--retention-ms MS]
#
#   topic            partitions     settings
#   ab.predictions   --partitions   retention.ms = --retention-ms   (input: routed predictions)
#   ab.outcomes      --partitions   retention.ms = --retention-ms   (input: delayed outcomes)
#   ab.alerts        1              retention.ms = --retention-ms   (output: one ordered stream of alerts)
#   ab.control       1              cleanup.policy=compact          (routing control, key = experiment id: the newest
#                                                                   record per experiment is kept forever)
# Defaults: --partitions 6, --retention-ms 604800000 (7 days), --replication-factor the brokers'
# default.replication.factor. Uses $KAFKA_HOME/bin/kafka-topics.sh when KAFKA_HOME is set, else the same tool
# (org.apache.kafka.tools.TopicCommand, kafka-tools from Maven Central).
set -euo pipefail
# shellcheck source=cluster-environment.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-environment.sh"

bootstrap_servers=""
partitions=6
replication_factor=""
retention_ms=604800000

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
    --bootstrap-servers) bootstrap_servers="${2:-}"; shift 2 || usage ;;
    --partitions) partitions="${2:-}"; shift 2 || usage ;;
    --replication-factor) replication_factor="${2:-}"; shift 2 || usage ;;
    --retention-ms) retention_ms="${2:-}"; shift 2 || usage ;;
    -h | --help) usage ;;
    *) fail_configuration "unknown argument '$1' (see --help)" ;;
    esac
done
[[ -n "$bootstrap_servers" ]] || fail_configuration "--bootstrap-servers is required"
[[ "$partitions" =~ ^[1-9][0-9]*$ ]] || fail_configuration "--partitions must be a positive integer, got '$partitions'"
[[ -z "$replication_factor" || "$replication_factor" =~ ^[1-9][0-9]*$ ]] \
    || fail_configuration "--replication-factor must be a positive integer, got '$replication_factor'"
[[ "$retention_ms" =~ ^([1-9][0-9]*|-1)$ ]] \
    || fail_configuration "--retention-ms must be a positive number of milliseconds or -1 (forever), got '$retention_ms'"

kafka_topics() {
    if [[ -n "${KAFKA_HOME:-}" ]]; then
        "$KAFKA_HOME/bin/kafka-topics.sh" --bootstrap-server "$bootstrap_servers" "$@"
    else
        ensure_resolved_classpath
        "$JAVA" -classpath "$CLASSPATH_DIR/kafka-tools/*" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
            org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap_servers" "$@"
    fi
}

create() {
    local topic="$1" topic_partitions="$2"
    shift 2
    local settings=()
    for setting in "$@"; do
        settings+=(--config "$setting")
    done
    kafka_topics --create --if-not-exists --topic "$topic" --partitions "$topic_partitions" \
        ${replication_factor:+--replication-factor "$replication_factor"} "${settings[@]}"
}

create ab.predictions "$partitions" "retention.ms=$retention_ms"
create ab.outcomes "$partitions" "retention.ms=$retention_ms"
create ab.alerts 1 "retention.ms=$retention_ms"
create ab.control 1 cleanup.policy=compact
description="$(kafka_topics --describe --topic '^ab\.(predictions|outcomes|alerts|control)$')"
echo "$description"
# A topic created earlier by other means (a broker's auto-creation when a client wrote first) keeps its settings; a
# control topic that deletes old records would lose experiments' states, so that one is refused.
control_configs="$(grep -E "^Topic: ab\.control[[:space:]]" <<<"$description" | sed -n 's/.*Configs: *//p')"
if [[ ",$control_configs," != *",cleanup.policy=compact,"* ]]; then
    echo "create-topics.sh: ab.control exists without cleanup.policy=compact (its configs: ${control_configs:-none}); the router would lose experiments' control records: alter it (kafka-configs --alter --entity-type topics --entity-name ab.control --add-config cleanup.policy=compact) or recreate it" >&2
    exit 1
fi
