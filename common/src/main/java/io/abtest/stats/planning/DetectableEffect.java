package io.abtest.stats.planning;

/**
 * The smallest effect a given sample detects with the planned power.
 *
 * @param control the control's rate or mean (the baseline)
 * @param treatment the treatment's rate or mean at the detectable effect
 * @param difference treatment - control
 * @param relative difference / control: the minimum detectable lift
 * @param standardized Cohen's h for proportions, d = difference / sigma for means
 */
public record DetectableEffect(
        double control, double treatment, double difference, double relative, double standardized) {

    static DetectableEffect between(double control, double treatment, double standardized) {
        double difference = treatment - control;
        return new DetectableEffect(control, treatment, difference, difference / control, standardized);
    }
}
