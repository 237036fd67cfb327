#!/usr/bin/env bash
# A Flink 2.2 standalone session cluster on this machine: one JobManager JVM and N TaskManager JVMs, each a separate
# process started from Flink's own entry points (StandaloneSessionClusterEntrypoint, TaskManagerRunner), as
# flink-dist's bin/jobmanager.sh and bin/taskmanager.sh start them.
#
#   cluster.sh start                 writes conf/config.yaml, starts the JobManager and TASKMANAGERS TaskManagers;
#                                    returns once the REST API answers and every TaskManager is registered
#   cluster.sh stop                  stops every process of this cluster home (SIGTERM, SIGKILL after STOP_TIMEOUT)
#   cluster.sh start-taskmanager N   starts TaskManager N with the configuration start wrote; waits until it is registered
#   cluster.sh kill-taskmanager N    SIGKILLs TaskManager N, as a crashed machine would lose it
#   cluster.sh status                each process and what the REST API reports; exit 0 when the JobManager runs, 3 if not
#
# Environment (defaults in brackets):
#   ABTEST_CLUSTER_HOME   working folder: conf/, log/, pids/, checkpoints/, savepoints/, tmp/ [deploy/standalone/target/cluster]
#   FLINK_HOME            an unpacked Flink 2.2 distribution whose lib/ and plugins/ to use [jars from Maven Central]
#   HADOOP_CLASSPATH      Hadoop's client jars [hadoop-client-api/runtime from Maven Central]
#   TASKMANAGERS [1]  TASKMANAGER_SLOTS [2]  REST_PORT [8081]  RPC_PORT [6123]  BIND_ADDRESS [127.0.0.1]
#   JOBMANAGER_MEMORY [1024m]  TASKMANAGER_MEMORY [1536m]  START_TIMEOUT seconds [300]  STOP_TIMEOUT seconds [30]
#   ABTEST_FLINK_CONF     extra config.yaml lines (or the path of a file of them), appended; a flat `key: value`
#                         line replaces the generated line of the same key
set -euo pipefail
# shellcheck source=cluster-environment.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-environment.sh"

TASKMANAGERS="${TASKMANAGERS:-1}"
TASKMANAGER_SLOTS="${TASKMANAGER_SLOTS:-2}"
REST_PORT="${REST_PORT:-8081}"
RPC_PORT="${RPC_PORT:-6123}"
BIND_ADDRESS="${BIND_ADDRESS:-127.0.0.1}"
JOBMANAGER_MEMORY="${JOBMANAGER_MEMORY:-1024m}"
TASKMANAGER_MEMORY="${TASKMANAGER_MEMORY:-1536m}"
START_TIMEOUT="${START_TIMEOUT:-300}"
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

require_positive_integer() {
    [[ "$2" =~ ^[1-9][0-9]*$ ]] || fail_configuration "$1 must be a positive integer, got '$2'"
}

validate_environment() {
    require_positive_integer TASKMANAGERS "$TASKMANAGERS"
    require_positive_integer TASKMANAGER_SLOTS "$TASKMANAGER_SLOTS"
    require_positive_integer REST_PORT "$REST_PORT"
    require_positive_integer RPC_PORT "$RPC_PORT"
    require_positive_integer START_TIMEOUT "$START_TIMEOUT"
    require_positive_integer STOP_TIMEOUT "$STOP_TIMEOUT"
    ((REST_PORT < 65536)) || fail_configuration "REST_PORT must be below 65536, got $REST_PORT"
    ((RPC_PORT < 65536)) || fail_configuration "RPC_PORT must be below 65536, got $RPC_PORT"
    if [[ -n "${FLINK_HOME:-}" && ! -d "$FLINK_HOME/lib" ]]; then
        fail_configuration "FLINK_HOME=$FLINK_HOME has no lib/ folder"
    fi
}

