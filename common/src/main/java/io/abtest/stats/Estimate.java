package io.abtest.stats;

/**
 * Treatment against control for one metric: the difference of means and the relative lift with their standard
 * errors, the common input of every fixed-horizon and sequential test. Built by the fixed-horizon tests, which
 * know how each kind of metric's variance is estimated.
 *
 * @param status OK, or why the numbers below are (partly) null
 * @param detail words for a status other than OK; null when OK
 * @param controlN units in the control
 * @param controlMean the control's mean (for a ratio metric, the ratio of means); null without units
 * @param treatmentN units in the treatment
 * @param treatmentMean likewise
 * @param difference treatmentMean - controlMean (regression-adjusted when a covariate is used)
 * @param differenceStandardError its standard error
 * @param relative difference / controlMean, the lift
 * @param relativeStandardError its standard error by the delta method; null when controlMean is 0
 * @param degreesOfFreedom Welch-Satterthwaite degrees of freedom for a t reference; infinite for a normal one
 */
public record Estimate(
        TestStatus status,
        String detail,
        long controlN,
        Double controlMean,
        long treatmentN,
        Double treatmentMean,
        Double difference,
        Double differenceStandardError,
        Double relative,
        Double relativeStandardError,
        double degreesOfFreedom) {

    public boolean isOk() {
        return status == TestStatus.OK;
    }
}
