package io.abtest.router;

/**
 * The router's answer for one unit: which variant it gets and why, for serving code to act on and log.
 * Instances are shared (one per variant and reason), so routing allocates nothing.
 *
 * @param experimentId the experiment that routed the unit
 * @param variant the variant to serve, or null when {@link Reason#NOT_TARGETED}
 * @param reason why
 */
public record Assignment(String experimentId, String variant, Reason reason) {

    public enum Reason {
        /** Split by the weights in force (configuration, ramp-up schedule or a RUNNING control record). */
        ASSIGNED,
        /** The unit's attributes fail the targeting rule: serve the default, publish no event. */
        NOT_TARGETED,
        /** A STOPPED control record sends every unit to the control. */
        STOPPED,
        /** A ROLLED_OUT control record sends every unit to the winner. */
        ROLLED_OUT
    }

    public boolean inExperiment() {
        return reason != Reason.NOT_TARGETED;
    }
}
