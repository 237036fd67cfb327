package io.abtest.config;

import java.util.List;

/**
 * The one limit the router's monotone split puts on weights: with K challengers each owns a lane of 1/K of
 * the units, so no challenger's share may exceed 1/K (see {@code io.abtest.router.SplitLayout}). The loader
 * checks configured weights with it, the router checks control records with it.
 */
public final class LaneCapacity {

    private static final double TOLERANCE = 1e-12;

    private LaneCapacity() {}

    /**
     * @param names variant names, in configuration order
     * @param weights their relative weights, each finite and >= 0, not all 0
     * @param controlIndex which variant is the control
     * @return what is wrong, naming the variant; null when every challenger fits its lane
     */
    public static String problem(List<String> names, double[] weights, int controlIndex) {
        int challengers = weights.length - 1;
        double cap = 1.0 / Math.max(challengers, 1);
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        for (int i = 0; i < weights.length; i++) {
            double share = weights[i] / sum;
            if (i != controlIndex && share > cap + TOLERANCE) {
                return String.format(
                        "variant \"%s\" would get %.4g%% of traffic, but with %d challengers each may take at most"
                                + " %.4g%% (its lane), so that raising or lowering a weight never moves units"
                                + " between challengers",
                        names.get(i), 100 * share, challengers, 100 * cap);
            }
        }
        return null;
    }
}
