package io.abtest.jobs.synthetic;

import java.util.SplittableRandom;

/**
 * How many requests one unit makes during the traffic.
 *
 * @param shape {@link Shape#FIXED}: every unit makes {@code round(mean)}; {@link Shape#POISSON}: {@code 1 + Poisson(mean - 1)},
 *     so every generated unit shows up at least once and the mean is still {@code mean}
 * @param mean >= 1
 */
public record RequestsPerUnit(Shape shape, double mean) {

    public enum Shape { FIXED, POISSON }

    public RequestsPerUnit {
        if (shape == null) {
            throw new IllegalArgumentException("shape must be given");
        }
        if (!(mean >= 1) || mean > 1_000_000) {
            throw new IllegalArgumentException("mean requests per unit must be in [1, 1e6], was " + mean);
        }
    }

    public static RequestsPerUnit fixed(int requests) {
        return new RequestsPerUnit(Shape.FIXED, requests);
    }

    public static RequestsPerUnit poisson(double mean) {
        return new RequestsPerUnit(Shape.POISSON, mean);
    }

    int sample(SplittableRandom random) {
        return shape == Shape.FIXED ? (int) Math.round(mean) : 1 + poisson(mean - 1, random);
    }

    /** Knuth's multiplication method for small means, a rounded normal approximation above 30. */
    private static int poisson(double lambda, SplittableRandom random) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
