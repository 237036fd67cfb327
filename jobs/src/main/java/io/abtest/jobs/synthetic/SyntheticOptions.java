package io.abtest.jobs.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What traffic {@link SyntheticTraffic} generates. Build with {@link #builder()}; every option has the default
 * named below, chosen so that a default run is a small, realistic A/A test with a little bad input.
 *
 * <p>Fractions of extra records are relative to counts of VALID records, so the expected counts are exact:
 * {@code MALFORMED = round(malformedFraction * valid)}, {@code DUPLICATE = round(duplicateFraction * valid)},
 * {@code LATE = round(lateFraction * valid)}, {@code UNMATCHED_OUTCOME = round(unmatchedOutcomeFraction * outcomes)}.
 *
 * @param seed the random seed; the same seed, options and experiment give the same records (default 42)
 * @param units units generated (default 10,000); units the targeting rule turns away produce nothing
 * @param requestsPerUnit requests per unit (default Poisson with mean 5, at least 1)
 * @param start event time of the traffic's beginning (default 2026-01-01T00:00:00Z)
 * @param duration request times are uniform over {@code [start, start + duration)} (default 1 h)
 * @param baselineConversionRate the control's conversion probability per served request (default 0.10)
 * @param weights the split to route by, {@code variant -> weight}, applied to the router as a RUNNING control
 *     record would be (default none: the configuration's weights and ramp-up)
 * @param lift relative lift of conversion per challenger, {@code 0.1} = +10% (default none: 0 for every challenger)
 * @param unitHeterogeneity units convert at {@code rate * (1 - h)} or {@code rate * (1 + h)}, half each, so
 *     per-unit outcomes are correlated as in real traffic; the unit's {@code values.pre_converted} (a pre-period
 *     conversion, drawn at the baseline rate times the same factor) is a covariate for variance reduction (default 0.5)
 * @param revenue revenue of a conversion, rounded to cents (default median 20, sigma 0.8)
 * @param latency serving latency in ms of variants not in {@code latencyByVariant} (default median 20, sigma 0.4)
 * @param latencyByVariant serving latency per variant (default none)
 * @param latencyFaults windows of extra latency (default none)
 * @param errorRate fraction of predictions with status {@code error} (default 0.002)
 * @param timeoutRate fraction of predictions with status {@code timeout} (default 0.001)
 * @param shadowRate fraction of served requests that also get a shadow prediction ({@code served=false}) of another
 *     variant: a challenger for control units (chosen at random when there are several), the control otherwise
 *     (default 0)
 * @param outcomeRate fraction of served requests that get an outcome event (default 1.0)
 * @param outcomeDelayMean outcomes follow their prediction after an exponential delay with this mean, capped 1 ms
 *     below the attribution window (default 2 min)
 * @param unmatchedOutcomeFraction extra outcomes whose request id matches no prediction (default 0.01)
 * @param malformedFraction bad-input records, cycling through {@link MalformedKind} (default 0.01)
 * @param duplicateFraction re-sent copies of VALID records, arriving after the original and within
 *     {@code maxDisorder} of its event time (default 0.01)
 * @param lateFraction records placed in the second half of the stream with an event time {@code allowed lateness +
 *     lateMargin} older than the newest event time before them (default 0.002)
 * @param lateMargin how far beyond the allowed lateness late records are; must exceed the job's out-of-orderness
 *     bound and any lag between partitions (default 10 min)
 * @param maxDisorder arrival order is event-time order up to this much disorder (default 2 s); keep it below the
 *     experiment's allowed lateness so that no VALID record is late
 * @param attributeValues each unit draws one value per attribute, uniformly (default country US/CA, device
 *     ios/android/web, tier free/paid)
 * @param switchedUnitFraction each targeted unit is, with this probability, switched to another variant (the other
 *     one of two; one of the others at random) at an instant uniform over the traffic's span: its requests from then
 *     on are served by that variant, as when a unit's assignment changes mid-experiment. The units that get served
 *     predictions of both variants are {@link SyntheticSummary#multipleExposureUnits()} (default 0)
 */
public record SyntheticOptions(
        long seed,
        int units,
        RequestsPerUnit requestsPerUnit,
        Instant start,
        Duration duration,
        double baselineConversionRate,
        Map<String, Double> weights,
        Map<String, Double> lift,
        double unitHeterogeneity,
        LogNormal revenue,
        LogNormal latency,
        Map<String, LogNormal> latencyByVariant,
        List<LatencyFault> latencyFaults,
        double errorRate,
        double timeoutRate,
        double shadowRate,
        double outcomeRate,
        Duration outcomeDelayMean,
        double unmatchedOutcomeFraction,
        double malformedFraction,
        double duplicateFraction,
        double lateFraction,
        Duration lateMargin,
        Duration maxDisorder,
        Map<String, List<String>> attributeValues,
        double switchedUnitFraction) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_UNITS = 10_000;
    public static final RequestsPerUnit DEFAULT_REQUESTS_PER_UNIT = RequestsPerUnit.poisson(5);
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    public static final Duration DEFAULT_DURATION = Duration.ofHours(1);
    public static final double DEFAULT_BASELINE_CONVERSION_RATE = 0.10;
    public static final double DEFAULT_UNIT_HETEROGENEITY = 0.5;
    public static final LogNormal DEFAULT_REVENUE = new LogNormal(20, 0.8);
    public static final LogNormal DEFAULT_LATENCY = new LogNormal(20, 0.4);
    public static final double DEFAULT_ERROR_RATE = 0.002;
    public static final double DEFAULT_TIMEOUT_RATE = 0.001;
    public static final double DEFAULT_SHADOW_RATE = 0;
    public static final double DEFAULT_OUTCOME_RATE = 1.0;
    public static final Duration DEFAULT_OUTCOME_DELAY_MEAN = Duration.ofMinutes(2);
    public static final double DEFAULT_UNMATCHED_OUTCOME_FRACTION = 0.01;
    public static final double DEFAULT_MALFORMED_FRACTION = 0.01;
    public static final double DEFAULT_DUPLICATE_FRACTION = 0.01;
    public static final double DEFAULT_LATE_FRACTION = 0.002;
    public static final Duration DEFAULT_LATE_MARGIN = Duration.ofMinutes(10);
    public static final Duration DEFAULT_MAX_DISORDER = Duration.ofSeconds(2);
    public static final Map<String, List<String>> DEFAULT_ATTRIBUTE_VALUES = defaultAttributes();
    public static final double DEFAULT_SWITCHED_UNIT_FRACTION = 0;

    public SyntheticOptions {
        require(units >= 1, "units must be >= 1, was " + units);
        require(requestsPerUnit != null, "requests per unit must be given");
        require(start != null, "start must be given");
        require(duration != null && !duration.isNegative() && !duration.isZero(), "duration must be > 0, was " + duration);
        requireProbability(baselineConversionRate, "baseline conversion rate");
        weights = Map.copyOf(weights);
        weights.forEach((variant, value) -> require(value >= 0 && Double.isFinite(value),
                "weight of " + variant + " must be a finite number >= 0, was " + value));
        lift = Map.copyOf(lift);
        lift.forEach((variant, value) -> require(value > -1 && Double.isFinite(value),
                "lift of " + variant + " must be > -1, was " + value));
        require(unitHeterogeneity >= 0 && unitHeterogeneity < 1, "unit heterogeneity must be in [0, 1), was " + unitHeterogeneity);
        require(revenue != null && latency != null, "revenue and latency distributions must be given");
        latencyByVariant = Map.copyOf(latencyByVariant);
        latencyFaults = List.copyOf(latencyFaults);
        requireProbability(errorRate, "error rate");
        requireProbability(timeoutRate, "timeout rate");
        require(errorRate + timeoutRate <= 1, "error rate + timeout rate must be <= 1");
        requireProbability(shadowRate, "shadow rate");
        requireProbability(outcomeRate, "outcome rate");
        require(outcomeDelayMean != null && !outcomeDelayMean.isNegative(), "outcome delay mean must be >= 0");
        requireFraction(unmatchedOutcomeFraction, "unmatched outcome fraction");
        requireFraction(malformedFraction, "malformed fraction");
        requireFraction(duplicateFraction, "duplicate fraction");
        requireFraction(lateFraction, "late fraction");
        require(lateMargin != null && !lateMargin.isNegative(), "late margin must be >= 0");
        require(maxDisorder != null && !maxDisorder.isNegative(), "max disorder must be >= 0");
        requireProbability(switchedUnitFraction, "switched unit fraction");
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributeValues.forEach((name, values) -> {
            require(!values.isEmpty(), "attribute " + name + " needs at least one value");
            attributes.put(name, List.copyOf(values));
        });
        attributeValues = java.util.Collections.unmodifiableMap(attributes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Relative lift of a variant; 0 for the control and for challengers not named. */
    public double liftOf(String variant) {
        return lift.getOrDefault(variant, 0.0);
    }

    public LogNormal latencyOf(String variant) {
        return latencyByVariant.getOrDefault(variant, latency);
    }

    private static Map<String, List<String>> defaultAttributes() {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put("country", List.of("US", "CA"));
        attributes.put("device", List.of("ios", "android", "web"));
        attributes.put("tier", List.of("free", "paid"));
        return java.util.Collections.unmodifiableMap(attributes);
    }

    private static void requireProbability(double value, String name) {
        require(value >= 0 && value <= 1, name + " must be in [0, 1], was " + value);
    }

    private static void requireFraction(double value, String name) {
        require(value >= 0 && value <= 10, name + " must be in [0, 10], was " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Mutable builder with the defaults above. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private int units = DEFAULT_UNITS;
        private RequestsPerUnit requestsPerUnit = DEFAULT_REQUESTS_PER_UNIT;
        private Instant start = DEFAULT_START;
        private Duration duration = DEFAULT_DURATION;
        private double baselineConversionRate = DEFAULT_BASELINE_CONVERSION_RATE;
        private final Map<String, Double> weights = new LinkedHashMap<>();
        private final Map<String, Double> lift = new LinkedHashMap<>();
        private double unitHeterogeneity = DEFAULT_UNIT_HETEROGENEITY;
        private LogNormal revenue = DEFAULT_REVENUE;
        private LogNormal latency = DEFAULT_LATENCY;
        private final Map<String, LogNormal> latencyByVariant = new LinkedHashMap<>();
        private final List<LatencyFault> latencyFaults = new ArrayList<>();
        private double errorRate = DEFAULT_ERROR_RATE;
        private double timeoutRate = DEFAULT_TIMEOUT_RATE;
        private double shadowRate = DEFAULT_SHADOW_RATE;
        private double outcomeRate = DEFAULT_OUTCOME_RATE;
        private Duration outcomeDelayMean = DEFAULT_OUTCOME_DELAY_MEAN;
        private double unmatchedOutcomeFraction = DEFAULT_UNMATCHED_OUTCOME_FRACTION;
        private double malformedFraction = DEFAULT_MALFORMED_FRACTION;
        private double duplicateFraction = DEFAULT_DUPLICATE_FRACTION;
        private double lateFraction = DEFAULT_LATE_FRACTION;
        private Duration lateMargin = DEFAULT_LATE_MARGIN;
        private Duration maxDisorder = DEFAULT_MAX_DISORDER;
        private final Map<String, List<String>> attributeValues = new LinkedHashMap<>(DEFAULT_ATTRIBUTE_VALUES);
        private double switchedUnitFraction = DEFAULT_SWITCHED_UNIT_FRACTION;

        private Builder() {}

        private Builder(SyntheticOptions o) {
            seed = o.seed;
            units = o.units;
            requestsPerUnit = o.requestsPerUnit;
            start = o.start;
            duration = o.duration;
            baselineConversionRate = o.baselineConversionRate;
            weights.putAll(o.weights);
            lift.putAll(o.lift);
            unitHeterogeneity = o.unitHeterogeneity;
            revenue = o.revenue;
            latency = o.latency;
            latencyByVariant.putAll(o.latencyByVariant);
            latencyFaults.addAll(o.latencyFaults);
            errorRate = o.errorRate;
            timeoutRate = o.timeoutRate;
            shadowRate = o.shadowRate;
            outcomeRate = o.outcomeRate;
            outcomeDelayMean = o.outcomeDelayMean;
            unmatchedOutcomeFraction = o.unmatchedOutcomeFraction;
            malformedFraction = o.malformedFraction;
            duplicateFraction = o.duplicateFraction;
            lateFraction = o.lateFraction;
            lateMargin = o.lateMargin;
            maxDisorder = o.maxDisorder;
            attributeValues.clear();
            attributeValues.putAll(o.attributeValues);
            switchedUnitFraction = o.switchedUnitFraction;
        }

        public Builder switchedUnitFraction(double value) { switchedUnitFraction = value; return this; }

        public Builder seed(long value) { seed = value; return this; }

        public Builder units(int value) { units = value; return this; }

        public Builder requestsPerUnit(RequestsPerUnit value) { requestsPerUnit = value; return this; }

        public Builder start(Instant value) { start = value; return this; }

        public Builder duration(Duration value) { duration = value; return this; }

        public Builder baselineConversionRate(double value) { baselineConversionRate = value; return this; }

        public Builder weight(String variant, double value) { weights.put(variant, value); return this; }

        public Builder lift(String variant, double value) { lift.put(variant, value); return this; }

        public Builder unitHeterogeneity(double value) { unitHeterogeneity = value; return this; }

        public Builder revenue(LogNormal value) { revenue = value; return this; }

        public Builder latency(LogNormal value) { latency = value; return this; }

        public Builder latency(String variant, LogNormal value) { latencyByVariant.put(variant, value); return this; }

        public Builder latencyFault(LatencyFault value) { latencyFaults.add(value); return this; }

        public Builder errorRate(double value) { errorRate = value; return this; }

        public Builder timeoutRate(double value) { timeoutRate = value; return this; }

        public Builder shadowRate(double value) { shadowRate = value; return this; }

        public Builder outcomeRate(double value) { outcomeRate = value; return this; }

        public Builder outcomeDelayMean(Duration value) { outcomeDelayMean = value; return this; }

        public Builder unmatchedOutcomeFraction(double value) { unmatchedOutcomeFraction = value; return this; }

        public Builder malformedFraction(double value) { malformedFraction = value; return this; }

        public Builder duplicateFraction(double value) { duplicateFraction = value; return this; }

        public Builder lateFraction(double value) { lateFraction = value; return this; }

        public Builder lateMargin(Duration value) { lateMargin = value; return this; }

        public Builder maxDisorder(Duration value) { maxDisorder = value; return this; }

        /** Replaces the default attributes; an empty map gives units no attributes. */
        public Builder attributeValues(Map<String, List<String>> value) {
            attributeValues.clear();
            attributeValues.putAll(value);
            return this;
        }

        /** No malformed, duplicate, late or unmatched records: only VALID ones. */
        public Builder clean() {
            return malformedFraction(0).duplicateFraction(0).lateFraction(0).unmatchedOutcomeFraction(0);
        }

        /** @throws IllegalArgumentException naming the first option out of range */
        public SyntheticOptions build() {
            return new SyntheticOptions(seed, units, requestsPerUnit, start, duration, baselineConversionRate, weights, lift,
                    unitHeterogeneity, revenue, latency, latencyByVariant, latencyFaults, errorRate, timeoutRate,
                    shadowRate, outcomeRate, outcomeDelayMean, unmatchedOutcomeFraction, malformedFraction,
                    duplicateFraction, lateFraction, lateMargin, maxDisorder, attributeValues, switchedUnitFraction);
        }
    }
}
