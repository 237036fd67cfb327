package io.abtest.router;

import io.abtest.config.LaneCapacity;
import java.util.Arrays;
import java.util.List;

/**
 * Where each variant's units lie on [0, 1), for one vector of weights.
 *
 * <p>With K challengers, challenger j (in configuration order, j = 0..K-1) owns the lane
 * [j/K, (j+1)/K) and takes the interval [j/K, j/K + w_j) at its start; the control takes what every
 * lane leaves. Each challenger's units are therefore an interval anchored at a fixed point: raising its
 * weight only takes positions from the control, lowering it gives exactly those positions back, and
 * no position ever passes from one challenger to another, whatever the weights (CONTRACT.md section 5,
 * "monotone"). The price is a cap: a challenger's share may not exceed its lane, 1/K.
 * (With one challenger the cap is 100%; with two, 50% each.) {@link LaneCapacity} states the cap.
 */
final class SplitLayout {

    private final int controlIndex;
    private final double laneWidth;
    /** Per lane: the challenger's variant index and the end of its interval. */
    private final int[] laneVariant;
    private final double[] laneEnd;
    private final double[] shares;

    private SplitLayout(int controlIndex, int[] laneVariant, double[] laneEnd, double[] shares) {
        this.controlIndex = controlIndex;
        this.laneVariant = laneVariant;
        this.laneEnd = laneEnd;
        this.laneWidth = laneVariant.length == 0 ? 1.0 : 1.0 / laneVariant.length;
        this.shares = shares;
    }

    /**
     * @param weights one relative weight per variant, in configuration order, each finite and >= 0, sum > 0
     * @param names the variants' names, for messages
     * @throws IllegalArgumentException naming the variant whose weight does not fit, or the bad weight
     */
    static SplitLayout of(double[] weights, int controlIndex, List<String> names) {
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i]) || weights[i] < 0) {
                throw new IllegalArgumentException(
                        "weight of variant '" + names.get(i) + "' must be a finite number >= 0, got " + weights[i]);
            }
            sum += weights[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights must not all be 0");
        }
        String overCapacity = LaneCapacity.problem(names, weights, controlIndex);
        if (overCapacity != null) {
            throw new IllegalArgumentException(overCapacity);
        }
        int challengers = weights.length - 1;
        int[] laneVariant = new int[challengers];
        double[] laneEnd = new double[challengers];
        double[] shares = new double[weights.length];
        double cap = 1.0 / Math.max(challengers, 1);
        int lane = 0;
        for (int i = 0; i < weights.length; i++) {
            shares[i] = weights[i] / sum;
            if (i == controlIndex) {
                continue;
            }
            laneVariant[lane] = i;
            laneEnd[lane] = lane * cap + Math.min(shares[i], cap);
            lane++;
        }
        return new SplitLayout(controlIndex, laneVariant, laneEnd, shares);
    }

    /** The variant index for a position in [0, 1). */
    int variantAt(double position) {
        if (laneVariant.length == 0) {
            return controlIndex;
        }
        if (laneVariant.length == 1) {
            // One challenger, one lane: the division below would always give lane 0, so skip it (the common A/B case).
            return position < laneEnd[0] ? laneVariant[0] : controlIndex;
        }
        int lane = Math.min((int) (position / laneWidth), laneVariant.length - 1);
        return position < laneEnd[lane] ? laneVariant[lane] : controlIndex;
    }

    /** Normalized shares, in configuration order. */
    double[] shares() {
        return shares.clone();
    }

    @Override
    public String toString() {
        return "SplitLayout" + Arrays.toString(shares);
    }
}
