package io.abtest.jobs.synthetic;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.Variant;
import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import io.abtest.event.ModelResult;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.event.RejectReason;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.router.Assignment;
import io.abtest.router.ExperimentRouter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One generation run: draws every unit's requests in unit order from a single seeded random, so the output depends
 * on the seed, the options and the experiment only, then adds the extra records and sorts by arrival.
 */
final class TrafficGenerator {

    /** How strongly a score separates converting from non-converting requests, on the logit scale. */
    private static final double SCORE_SIGNAL = 1.0;
    /** Share of non-converting requests that still click. */
    private static final double CLICK_WITHOUT_CONVERSION = 0.3;

    private final ExperimentConfig config;
    private final SyntheticOptions options;
    private final SplittableRandom random;
    private final ReplayClock clock = new ReplayClock();
    private final ExperimentRouter router;
    private final List<String> variants;
    private final long startMillis;
    private final long durationMillis;
    private final long maxDisorderMillis;
    private final long maxOutcomeDelayMillis;

    private final List<PlannedRecord> planned = new ArrayList<>();
    private final List<TargetedUnit> targetedUnits = new ArrayList<>();
    private final long[][] counts;
    private final double[] revenue;
    private long matchedOutcomes;
    private long untargetedUnits;
    private long multipleExposureUnits;
    private final Map<String, Long> singleVariantUnits = new LinkedHashMap<>();
    private final Map<String, Long> singleVariantConvertedUnits = new LinkedHashMap<>();

    private record TargetedUnit(String unitId, Map<String, String> attributes, double preConverted) {}

    private static final int UNITS = 0;
    private static final int SERVED = 1;
    private static final int SHADOW = 2;
    private static final int OUTCOMES = 3;
    private static final int CONVERSIONS = 4;
    private static final int CONVERTED_UNITS = 5;
    private static final int ERRORS = 6;
    private static final int TIMEOUTS = 7;

    TrafficGenerator(ExperimentConfig config, SyntheticOptions options) {
        this.config = config;
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.router = new ExperimentRouter(config, clock);
        if (!options.weights().isEmpty() && !router.apply(new ControlRecord(config.experimentId(), ControlState.RUNNING,
                options.weights(), "synthetic traffic weights", Instant.EPOCH))) {
            throw new IllegalArgumentException("weights " + options.weights() + " do not fit experiment "
                    + config.experimentId() + ": name only its variants, not all 0, each challenger within its lane");
        }
        this.variants = config.variants().stream().map(Variant::name).toList();
        this.startMillis = options.start().toEpochMilli();
        this.durationMillis = options.duration().toMillis();
        this.maxDisorderMillis = options.maxDisorder().toMillis();
        this.maxOutcomeDelayMillis = config.attributionWindow().toMillis() - 1;
        this.counts = new long[variants.size()][8];
        this.revenue = new double[variants.size()];
        checkAgainst(config, options);
    }

    SyntheticTraffic generate() {
        for (int unit = 0; unit < options.units(); unit++) {
            generateUnit(unit);
        }
        if (targetedUnits.isEmpty()) {
            throw new IllegalArgumentException("the targeting rule of " + config.experimentId()
                    + " admits none of the generated units; check the attribute values");
        }
        long valid = planned.size();
        addDuplicates(Math.round(options.duplicateFraction() * valid));
        addUnmatchedOutcomes(Math.round(options.unmatchedOutcomeFraction() * matchedOutcomes));
        addMalformed(Math.round(options.malformedFraction() * valid));
        planned.sort(Comparator.comparingLong(PlannedRecord::arrival));
        List<PlannedRecord> arrival = withLateRecords(Math.round(options.lateFraction() * valid));
        return new SyntheticTraffic(arrival, summary(arrival));
    }

