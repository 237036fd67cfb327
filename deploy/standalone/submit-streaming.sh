#!/usr/bin/env bash
# The README's streaming line: `flink run -d` of the analysis job against cluster.sh's cluster, detached (prints
# "Job has been submitted with JobID ..." and returns). Arguments are the job's (README "Arguments"), e.g.
#   submit-streaming.sh --experiments deploy/experiments --output file:///data/abtest \
#     --bootstrap-servers 127.0.0.1:9092 --checkpoint-dir file:///data/abtest-checkpoints
# FLINK_RUN_OPTIONS adds options of `flink run` before the jar (e.g. "-p 4" or "-s SAVEPOINT_PATH").
set -euo pipefail
# shellcheck source=cluster-environment.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-environment.sh"
# shellcheck source=job-jar.sh
source "$STANDALONE_DIR/job-jar.sh"

read -r -a run_options <<<"${FLINK_RUN_OPTIONS:-}"
jar="$(job_jar)"
exec "$STANDALONE_DIR/flink.sh" run -d "${run_options[@]}" "$jar" "$@"
