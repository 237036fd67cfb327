package io.abtest.stats.sequential;

import io.abtest.stats.Estimate;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * One simulated two-arm experiment analysed after every {@code unitsPerLook} units per arm up to
 * {@code maxUnitsPerArm}: the per-arm summaries grow by Chan et al.'s merge of each new batch (never recomputed),
 * and the analysis sees an {@link Estimate} at every look.
 */
record PeekedExperiment(int unitsPerLook, int maxUnitsPerArm,
        ToDoubleFunction<SplittableRandom> control, ToDoubleFunction<SplittableRandom> treatment) {

    interface Look {
        void at(int look, Estimate estimate);
    }

    /** A look at the cumulative summaries themselves, for analyses that build their own estimate. */
    interface SummaryLook {
        void at(int look, SufficientStatistics control, SufficientStatistics treatment);
    }

    int looks() {
        return maxUnitsPerArm / unitsPerLook;
    }

    void run(SplittableRandom random, Look analysis) {
        runOnSummaries(random, (look, c, t) -> analysis.at(look, TestEstimates.of(c, t)));
    }

    void runOnSummaries(SplittableRandom random, SummaryLook analysis) {
        SufficientStatistics c = SufficientStatistics.EMPTY;
        SufficientStatistics t = SufficientStatistics.EMPTY;
        for (int look = 0; look < looks(); look++) {
            c = c.merge(batch(random, control));
            t = t.merge(batch(random, treatment));
            analysis.at(look, c, t);
        }
    }

    private SufficientStatistics batch(SplittableRandom random, ToDoubleFunction<SplittableRandom> unit) {
        SufficientStatistics batch = SufficientStatistics.EMPTY;
        for (int i = 0; i < unitsPerLook; i++) {
            batch = batch.merge(SufficientStatistics.ofUnit(unit.applyAsDouble(random)));
        }
        return batch;
    }

    static ToDoubleFunction<SplittableRandom> bernoulli(double p) {
        return r -> r.nextDouble() < p ? 1 : 0;
    }

    /** exp(N(0, 1)): mean e^0.5, variance (e - 1) e, skewness about 6.2. */
    static ToDoubleFunction<SplittableRandom> logNormal(double scale) {
        return r -> scale * Math.exp(r.nextGaussian());
    }
}