    private void generateUnit(int unit) {
        String unitId = "user-" + options.seed() + "-" + unit;
        Map<String, String> attributes = drawAttributes();
        double factor = random.nextBoolean() ? 1 - options.unitHeterogeneity() : 1 + options.unitHeterogeneity();
        double preConverted = bernoulli(options.baselineConversionRate() * factor);
        int requests = options.requestsPerUnit().sample(random);
        boolean[] servedTo = new boolean[variants.size()];
        boolean[] convertedIn = new boolean[variants.size()];
        boolean targeted = false;
        // drawn only when the option is on, so traffic without it is unchanged for a given seed
        long switchAt = Long.MAX_VALUE;
        int switchPick = 0;
        if (options.switchedUnitFraction() > 0 && random.nextDouble() < options.switchedUnitFraction()) {
            switchAt = startMillis + (long) (random.nextDouble() * durationMillis);
            switchPick = random.nextInt(variants.size() - 1);
        }
        for (int request = 0; request < requests; request++) {
            long time = startMillis + (long) (random.nextDouble() * durationMillis);
            clock.set(time);
            Assignment assignment = router.assign(unitId, attributes);
            if (!assignment.inExperiment()) {
                continue;
            }
            if (time >= switchAt) {
                int from = variants.indexOf(assignment.variant());
                int to = switchPick >= from ? switchPick + 1 : switchPick;
                assignment = new Assignment(assignment.experimentId(), variants.get(to), assignment.reason());
            }
            targeted = true;
            int v = variants.indexOf(assignment.variant());
            servedTo[v] = true;
            boolean converted = random.nextDouble() < conversionProbability(v) * factor;
            String requestId = unitId + "/" + request;

            ModelResult result = modelResult(v, time, converted);
            PredictionEvent served = withEventId(
                    router.prediction(assignment, unitId, requestId, attributes, result), nextId());
            add(time, EventKind.PREDICTION, Truth.VALID, unitId, served);
            counts[v][SERVED]++;
            if (result.status() == PredictionStatus.ERROR) {
                counts[v][ERRORS]++;
            } else if (result.status() == PredictionStatus.TIMEOUT) {
                counts[v][TIMEOUTS]++;
            }

            if (options.shadowRate() > 0 && random.nextDouble() < options.shadowRate()) {
                int s = shadowVariantFor(v);
                PredictionEvent shadow = withEventId(router.shadowPrediction(assignment, variants.get(s), unitId,
                        requestId, attributes, modelResult(s, time, converted)), nextId());
                add(time, EventKind.PREDICTION, Truth.VALID, unitId, shadow);
                counts[s][SHADOW]++;
            }

            if (random.nextDouble() < options.outcomeRate()) {
                long outcomeTime = time + outcomeDelay();
                OutcomeEvent outcome = outcome(requestId, unitId, outcomeTime, converted, preConverted);
                add(outcomeTime, EventKind.OUTCOME, Truth.VALID, unitId, outcome);
                matchedOutcomes++;
                counts[v][OUTCOMES]++;
                if (converted) {
                    counts[v][CONVERSIONS]++;
                    convertedIn[v] = true;
                    revenue[v] += outcome.values().get("revenue");
                }
            }
        }
        if (targeted) {
            targetedUnits.add(new TargetedUnit(unitId, attributes, preConverted));
            int servedVariants = 0;
            for (boolean served : servedTo) {
                servedVariants += served ? 1 : 0;
            }
            multipleExposureUnits += servedVariants > 1 ? 1 : 0;
            for (int v = 0; v < variants.size() && servedVariants == 1; v++) {
                if (servedTo[v]) {
                    singleVariantUnits.merge(variants.get(v), 1L, Long::sum);
                    singleVariantConvertedUnits.merge(variants.get(v), convertedIn[v] ? 1L : 0L, Long::sum);
                }
            }
            for (int v = 0; v < variants.size(); v++) {
                counts[v][UNITS] += servedTo[v] ? 1 : 0;
                counts[v][CONVERTED_UNITS] += convertedIn[v] ? 1 : 0;
            }
        } else {
            untargetedUnits++;
        }
    }

