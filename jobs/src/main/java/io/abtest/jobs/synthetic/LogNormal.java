package io.abtest.jobs.synthetic;

import java.util.SplittableRandom;

/**
 * A log-normal distribution given by its median and the standard deviation of its logarithm: the usual shape of
 * serving latencies and of order values (positive, right-skewed), with parameters a reader can picture.
 *
 * @param median the median, > 0
 * @param sigma standard deviation of {@code ln X}, >= 0; 0 makes every draw the median
 */
public record LogNormal(double median, double sigma) {

    public LogNormal {
        if (!(median > 0) || Double.isInfinite(median)) {
            throw new IllegalArgumentException("median must be a positive number, was " + median);
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a number >= 0, was " + sigma);
        }
    }

    /** The mean, {@code median * exp(sigma^2 / 2)}. */
    public double mean() {
        return median * Math.exp(sigma * sigma / 2);
    }

    double sample(SplittableRandom random) {
        return median * Math.exp(sigma * random.nextGaussian());
    }
}
