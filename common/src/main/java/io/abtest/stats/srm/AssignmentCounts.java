package io.abtest.stats.srm;

import io.abtest.config.Variant;
import io.abtest.stats.TestStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Observed units per variant beside the configured weights, checked once for both sample ratio mismatch tests.
 * Variants with weight 0 and no units take no part in a test; a variant with weight 0 that received units is
 * evidence of a mismatch that no p-value can express (its expected count is 0), so it is reported as
 * {@link TestStatus#INVALID_INPUT} with the mismatch flag set, however many variants have a positive weight
 * (with one, as under weights {100, 0}, there is no ratio to test but the units still contradict the weights).
 * Weights that are not a valid configuration (negative, not finite, or adding up to 0) are reported without the
 * flag: they say nothing about the assignment.
 */
final class AssignmentCounts {

    private final List<String> names;
    private final long[] observed;
    private final double[] weights;
    private long total;
    private double weightSum;
    private double[] scaled;
    private TestStatus status = TestStatus.OK;
    private String detail;
    private boolean unitsInZeroWeightVariant;

    private AssignmentCounts(List<String> names, long[] observed, double[] weights) {
        this.names = names;
        this.observed = observed;
        this.weights = weights;
    }

    /**
     * @param names variant names for the details, in the order of the arrays; null to call them by index
     */
    static AssignmentCounts check(long[] observed, double[] weights, List<String> names) {
        AssignmentCounts counts = new AssignmentCounts(names, observed, weights);
        counts.validate();
        return counts;
    }

    /**
     * Counts for the configured variants, in the configuration's order; a variant missing from the map has 0
     * units. Units under a name the configuration does not have are not counted.
     */
    static AssignmentCounts check(List<Variant> variants, Map<String, Long> unitsByVariant) {
        if (variants == null || unitsByVariant == null) {
            return check(null, null, null);
        }
        long[] observed = new long[variants.size()];
        double[] weights = new double[variants.size()];
        List<String> names = new ArrayList<>(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            Long units = unitsByVariant.get(variant.name());
            observed[i] = units == null ? 0 : units;
            weights[i] = variant.weight();
            names.add(variant.name());
        }
        return check(observed, weights, names);
    }

    private void validate() {
        if (observed == null || weights == null) {
            fail(TestStatus.INVALID_INPUT, "no unit counts or no weights were given");
            return;
        }
        if (observed.length != weights.length) {
            fail(TestStatus.INVALID_INPUT, observed.length + " unit counts for " + weights.length + " weights");
            return;
        }
        if (observed.length < 2) {
            fail(TestStatus.INVALID_INPUT, "fewer than 2 variants: there is no ratio to check");
            return;
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i]) || weights[i] < 0) {
                fail(TestStatus.INVALID_INPUT, name(i) + " has weight " + weights[i] + "; weights must be finite and >= 0");
                return;
            }
        }
        scaled = scaledByLargest(weights);
        weightSum = 0;
        for (double w : scaled) {
            weightSum += w;
        }
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0) {
                fail(TestStatus.INVALID_INPUT, name(i) + " has a negative unit count (" + observed[i] + ")");
                return;
            }
            try {
                total = Math.addExact(total, observed[i]);
            } catch (ArithmeticException overflow) {
                fail(TestStatus.INVALID_INPUT, "the unit counts add up to more than " + Long.MAX_VALUE);
                return;
            }
        }
        if (weightSum <= 0 || !Double.isFinite(weightSum)) {
            fail(TestStatus.INVALID_INPUT, "the weights add up to " + weightSum + ", not a positive number");
            return;
        }
        for (int i = 0; i < observed.length; i++) {
            if (!hasShare(i) && observed[i] > 0) {
                unitsInZeroWeightVariant = true;
                fail(TestStatus.INVALID_INPUT, name(i) + " has weight 0 but received " + observed[i]
                        + " units: assignment does not follow the configured weights");
                return;
            }
        }
        if (tested().length < 2) {
            fail(TestStatus.INVALID_INPUT, "fewer than 2 variants have a positive weight: there is no ratio to check");
            return;
        }
        if (total == 0) {
            fail(TestStatus.NOT_ENOUGH_DATA, "no units have been assigned yet");
        }
    }

    private void fail(TestStatus failure, String words) {
        status = failure;
        detail = words;
    }

    private String name(int i) {
        return names != null && i < names.size() ? "variant '" + names.get(i) + "'" : "variant #" + i;
    }

    TestStatus status() {
        return status;
    }

    String detail() {
        return detail;
    }

    boolean isOk() {
        return status == TestStatus.OK;
    }

    /** True when a variant with weight 0 received units: a certain mismatch. */
    boolean unitsInZeroWeightVariant() {
        return unitsInZeroWeightVariant;
    }

    long total() {
        return total;
    }

    /** A share w_i / sum_j w_j above 0; a positive weight whose share underflows to 0 counts as weight 0. */
    private boolean hasShare(int i) {
        return scaled[i] / weightSum > 0;
    }

    /**
     * The weights divided by the largest, so that their sum is finite (at most the number of variants) for any
     * finite weights; the shares are the same. All zeros when every weight is 0.
     */
    private static double[] scaledByLargest(double[] weights) {
        double largest = 0;
        for (double w : weights) {
            largest = Math.max(largest, w);
        }
        double[] result = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            result[i] = largest > 0 ? weights[i] / largest : 0;
        }
        return result;
    }

    /** Indices of the variants with a positive weight, the ones the tests compare. */
    int[] tested() {
        return java.util.stream.IntStream.range(0, weights.length).filter(this::hasShare).toArray();
    }

    long[] testedObserved() {
        int[] tested = tested();
        long[] result = new long[tested.length];
        for (int j = 0; j < tested.length; j++) {
            result[j] = observed[tested[j]];
        }
        return result;
    }

    /** The null shares p_i = w_i / sum_j w_j of the variants with a positive weight. */
    double[] testedShares() {
        int[] tested = tested();
        double sum = 0;
        for (int i : tested) {
            sum += scaled[i];
        }
        double[] result = new double[tested.length];
        for (int j = 0; j < tested.length; j++) {
            result[j] = scaled[tested[j]] / sum;
        }
        return result;
    }

    /** x_i / n for every variant in input order; null without valid counts or without units. */
    List<Double> observedShares() {
        if (observed == null || total <= 0 || (status != TestStatus.OK && !unitsInZeroWeightVariant)) {
            return null;
        }
        List<Double> shares = new ArrayList<>(observed.length);
        for (long x : observed) {
            shares.add((double) x / total);
        }
        return List.copyOf(shares);
    }

    /** w_i / sum_j w_j for every variant in input order; null when the weights are not valid. */
    List<Double> expectedShares() {
        if (weights == null || observed == null || weights.length != observed.length || weights.length < 2) {
            return null;
        }
        for (double w : weights) {
            if (!Double.isFinite(w) || w < 0) {
                return null;
            }
        }
        double[] relative = scaledByLargest(weights);
        double sum = 0;
        for (double w : relative) {
            sum += w;
        }
        if (sum <= 0) {
            return null;
        }
        List<Double> shares = new ArrayList<>(weights.length);
        for (double w : relative) {
            shares.add(w / sum);
        }
        return List.copyOf(shares);
    }
}
