package io.abtest.stats.fixed;

import io.abtest.stats.summary.SufficientStatistics;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Seeded per-unit data for the simulations, merged unit by unit into a summary as the aggregation does.
 * Distributions come from Commons Statistics; the uniform source is a {@link SplittableRandom}.
 */
final class UnitGenerator {

    private final SplittableRandom random;
    private final UniformRandomProvider rng;
    private final ContinuousDistribution.Sampler activity;
    private final ContinuousDistribution.Sampler propensity;

    UnitGenerator(long seed) {
        random = new SplittableRandom(seed);
        rng = random::nextLong;
        activity = GammaDistribution.of(2.0, 1.5).createSampler(rng);
        propensity = GammaDistribution.of(4.0, 0.25).createSampler(rng);
    }

    /** n Bernoulli(p) conversions. */
    SufficientStatistics bernoulli(int n, double p) {
        SufficientStatistics s = SufficientStatistics.EMPTY;
        for (int i = 0; i < n; i++) {
            s = s.add(random.nextDouble() < p ? 1 : 0, 1, 0);
        }
        return s;
    }

    /** n log-normal values exp(mu + Z): skewed like revenue per user, mean exp(mu + 1/2). */
    SufficientStatistics logNormal(int n, double mu) {
        SufficientStatistics s = SufficientStatistics.EMPTY;
        for (int i = 0; i < n; i++) {
            s = s.add(Math.exp(mu + random.nextGaussian()), 1, 0);
        }
        return s;
    }

    /**
     * n units of a clicks-per-request ratio: requests d = 1 + Poisson(a), a ~ Gamma(2, 1.5) per unit; clicks
     * y ~ Poisson(rate d u), u ~ Gamma(4, 0.25) (mean 1) per unit, so E[y] / E[d] = rate and a unit's requests
     * are correlated. The covariate is the unit's pre-period clicks, Poisson(0.6 a u): before the experiment, so
     * independent of the variant's rate (a covariate that the treatment moves biases the adjustment).
     */
    SufficientStatistics clicksPerRequest(int n, double rate) {
        SufficientStatistics s = SufficientStatistics.EMPTY;
        for (int i = 0; i < n; i++) {
            double a = activity.sample();
            double u = propensity.sample();
            int requests = 1 + poisson(a);
            int clicks = poisson(rate * requests * u);
            int preClicks = poisson(0.6 * a * u);
            s = s.add(clicks, requests, preClicks);
        }
        return s;
    }

    /**
     * n units with a pre-period value c ~ LogNormal(2, 0.5) and outcome y = 0.8 c + exp(Z) + effect, so
     * E[y] = 0.8 exp(2.125) + exp(0.5) + effect and corr(y, c) is about 0.96.
     */
    SufficientStatistics withCovariate(int n, double effect) {
        SufficientStatistics s = SufficientStatistics.EMPTY;
        for (int i = 0; i < n; i++) {
            double pre = Math.exp(2 + 0.5 * random.nextGaussian());
            s = s.add(0.8 * pre + Math.exp(random.nextGaussian()) + effect, 1, pre);
        }
        return s;
    }

    /**
     * n units with a pre-period value c ~ LogNormal(2, 0.5) and outcome y = 0.8 c + G + effect,
     * G ~ Gamma(shape, 1): what the adjustment leaves is G, of skewness 2 / sqrt(shape).
     */
    SufficientStatistics withCovariateAndGammaNoise(int n, double shape, double effect) {
        ContinuousDistribution.Sampler noise = GammaDistribution.of(shape, 1).createSampler(rng);
        SufficientStatistics s = SufficientStatistics.EMPTY;
        for (int i = 0; i < n; i++) {
            double pre = Math.exp(2 + 0.5 * random.nextGaussian());
            s = s.add(0.8 * pre + noise.sample() + effect, 1, pre);
        }
        return s;
    }

    static double withCovariateMean(double effect) {
        return 0.8 * Math.exp(2.125) + Math.exp(0.5) + effect;
    }

    private int poisson(double mean) {
        return mean > 0 ? PoissonDistribution.of(mean).createSampler(rng).sample() : 0;
    }
}
