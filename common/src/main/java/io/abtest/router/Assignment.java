package io.abtest.router;

/**
 * The router's answer for one unit: which variant it gets and why, for serving code to act on and log.
 * Instances are shared (one per variant and reason), so routing allocates nothing.
 *
 * @param experimentId the experiment that routed the unit
 * @param variant the variant to serve, or null when {@link Reason#NOT_TARGETED} or {@link Reason#NOT_IN_EXPERIMENT}
 * @param reason why
 */
public record Assignment(String experimentId, String variant, Reason reason) {

    public enum Reason {
        /** Split by the weights in force (configuration, ramp-up schedule or a RUNNING control record). */
        ASSIGNED,
        /** The unit's attributes fail the targeting rule: serve the default, publish no event. */
        NOT_TARGETED,
        /**
         * The unit is eligible but lies outside the experiment's coverage: serve the control's model, publish no
         * event (as for {@link #NOT_TARGETED}).
         */
        NOT_IN_EXPERIMENT,
        /** A STOPPED control record sends every unit to the control. */
        STOPPED,
        /** A ROLLED_OUT control record sends every unit to the winner. */
        ROLLED_OUT
    }

    public boolean inExperiment() {
        return reason != Reason.NOT_TARGETED && reason != Reason.NOT_IN_EXPERIMENT;
    }
}
