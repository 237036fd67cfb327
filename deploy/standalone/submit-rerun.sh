#!/usr/bin/env bash
# The README's batch rerun line: `flink run` of the analysis job with --mode batch against cluster.sh's cluster,
# attached (returns when the rerun has finished, exit 0 on success). Arguments are the job's, e.g.
#   submit-rerun.sh --experiments deploy/experiments --predictions DIR --outcomes DIR --output file:///data/rerun
# (--input-format jsonl for JSON lines). FLINK_RUN_OPTIONS adds options of `flink run` before the jar.
set -euo pipefail
# shellcheck source=cluster-environment.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-environment.sh"
# shellcheck source=job-jar.sh
source "$STANDALONE_DIR/job-jar.sh"

read -r -a run_options <<<"${FLINK_RUN_OPTIONS:-}"
jar="$(job_jar)"
exec "$STANDALONE_DIR/flink.sh" run "${run_options[@]}" "$jar" --mode batch "$@"
