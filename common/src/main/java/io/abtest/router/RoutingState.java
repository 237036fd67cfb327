package io.abtest.router;

import io.abtest.control.ControlRecord;

/**
 * What the newest applied control record says, immutable so that readers need no lock.
 *
 * @param mode how units are routed
 * @param layout the split for {@link Mode#WEIGHTS}; null otherwise
 * @param winner the variant index for {@link Mode#ROLLED_OUT}; -1 otherwise
 * @param source the control record this state came from; null before any
 */
record RoutingState(Mode mode, SplitLayout layout, int winner, ControlRecord source) {

    enum Mode {
        /** The configuration's weights or ramp-up schedule. */
        CONFIGURED,
        /** The weights of a RUNNING control record. */
        WEIGHTS,
        STOPPED,
        ROLLED_OUT
    }

    static final RoutingState CONFIGURED = new RoutingState(Mode.CONFIGURED, null, -1, null);
}
