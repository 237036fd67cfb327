package io.abtest.jobs.synthetic;

/**
 * What the generator produced for one variant, counting VALID records only (duplicates, late and malformed records
 * excluded), so a test can compare the job's numbers with these.
 *
 * @param units distinct units with at least one served prediction of this variant (during a ramp-up a unit can
 *     count in two variants)
 * @param servedPredictions served predictions ({@code served=true})
 * @param shadowPredictions shadow predictions computed for this variant ({@code served=false})
 * @param outcomes outcomes that match a served prediction of this variant
 * @param conversions outcomes with {@code values.converted = 1}
 * @param convertedUnits distinct units with at least one conversion
 * @param revenue sum of {@code values.revenue}
 * @param errors served predictions with status {@code error}
 * @param timeouts served predictions with status {@code timeout}
 */
public record VariantCounts(
        long units,
        long servedPredictions,
        long shadowPredictions,
        long outcomes,
        long conversions,
        long convertedUnits,
        double revenue,
        long errors,
        long timeouts) {

    /** Conversions per served prediction. */
    public double conversionRate() {
        return servedPredictions == 0 ? Double.NaN : (double) conversions / servedPredictions;
    }
}