generated_configuration() {
    cat <<YAML
# Written by deploy/standalone/cluster.sh start; lines from ABTEST_FLINK_CONF follow and replace keys they repeat.
jobmanager.rpc.address: $BIND_ADDRESS
jobmanager.rpc.port: $RPC_PORT
jobmanager.bind-host: $BIND_ADDRESS
jobmanager.memory.process.size: $JOBMANAGER_MEMORY
jobmanager.execution.failover-strategy: region
taskmanager.host: $BIND_ADDRESS
taskmanager.bind-host: $BIND_ADDRESS
taskmanager.numberOfTaskSlots: $TASKMANAGER_SLOTS
taskmanager.memory.process.size: $TASKMANAGER_MEMORY
rest.address: $BIND_ADDRESS
rest.bind-address: $BIND_ADDRESS
rest.port: $REST_PORT
parallelism.default: 1
cluster.registration.error-delay: 500 ms
execution.checkpointing.dir: file://$ABTEST_CLUSTER_HOME/checkpoints
execution.checkpointing.savepoint-dir: file://$ABTEST_CLUSTER_HOME/savepoints
io.tmp.dirs: $ABTEST_CLUSTER_HOME/tmp
web.tmpdir: $ABTEST_CLUSTER_HOME/tmp/web
YAML
}

extra_configuration() {
    local extra="${ABTEST_FLINK_CONF:-}"
    if [[ -n "$extra" && "$extra" != *$'\n'* && -f "$extra" ]]; then
        cat "$extra"
    else
        printf '%s\n' "$extra"
    fi
}

write_configuration() {
    mkdir -p "$CONF_DIR" "$LOG_DIR" "$PID_DIR" "$ABTEST_CLUSTER_HOME/tmp/web"
    local extra
    extra="$(extra_configuration)"
    {
        generated_configuration | awk -v extra="$extra" '
            BEGIN {
                n = split(extra, lines, "\n")
                for (i = 1; i <= n; i++) if (match(lines[i], /^[A-Za-z0-9_.-]+:/)) replaced[substr(lines[i], 1, RLENGTH - 1)] = 1
            }
            match($0, /^[A-Za-z0-9_.-]+:/) && (substr($0, 1, RLENGTH - 1) in replaced) { next }
            { print }'
        if [[ -n "$extra" ]]; then
            echo "# ABTEST_FLINK_CONF"
            printf '%s\n' "$extra"
        fi
    } >"$CONF_DIR/config.yaml"
    cp "$STANDALONE_DIR/log4j.properties" "$STANDALONE_DIR/log4j-cli.properties" "$CONF_DIR/"
}

pid_file() {
    echo "$PID_DIR/$1.pid"
}

