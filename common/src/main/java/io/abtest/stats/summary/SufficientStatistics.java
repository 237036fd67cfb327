package io.abtest.stats.summary;

/**
 * Per variant and metric, everything the tests need about the per-unit values: the number of units, the means
 * and the centered co-moments of each unit's value y, denominator d (ratio metrics; 1 otherwise) and covariate c
 * (regression adjustment; 0 when none). Immutable and mergeable in any order, so Flink keeps one per window and
 * parallel instance and merges them.
 *
 * <p>Co-moments, not raw sums of squares: {@code C_xy = sum (x_i - mean_x)(y_i - mean_y)}. Merging uses the
 * pairwise update of Chan, Golub and LeVeque, which does not lose precision the way {@code sum(x^2) - n mean^2}
 * does for large means:
 * <pre>
 *   n = n_a + n_b,   delta_x = mean_x,b - mean_x,a,   mean_x = mean_x,a + delta_x n_b / n
 *   C_xy = C_xy,a + C_xy,b + delta_x delta_y n_a n_b / n
 * </pre>
 * References:
 * <ol>
 *   <li>T. F. Chan, G. H. Golub, R. J. LeVeque, "Updating formulae and a pairwise algorithm for computing sample
 *       variances", COMPSTAN 1982 (Stanford tech. report STAN-CS-79-773, 1979).</li>
 *   <li>P. Pébay, "Formulas for robust, one-pass parallel computation of covariances and arbitrary-order
 *       statistical moments", Sandia report SAND2008-6212, eq. 3.13 (co-moments).</li>
 * </ol>
 */
public final class SufficientStatistics {

    public static final SufficientStatistics EMPTY = new SufficientStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final long n;
    private final double meanY;
    private final double meanD;
    private final double meanC;
    private final double cYY;
    private final double cDD;
    private final double cCC;
    private final double cYD;
    private final double cYC;
    private final double cDC;

    private SufficientStatistics(long n, double meanY, double meanD, double meanC,
            double cYY, double cDD, double cCC, double cYD, double cYC, double cDC) {
        this.n = n;
        this.meanY = meanY;
        this.meanD = meanD;
        this.meanC = meanC;
        this.cYY = cYY;
        this.cDD = cDD;
        this.cCC = cCC;
        this.cYD = cYD;
        this.cYC = cYC;
        this.cDC = cDC;
    }

    /** One unit of a mean or proportion metric: value y, denominator 1, no covariate. */
    public static SufficientStatistics ofUnit(double y) {
        return ofUnit(y, 1, 0);
    }

    /** One unit: value y (a ratio's numerator), denominator d, covariate c. */
    public static SufficientStatistics ofUnit(double y, double d, double c) {
        return new SufficientStatistics(1, y, d, c, 0, 0, 0, 0, 0, 0);
    }

    /** Restores a summary from its stored fields (e.g. an {@code aggregates} row); the inverse of the accessors. */
    public static SufficientStatistics of(long n, double meanY, double meanD, double meanC,
            double cYY, double cDD, double cCC, double cYD, double cYC, double cDC) {
        return n == 0 ? EMPTY : new SufficientStatistics(n, meanY, meanD, meanC, cYY, cDD, cCC, cYD, cYC, cDC);
    }

    public SufficientStatistics add(double y, double d, double c) {
        return merge(ofUnit(y, d, c));
    }

    /** The summary of both sets of units (Chan et al.'s pairwise update). */
    public SufficientStatistics merge(SufficientStatistics other) {
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            return other;
        }
        long total = n + other.n;
        double weight = (double) other.n / total;
        double dy = other.meanY - meanY;
        double dd = other.meanD - meanD;
        double dc = other.meanC - meanC;
        double cross = (double) n * other.n / total;
        return new SufficientStatistics(total,
                meanY + dy * weight, meanD + dd * weight, meanC + dc * weight,
                cYY + other.cYY + dy * dy * cross,
                cDD + other.cDD + dd * dd * cross,
                cCC + other.cCC + dc * dc * cross,
                cYD + other.cYD + dy * dd * cross,
                cYC + other.cYC + dy * dc * cross,
                cDC + other.cDC + dd * dc * cross);
    }

    /**
     * The summary of these units without {@code part}, a subset of them: the pairwise update solved for one side
     * (n_a = n - n_b, mean_a = (n mean - n_b mean_b) / n_a, C_a = C - C_b - delta delta' n_a n_b / n). The streaming
     * analysis uses it to replace a unit's earlier contribution by its current one.
     */
    public SufficientStatistics remove(SufficientStatistics part) {
        if (part.n == 0) {
            return this;
        }
        long rest = n - part.n;
        if (rest <= 0) {
            return EMPTY;
        }
        double restMeanY = (n * meanY - part.n * part.meanY) / rest;
        double restMeanD = (n * meanD - part.n * part.meanD) / rest;
        double restMeanC = (n * meanC - part.n * part.meanC) / rest;
        double dy = part.meanY - restMeanY;
        double dd = part.meanD - restMeanD;
        double dc = part.meanC - restMeanC;
        double cross = (double) rest * part.n / n;
        return new SufficientStatistics(rest, restMeanY, restMeanD, restMeanC,
                cYY - part.cYY - dy * dy * cross,
                cDD - part.cDD - dd * dd * cross,
                cCC - part.cCC - dc * dc * cross,
                cYD - part.cYD - dy * dd * cross,
                cYC - part.cYC - dy * dc * cross,
                cDC - part.cDC - dd * dc * cross);
    }

    public long n() {
        return n;
    }

    public double meanY() {
        return meanY;
    }

    public double meanD() {
        return meanD;
    }

    public double meanC() {
        return meanC;
    }

    /** Co-moment sum (y - mean_y)^2. */
    public double cYY() {
        return cYY;
    }

    public double cDD() {
        return cDD;
    }

    public double cCC() {
        return cCC;
    }

    public double cYD() {
        return cYD;
    }

    public double cYC() {
        return cYC;
    }

    public double cDC() {
        return cDC;
    }

    /** Sample variance of y (n - 1 in the denominator); NaN below two units. */
    public double varianceY() {
        return n < 2 ? Double.NaN : cYY / (n - 1);
    }

    public double varianceD() {
        return n < 2 ? Double.NaN : cDD / (n - 1);
    }

    public double varianceC() {
        return n < 2 ? Double.NaN : cCC / (n - 1);
    }

    public double covarianceYD() {
        return n < 2 ? Double.NaN : cYD / (n - 1);
    }

    public double covarianceYC() {
        return n < 2 ? Double.NaN : cYC / (n - 1);
    }

    public double covarianceDC() {
        return n < 2 ? Double.NaN : cDC / (n - 1);
    }

    /** Sum of y over the units, for readers that want plain sums. */
    public double sumY() {
        return n * meanY;
    }

    public double sumD() {
        return n * meanD;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SufficientStatistics s && n == s.n
                && meanY == s.meanY && meanD == s.meanD && meanC == s.meanC
                && cYY == s.cYY && cDD == s.cDD && cCC == s.cCC && cYD == s.cYD && cYC == s.cYC && cDC == s.cDC;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(n) * 31 + Double.hashCode(meanY);
    }

    @Override
    public String toString() {
        return "SufficientStatistics{n=" + n + ", meanY=" + meanY + ", meanD=" + meanD + ", meanC=" + meanC
                + ", cYY=" + cYY + ", cDD=" + cDD + ", cCC=" + cCC + ", cYD=" + cYD + ", cYC=" + cYC + ", cDC=" + cDC + "}";
    }
}
