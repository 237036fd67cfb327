package io.abtest.jobs.analysis.aggregate;

/** Test input of the per-experiment analysis: unit changes as one subtask's pre-aggregated delta. */
public final class WindowDeltas {

    private WindowDeltas() {}

    /** The delta of changes of one experiment and window. */
    public static ExperimentWindowDelta of(UnitChange... changes) {
        ExperimentWindowDelta delta = new ExperimentWindowDelta(changes[0].experimentId(), changes[0].windowEnd());
        for (UnitChange change : changes) {
            delta.add(change);
        }
        return delta;
    }
}