# The pid in NAME's pid file when that process is still this cluster home's NAME (its log file names both).
running_pid() {
    local file pid
    file="$(pid_file "$1")"
    [[ -f "$file" ]] || return 1
    pid="$(cat "$file")"
    [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "-Dlog.file=$LOG_DIR/$1.log" || return 1
    echo "$pid"
}

# JVM memory flags and the matching dynamic properties, computed by Flink itself as flink-dist's scripts do.
resource_parameters() {
    local output
    if ! output="$("$JAVA" -classpath "$(flink_lib_classpath)" org.apache.flink.runtime.util.bash.BashJavaUtils \
        "$1" --configDir "$CONF_DIR" 2>&1)"; then
        echo "$(basename "$0"): Flink rejected $2 in $CONF_DIR/config.yaml:" >&2
        grep -E 'Exception|Caused by|must|should' <<<"$output" | head -5 >&2
        exit 2
    fi
    sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' <<<"$output"
}

# start_process NAME MAIN_CLASS RESOURCE_PARAMETERS JAVA_OPTS_KEY [DYNAMIC_PROPERTY...]
# RESOURCE_PARAMETERS: resource_parameters' two lines (JVM flags, then dynamic properties for the entry point).
start_process() {
    local name="$1" main="$2" jvm_flags dynamic_properties java_opts
    read -r -a jvm_flags <<<"$(sed -n 1p <<<"$3")"
    read -r -a dynamic_properties <<<"$(sed -n 2p <<<"$3")"
    read -r -a java_opts <<<"$(configured_value env.java.opts.all) $(configured_value "$4")"
    FLINK_CONF_DIR="$CONF_DIR" FLINK_PLUGINS_DIR="$(plugins_dir)" nohup "$JAVA" @"$STANDALONE_DIR/java17.options" \
        "${jvm_flags[@]}" "${java_opts[@]}" \
        "-Dlog.file=$LOG_DIR/$name.log" "-Dlog4j.configurationFile=file:$CONF_DIR/log4j.properties" \
        -classpath "$(flink_classpath)" "$main" --configDir "$CONF_DIR" "${dynamic_properties[@]}" "${@:5}" \
        >"$LOG_DIR/$name.out" 2>&1 </dev/null &
    echo $! >"$(pid_file "$name")"
}

fail_start() {
    echo "$(basename "$0"): $1; the last lines of $LOG_DIR/$2.log and .out:" >&2
    tail -n 30 "$LOG_DIR/$2.log" "$LOG_DIR/$2.out" >&2 2>/dev/null || true
    exit 1
}

# Waits until the REST API lists a TaskManager with each given resource id.
await_registered() {
    local deadline=$((SECONDS + START_TIMEOUT)) registered id missing n
    while :; do
        running_pid jobmanager >/dev/null || fail_start "the JobManager exited" jobmanager
        for n in "${awaited_taskmanagers[@]}"; do
            running_pid "taskmanager-$n" >/dev/null || fail_start "TaskManager $n exited" "taskmanager-$n"
        done
        missing=0
        registered="$(curl -sf --max-time 5 "$(rest_url)/taskmanagers" || true)"
        for id in "$@"; do
            [[ "$registered" == *"\"id\":\"$id\""* ]] || missing=1
        done
        ((missing == 0 && ${#registered} > 0)) && return 0
        ((SECONDS < deadline)) || fail_start "not every TaskManager registered within START_TIMEOUT=${START_TIMEOUT}s" jobmanager
        sleep 0.5
    done
}

launch_taskmanager() {
    local n="$1" id
    require_positive_integer "the TaskManager number" "$n"
    if running_pid "taskmanager-$n" >/dev/null; then
        echo "$(basename "$0"): TaskManager $n is already running (pid $(running_pid "taskmanager-$n"))" >&2
        exit 1
    fi
    id="taskmanager-$n-$(date +%s%3N)"
    start_process "taskmanager-$n" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
        "$taskmanager_parameters" env.java.opts.taskmanager -D "taskmanager.resource-id=$id"
    echo "$id" >"$PID_DIR/taskmanager-$n.resource-id"
    launched_ids+=("$id")
    awaited_taskmanagers+=("$n")
}

start_cluster() {
    validate_environment
    local file name running=()
    for file in "$PID_DIR"/*.pid; do
        [[ -e "$file" ]] || continue
        name="$(basename "$file" .pid)"
        running_pid "$name" >/dev/null && running+=("$name (pid $(running_pid "$name"))")
    done
    if ((${#running[@]} > 0)); then
        echo "$(basename "$0"): processes of a cluster still run in $ABTEST_CLUSTER_HOME: ${running[*]}; run cluster.sh stop first" >&2
        exit 1
    fi
    rm -f "$PID_DIR"/*.pid "$PID_DIR"/*.resource-id
    write_configuration
    local jobmanager_parameters
    jobmanager_parameters="$(resource_parameters GET_JM_RESOURCE_PARAMS \
        "the JobManager's memory (JOBMANAGER_MEMORY=$JOBMANAGER_MEMORY: jobmanager.memory.*)")"
    taskmanager_parameters="$(resource_parameters GET_TM_RESOURCE_PARAMS \
        "the TaskManagers' memory (TASKMANAGER_MEMORY=$TASKMANAGER_MEMORY: taskmanager.memory.*)")"
    start_process jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
        "$jobmanager_parameters" env.java.opts.jobmanager
    launched_ids=()
    awaited_taskmanagers=()
    local n
    for ((n = 1; n <= TASKMANAGERS; n++)); do
        launch_taskmanager "$n"
    done
    await_registered "${launched_ids[@]}"
    echo "Flink session cluster running: REST $(rest_url), JobManager pid $(running_pid jobmanager), $TASKMANAGERS TaskManager(s) of $TASKMANAGER_SLOTS slot(s), home $ABTEST_CLUSTER_HOME"
}

start_taskmanager() {
    require_cluster_configuration
    running_pid jobmanager >/dev/null || { echo "$(basename "$0"): no JobManager runs in $ABTEST_CLUSTER_HOME" >&2; exit 1; }
    require_positive_integer START_TIMEOUT "$START_TIMEOUT"
    taskmanager_parameters="$(resource_parameters GET_TM_RESOURCE_PARAMS "the TaskManagers' memory (taskmanager.memory.*)")"
    launched_ids=()
    awaited_taskmanagers=()
    launch_taskmanager "$1"
    await_registered "${launched_ids[@]}"
    echo "TaskManager $1 registered: pid $(running_pid "taskmanager-$1"), resource id ${launched_ids[0]}"
}

# Waits up to SECONDS_TO_WAIT for PID to exit. The JVMs are orphans (the script that started them has exited): once
# exited, one stays a zombie until init reaps it, which may take a while; a zombie counts as exited.
await_exit() {
    local deadline=$((SECONDS + $2))
    while kill -0 "$1" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

kill_taskmanager() {
    require_positive_integer "the TaskManager number" "$1"
    local pid
    pid="$(running_pid "taskmanager-$1")" || { echo "$(basename "$0"): TaskManager $1 is not running" >&2; exit 1; }
    kill -KILL "$pid"
    await_exit "$pid" 30 || { echo "$(basename "$0"): TaskManager $1 (pid $pid) survived SIGKILL" >&2; exit 1; }
    rm -f "$(pid_file "taskmanager-$1")" "$PID_DIR/taskmanager-$1.resource-id"
    echo "TaskManager $1 (pid $pid) killed"
}

# Signals every named process first, so that they shut down together, then waits for each.
stop_processes() {
    local name pid failed=0 pids=() names=()
    for name in "$@"; do
        if pid="$(running_pid "$name")"; then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
            names+=("$name")
        else
            rm -f "$(pid_file "$name")" "$PID_DIR/$name.resource-id"
        fi
    done
    local i
    for i in "${!pids[@]}"; do
        name="${names[$i]}" pid="${pids[$i]}"
        if ! await_exit "$pid" "$STOP_TIMEOUT"; then
            echo "$name (pid $pid) did not stop within ${STOP_TIMEOUT}s: SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
            await_exit "$pid" 30 || { echo "$(basename "$0"): $name (pid $pid) survived SIGKILL" >&2; failed=1; continue; }
        fi
        rm -f "$(pid_file "$name")" "$PID_DIR/$name.resource-id"
        echo "$name (pid $pid) stopped"
    done
    return "$failed"
}

stop_cluster() {
    require_positive_integer STOP_TIMEOUT "$STOP_TIMEOUT"
    local file taskmanagers=() failed=0
    for file in "$PID_DIR"/taskmanager-*.pid; do
        [[ -e "$file" ]] && taskmanagers+=("$(basename "$file" .pid)")
    done
    ((${#taskmanagers[@]} == 0)) || stop_processes "${taskmanagers[@]}" || failed=1
    stop_processes jobmanager || failed=1
    return "$failed"
}

status() {
    local file name pid state=0
    if pid="$(running_pid jobmanager)"; then
        echo "jobmanager: running, pid $pid"
    else
        echo "jobmanager: not running"
        state=3
    fi
    for file in "$PID_DIR"/taskmanager-*.pid; do
        [[ -e "$file" ]] || continue
        name="$(basename "$file" .pid)"
        if pid="$(running_pid "$name")"; then
            echo "$name: running, pid $pid, resource id $(cat "$PID_DIR/$name.resource-id" 2>/dev/null)"
        else
            echo "$name: not running"
        fi
    done
    if [[ -f "$CONF_DIR/config.yaml" ]] && overview="$(curl -sf --max-time 5 "$(rest_url)/overview")"; then
        echo "REST $(rest_url)/overview: $overview"
    fi
    return "$state"
}

case "${1:-}" in
start) start_cluster ;;
stop) stop_cluster ;;
start-taskmanager) [[ $# -eq 2 ]] || usage; start_taskmanager "$2" ;;
kill-taskmanager) [[ $# -eq 2 ]] || usage; kill_taskmanager "$2" ;;
status) status ;;
*) usage ;;
esac
