package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.function.ToDoubleFunction;

/**
 * The checks every fixed-horizon method makes before it computes anything, and the estimate it returns when a
 * check fails: INVALID_INPUT (negative counts, NaN or infinite fields, negative sums of squares, values that are
 * not what the method needs) before NOT_ENOUGH_DATA (fewer than two units in a variant). Effect numbers that can
 * still be computed (the means of non-empty variants, their difference) are kept; the others are null.
 */
final class InputScreen {

    private InputScreen() {}

    static String firstProblem(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    static String invalidAlpha(double alpha) {
        return alpha > 0 && alpha < 1 ? null : "alpha must lie strictly between 0 and 1, was " + alpha;
    }

    static String invalidSummary(SufficientStatistics s, String variant) {
        if (s.n() < 0) {
            return variant + " has a negative unit count (" + s.n() + ")";
        }
        double[] fields = {s.meanY(), s.meanD(), s.meanC(), s.cYY(), s.cDD(), s.cCC(), s.cYD(), s.cYC(), s.cDC()};
        for (double f : fields) {
            if (!Double.isFinite(f)) {
                return variant + " has a NaN or infinite mean or co-moment: " + s;
            }
        }
        if (s.cYY() < 0 || s.cDD() < 0 || s.cCC() < 0) {
            return variant + " has a negative sum of squared deviations: " + s;
        }
        return null;
    }

    /**
     * A proportion's units are 0 or 1, so its mean lies in [0, 1] and its sum of squared deviations is
     * n p (1 - p); the second check (to rounding, 1e-8 n) catches values other than 0 and 1.
     */
    static String invalidProportion(SufficientStatistics s, String variant) {
        double p = s.meanY();
        if (p < 0 || p > 1) {
            return variant + " has a conversion rate of " + p + ", outside [0, 1]";
        }
        if (Math.abs(s.cYY() - s.n() * p * (1 - p)) > 1e-8 * s.n()) {
            return variant + " has unit values other than 0 and 1 (sum of squared deviations " + s.cYY()
                    + ", expected n p (1 - p) = " + s.n() * p * (1 - p) + ")";
        }
        return null;
    }

    static String invalidDenominator(SufficientStatistics s, String variant) {
        return s.n() == 0 || s.meanD() > 0 ? null
                : variant + " has a mean denominator of " + s.meanD() + ": a ratio needs a positive one";
    }

    static String notEnoughData(SufficientStatistics control, SufficientStatistics treatment) {
        if (control.n() >= 2 && treatment.n() >= 2) {
            return null;
        }
        return "need at least 2 units per variant, have " + control.n() + " in control and " + treatment.n()
                + " in treatment";
    }

    static Estimate invalid(String detail, SufficientStatistics control, SufficientStatistics treatment,
            double degreesOfFreedom) {
        return new Estimate(TestStatus.INVALID_INPUT, detail, control.n(), null, treatment.n(), null,
                null, null, null, null, degreesOfFreedom);
    }

    static Estimate notEnoughData(String detail, SufficientStatistics control, SufficientStatistics treatment,
            ToDoubleFunction<SufficientStatistics> mean, double degreesOfFreedom) {
        Double controlMean = control.n() > 0 ? mean.applyAsDouble(control) : null;
        Double treatmentMean = treatment.n() > 0 ? mean.applyAsDouble(treatment) : null;
        Double difference = controlMean != null && treatmentMean != null ? treatmentMean - controlMean : null;
        Double relative = difference != null && controlMean != 0 ? difference / controlMean : null;
        return withinDoubleRange(new Estimate(TestStatus.NOT_ENOUGH_DATA, detail, control.n(), controlMean,
                treatment.n(), treatmentMean, difference, null, finiteOrNull(relative), null, degreesOfFreedom),
                control, treatment);
    }

    /**
     * The estimate, or INVALID_INPUT when a mean, the difference or its standard error left the double range
     * (finite summaries whose difference, ratio or variance overflows) or the degrees of freedom are not a number:
     * the numbers are then null and the detail names the cause, never an infinity or NaN in a field.
     */
    static Estimate withinDoubleRange(Estimate e, SufficientStatistics control, SufficientStatistics treatment) {
        String outside = firstProblem(
                outsideRange("the control's estimate", e.controlMean()),
                outsideRange("the treatment's estimate", e.treatmentMean()),
                outsideRange("the difference", e.difference()),
                outsideRange("the standard error of the difference", e.differenceStandardError()),
                Double.isNaN(e.degreesOfFreedom()) ? "the degrees of freedom are not a number" : null);
        if (outside == null) {
            return e;
        }
        return invalid(outside + " for these summaries: control " + control + ", treatment " + treatment,
                control, treatment, e.degreesOfFreedom() == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : 0);
    }

    private static String outsideRange(String what, Double value) {
        return value == null || Double.isFinite(value) ? null : what + " is " + value + ", outside the double range";
    }

    private static Double finiteOrNull(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
