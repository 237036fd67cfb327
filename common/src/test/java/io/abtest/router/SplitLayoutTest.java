package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitLayoutTest {

    /**
     * With one challenger, {@link SplitLayout#variantAt} skips the lane division; it must answer exactly as the
     * general rule (lane {@code min(position / laneWidth, K - 1)}, the challenger below its interval's end), which
     * the golden files pin only for two challengers.
     */
    @Test
    void oneChallengerAnswersAsTheGeneralRule() {
        List<String> names = List.of("control", "challenger");
        SplittableRandom random = new SplittableRandom(12);
        for (double challengerWeight : new double[] {0, 1, 10, 33.3, 50, 99, 100}) {
            SplitLayout layout = SplitLayout.of(new double[] {100 - challengerWeight, challengerWeight}, 0, names);
            double end = layout.shares()[1];
            double[] edges = {0, end, Math.nextDown(end), Math.nextUp(end), Math.nextDown(1.0)};
            for (double position : edges) {
                assertEquals(generalRule(position, end), layout.variantAt(position), "position " + position);
            }
            for (int i = 0; i < 100_000; i++) {
                double position = random.nextDouble();
                assertEquals(generalRule(position, end), layout.variantAt(position), "position " + position);
            }
        }
    }

    /** The variant index by the general rule for one lane of width 1 held by variant 1 up to {@code end}. */
    private static int generalRule(double position, double end) {
        double laneWidth = 1.0;
        int lane = Math.min((int) (position / laneWidth), 0);
        double[] laneEnd = {lane * laneWidth + end};
        return position < laneEnd[lane] ? 1 : 0;
    }
}
