package io.abtest.jobs.analysis.records;

/**
 * One row of {@code decisions/} (CONTRACT.md section 2), written when the decision changes and at the end of a
 * batch rerun.
 *
 * @param asOf the analysis point, epoch milliseconds
 * @param decision ROLLOUT, RAMP_UP, KEEP_CHAMPION, STOP, EXTEND or INCONCLUSIVE
 * @param variant the challenger it concerns; null when none
 * @param rule the rule of the decision table that decided
 * @param justification why, naming the numbers
 * @param actionItems what to do next, one per line
 */
public record DecisionRow(
        String experimentId,
        long asOf,
        String decision,
        String variant,
        int rule,
        String justification,
        String actionItems,
        Double srmPValue) {}