    private Map<String, String> drawAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        options.attributeValues().forEach((name, values) -> attributes.put(name, values.get(random.nextInt(values.size()))));
        return attributes;
    }

    private double conversionProbability(int variant) {
        return options.baselineConversionRate() * (1 + options.liftOf(variants.get(variant)));
    }

    /**
     * Status, latency (with any fault) and, for an ok call, a score that leans towards the request's outcome, so the
     * job's model-quality metrics (log loss, accuracy against {@code label}) have signal to measure.
     */
    private ModelResult modelResult(int variant, long time, boolean converted) {
        String name = variants.get(variant);
        double latency = options.latencyOf(name).sample(random);
        for (LatencyFault fault : options.latencyFaults()) {
            if (fault.covers(name, time - startMillis)) {
                latency += fault.extraMs();
            }
        }
        latency = Math.round(latency * 1000) / 1000.0;
        double u = random.nextDouble();
        if (u < options.errorRate()) {
            return new ModelResult(latency, PredictionStatus.ERROR, null, null);
        }
        if (u < options.errorRate() + options.timeoutRate()) {
            return new ModelResult(latency, PredictionStatus.TIMEOUT, null, null);
        }
        double p = Math.min(Math.max(conversionProbability(variant), 1e-6), 1 - 1e-6);
        double logit = Math.log(p / (1 - p)) + (converted ? SCORE_SIGNAL : -SCORE_SIGNAL) + random.nextGaussian();
        double score = Math.round(1e6 / (1 + Math.exp(-logit))) / 1e6;
        return ModelResult.ok(latency, score, score >= 0.5 ? "1" : "0");
    }

    private int shadowVariantFor(int served) {
        int control = variants.indexOf(config.control().name());
        if (served != control) {
            return control;
        }
        int pick = random.nextInt(variants.size() - 1);
        return pick >= control ? pick + 1 : pick;
    }

    private long outcomeDelay() {
        double mean = options.outcomeDelayMean().toMillis();
        long delay = (long) (-mean * Math.log(1 - random.nextDouble()));
        return Math.min(delay, maxOutcomeDelayMillis);
    }

    private OutcomeEvent outcome(String requestId, String unitId, long time, boolean converted, double preConverted) {
        double revenueValue = converted ? Math.round(options.revenue().sample(random) * 100) / 100.0 : 0.0;
        double clicked = converted || random.nextDouble() < CLICK_WITHOUT_CONVERSION ? 1.0 : 0.0;
        Map<String, Double> values = Map.of(
                "converted", converted ? 1.0 : 0.0,
                "revenue", revenueValue,
                "clicked", clicked,
                "pre_converted", preConverted);
        return new OutcomeEvent(nextId(), requestId, unitId, time, config.experimentId(), converted ? "1" : "0",
                values);
    }

    /**
     * Re-sends of VALID records picked by selection sampling (Knuth, TAOCP vol. 2, 3.4.2, Algorithm S), each arriving
     * after its original but still within the disorder bound of its event time.
     */
    private void addDuplicates(long count) {
        int size = planned.size();
        long needed = count;
        for (int i = 0; i < size && needed > 0; i++) {
            if (random.nextDouble() * (size - i) < needed) {
                PlannedRecord original = planned.get(i);
                long slack = original.eventTime() + maxDisorderMillis - original.arrival();
                long arrival = original.arrival() + (long) (random.nextDouble() * (slack + 1));
                planned.add(new PlannedRecord(arrival, original.eventTime(), original.kind(), Truth.DUPLICATE,
                        original.unitId(), original.payload()));
                needed--;
            }
        }
    }

    private void addUnmatchedOutcomes(long count) {
        for (long i = 0; i < count; i++) {
            TargetedUnit unit = anyUnit();
            long time = startMillis + (long) (random.nextDouble() * durationMillis);
            boolean converted = random.nextDouble() < options.baselineConversionRate();
            OutcomeEvent outcome = outcome(unit.unitId() + "/unmatched-" + i, unit.unitId(), time, converted,
                    unit.preConverted());
            add(time, EventKind.OUTCOME, Truth.UNMATCHED_OUTCOME, unit.unitId(), outcome);
        }
    }

    private void addMalformed(long count) {
        MalformedKind[] kinds = MalformedKind.values();
        for (long i = 0; i < count; i++) {
            MalformedKind kind = kinds[(int) (i % kinds.length)];
            boolean prediction = kind.predictionsOnly() || (i / kinds.length) % 2 == 0;
            TargetedUnit unit = anyUnit();
            long time = startMillis + (long) (random.nextDouble() * durationMillis);
            String requestId = unit.unitId() + "/malformed-" + i;
            Truth truth = Truth.malformed(kind.expectedReason());
            if (prediction) {
                add(time, EventKind.PREDICTION, truth, unit.unitId(),
                        kind.breakPrediction(servedPrediction(unit, requestId, time)));
            } else {
                add(time, EventKind.OUTCOME, truth, unit.unitId(), kind.breakOutcome(
                        outcome(requestId, unit.unitId(), time, false, unit.preConverted())));
            }
        }
    }

    /**
     * Inserts late records at random places in the second half of the arrival order, each with an event time the
     * allowed lateness plus the margin older than the newest event time before it, alternating predictions and
     * outcomes.
     */
    private List<PlannedRecord> withLateRecords(long count) {
        int size = planned.size();
        long[] positions = new long[(int) count];
        for (int i = 0; i < count; i++) {
            positions[i] = size / 2 + (long) (random.nextDouble() * (size - size / 2 + 1));
        }
        java.util.Arrays.sort(positions);
        long lateBy = config.allowedLateness().toMillis() + options.lateMargin().toMillis();
        List<PlannedRecord> arrival = new ArrayList<>(size + (int) count);
        long newest = Long.MIN_VALUE;
        int next = 0;
        for (int i = 0; i <= size; i++) {
            while (next < positions.length && positions[next] == i) {
                long time = (newest == Long.MIN_VALUE ? startMillis : newest) - lateBy;
                long arrivalKey = arrival.isEmpty() ? time : arrival.get(arrival.size() - 1).arrival();
                arrival.add(lateRecord(next, arrivalKey, time));
                next++;
            }
            if (i < size) {
                PlannedRecord record = planned.get(i);
                newest = Math.max(newest, record.eventTime());
                arrival.add(record);
            }
        }
        return arrival;
    }

    private PlannedRecord lateRecord(int index, long arrivalKey, long time) {
        TargetedUnit unit = anyUnit();
        String requestId = unit.unitId() + "/late-" + index;
        if (index % 2 == 0) {
            return new PlannedRecord(arrivalKey, time, EventKind.PREDICTION, Truth.LATE, unit.unitId(),
                    servedPrediction(unit, requestId, time));
        }
        return new PlannedRecord(arrivalKey, time, EventKind.OUTCOME, Truth.LATE, unit.unitId(),
                outcome(requestId, unit.unitId(), time, false, unit.preConverted()));
    }

    private PredictionEvent servedPrediction(TargetedUnit unit, String requestId, long time) {
        clock.set(time);
        Assignment assignment = router.assign(unit.unitId(), unit.attributes());
        int v = variants.indexOf(assignment.variant());
        ModelResult result = modelResult(v, time, false);
        return withEventId(router.prediction(assignment, unit.unitId(), requestId, unit.attributes(), result), nextId());
    }

    private TargetedUnit anyUnit() {
        return targetedUnits.get(random.nextInt(targetedUnits.size()));
    }

    private void add(long eventTime, EventKind kind, Truth truth, String unitId, Object payload) {
        long arrival = eventTime + (long) (random.nextDouble() * (maxDisorderMillis + 1));
        planned.add(new PlannedRecord(arrival, eventTime, kind, truth, unitId, payload));
    }

    private double bernoulli(double p) {
        return random.nextDouble() < p ? 1.0 : 0.0;
    }

    /** A version-4 UUID from the seeded random, in the router's id format but reproducible. */
    private String nextId() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    /**
     * The router's event with a reproducible {@code event_id}: the router draws a random UUID, which would make two
     * runs with one seed differ in that field only. Every other field is the router's.
     */
    private static PredictionEvent withEventId(PredictionEvent e, String eventId) {
        return new PredictionEvent(eventId, e.experimentId(), e.variant(), e.unitId(), e.requestId(), e.eventTime(),
                e.modelVersion(), e.latencyMs(), e.status(), e.score(), e.predictedLabel(), e.served(), e.attributes());
    }

    private SyntheticSummary summary(List<PlannedRecord> records) {
        Map<Truth.Kind, Long> byTruth = new EnumMap<>(Truth.Kind.class);
        for (Truth.Kind kind : Truth.Kind.values()) {
            byTruth.put(kind, 0L);
        }
        Map<RejectReason, Long> malformed = new EnumMap<>(RejectReason.class);
        long predictions = 0;
        for (PlannedRecord record : records) {
            byTruth.merge(record.truth().kind(), 1L, Long::sum);
            if (record.truth().kind() == Truth.Kind.MALFORMED) {
                malformed.merge(record.truth().expectedReason(), 1L, Long::sum);
            }
            predictions += record.kind() == EventKind.PREDICTION ? 1 : 0;
        }
        Map<String, VariantCounts> byVariant = new LinkedHashMap<>();
        for (int v = 0; v < variants.size(); v++) {
            long[] c = counts[v];
            byVariant.put(variants.get(v), new VariantCounts(c[UNITS], c[SERVED], c[SHADOW], c[OUTCOMES],
                    c[CONVERSIONS], c[CONVERTED_UNITS], revenue[v], c[ERRORS], c[TIMEOUTS]));
        }
        return new SyntheticSummary(records.size(), predictions, records.size() - predictions,
                java.util.Collections.unmodifiableMap(byTruth), java.util.Collections.unmodifiableMap(malformed),
                java.util.Collections.unmodifiableMap(byVariant), untargetedUnits, multipleExposureUnits,
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(singleVariantUnits)),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(singleVariantConvertedUnits)));
    }

    /** The options must name only variants of the experiment and keep every conversion probability at most 1. */
    private static void checkAgainst(ExperimentConfig config, SyntheticOptions options) {
        List<String> names = config.variants().stream().map(Variant::name).toList();
        String control = config.control().name();
        options.lift().keySet().forEach(variant -> {
            if (!names.contains(variant)) {
                throw new IllegalArgumentException("lift names variant '" + variant + "', not one of " + names);
            }
            if (variant.equals(control)) {
                throw new IllegalArgumentException("lift is relative to the control '" + control + "'; give it for challengers");
            }
        });
        options.latencyByVariant().keySet().forEach(variant -> {
            if (!names.contains(variant)) {
                throw new IllegalArgumentException("latency names variant '" + variant + "', not one of " + names);
            }
        });
        options.latencyFaults().forEach(fault -> {
            if (!names.contains(fault.variant())) {
                throw new IllegalArgumentException("latency fault names variant '" + fault.variant() + "', not one of " + names);
            }
        });
        for (String variant : names) {
            double highest = options.baselineConversionRate() * (1 + options.liftOf(variant)) * (1 + options.unitHeterogeneity());
            if (highest > 1) {
                throw new IllegalArgumentException("conversion probability of " + variant + " reaches " + highest
                        + " (baseline x (1 + lift) x (1 + unit heterogeneity)); it must stay <= 1");
            }
        }
        if (options.maxDisorder().compareTo(config.allowedLateness()) > 0) {
            throw new IllegalArgumentException("max disorder " + options.maxDisorder() + " exceeds the allowed lateness "
                    + config.allowedLateness() + " of " + config.experimentId() + "; valid records would be late");
        }
    }
}
