package io.abtest.bench.job;

/**
 * One size the benchmark generates and measures: about {@code events} input records from {@code units}
 * randomization units.
 */
record BenchScenario(long events, int units) {

    /**
     * Records per request of the generator's default traffic: a served prediction and its outcome, plus 1% duplicates
     * and 1% malformed records (of both), plus 1% unmatched outcomes (of the outcomes).
     */
    static final double RECORDS_PER_REQUEST = 2 * 1.02 + 0.01;

    BenchScenario {
        if (units < 1 || requestsPerUnit() < 1) {
            throw new IllegalArgumentException("--events " + events + " with --units " + units + ": a unit makes at "
                    + "least one request, about " + RECORDS_PER_REQUEST + " records, so units must be in [1, "
                    + (long) (events / RECORDS_PER_REQUEST) + "]");
        }
    }

    /** The mean of the units' Poisson number of requests that gives about {@code events} records. */
    double requestsPerUnit() {
        return events / (units * RECORDS_PER_REQUEST);
    }

    /** Folder name of the scenario's inputs and runs. */
    String name() {
        return events + "-events-" + units + "-units";
    }
}
