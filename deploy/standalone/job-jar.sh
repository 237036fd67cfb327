# Sourced by submit-streaming.sh and submit-rerun.sh: the analysis job's shaded jar, ABTEST_JOB_JAR or the one
# `mvn -B -q package -DskipTests` builds under jobs/target/.
# shellcheck shell=bash
job_jar() {
    local jar="${ABTEST_JOB_JAR:-}"
    if [[ -z "$jar" ]]; then
        jar="$(find "$REPO_ROOT/jobs/target" -maxdepth 1 -name 'abtest-jobs-*.jar' ! -name '*-tests.jar' ! -name 'original-*' 2>/dev/null | head -1)"
    fi
    [[ -n "$jar" && -f "$jar" ]] \
        || fail_configuration "no job jar (ABTEST_JOB_JAR=${ABTEST_JOB_JAR:-unset}); build it with: mvn -B -q package -DskipTests -pl jobs -am"
    echo "$jar"
}
