package io.abtest.router;

import io.abtest.control.ControlRecord;

/**
 * What the newest applied control record says, immutable so that readers need no lock.
 *
 * @param mode how units are routed
 * @param layout the split for {@link Mode#WEIGHTS}; null otherwise (the configuration's split then)
 * @param winner the variant index for {@link Mode#ROLLED_OUT}; -1 otherwise
 * @param coverage the record's coverage, in (0, 1]; NaN when it sets none (the configuration's coverage then)
 * @param source the control record this state came from; null before any
 */
record RoutingState(Mode mode, SplitLayout layout, int winner, double coverage, ControlRecord source) {

    enum Mode {
        /** The configuration's weights or ramp-up schedule. */
        CONFIGURED,
        /** The weights of a RUNNING control record. */
        WEIGHTS,
        STOPPED,
        ROLLED_OUT
    }

    static final RoutingState CONFIGURED = new RoutingState(Mode.CONFIGURED, null, -1, Double.NaN, null);

    /** True when this state takes its coverage from the configuration (and its ramp-up schedule). */
    boolean configuredCoverage() {
        return Double.isNaN(coverage);
    }
}
