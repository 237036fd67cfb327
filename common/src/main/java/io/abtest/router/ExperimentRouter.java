package io.abtest.router;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.TargetingRule;
import io.abtest.config.Variant;
import io.abtest.control.ControlRecord;
import io.abtest.event.ModelResult;
import io.abtest.event.PredictionEvent;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Assigns units of one experiment to its variants (CONTRACT.md section 5): deterministic (a hash of salt
 * and unit id, see {@link UnitHash}), uniform, monotone (see {@link SplitLayout}), independent across
 * salts, and targeted.
 *
 * <p>Of the targeted units, only the share {@code coverage} is in the experiment: a unit is covered iff its coverage
 * position, a second hash of the unit seeded with {@code salt + "/coverage"} and so independent of its split
 * position, is below the coverage; the others get {@link Assignment.Reason#NOT_IN_EXPERIMENT}. Raising the coverage
 * only adds units (to every variant in proportion to the weights, because the split inside is unchanged); lowering
 * it removes exactly those; at coverage 1 every unit is covered and keeps the assignment it had before coverage
 * existed.
 *
 * <p>The newest control record of the experiment overrides the configuration (see {@link #apply}).
 *
 * <p>Thread-safe. {@link #assign} takes no lock and allocates nothing: it reads one volatile,
 * immutable {@link RoutingState} and returns a shared {@link Assignment}. {@link #apply} is
 * synchronized among writers only.
 */
public final class ExperimentRouter {

    private final ExperimentConfig config;
    private final InstantSource clock;
    private final UnitHash unitHash;
    /** Seeded with {@code salt + COVERAGE_SALT_SUFFIX}, built once so that routing allocates nothing. */
    private final UnitHash coverageHash;
    private final RampUpSchedule schedule;
    private final List<String> names;
    private final int controlIndex;
    private final Assignment notTargeted;
    private final Assignment notInExperiment;
    private final Assignment[] assigned;
    private final Assignment stopped;
    private final Assignment[] rolledOut;

    /** Appended to the salt to seed the coverage hash. */
    static final String COVERAGE_SALT_SUFFIX = "/coverage";

    private volatile RoutingState state = RoutingState.CONFIGURED;

    public ExperimentRouter(ExperimentConfig config) {
        this(config, InstantSource.system());
    }

    /** @throws IllegalArgumentException when the configured weights do not fit the monotone layout */
    public ExperimentRouter(ExperimentConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
        this.unitHash = new UnitHash(config.hashSalt());
        this.coverageHash = new UnitHash(config.hashSalt() + COVERAGE_SALT_SUFFIX);
        this.schedule = RampUpSchedule.of(config);
        this.names = config.variants().stream().map(Variant::name).toList();
        this.controlIndex = config.variants().indexOf(config.control());
        String id = config.experimentId();
        this.notTargeted = new Assignment(id, null, Assignment.Reason.NOT_TARGETED);
        this.notInExperiment = new Assignment(id, null, Assignment.Reason.NOT_IN_EXPERIMENT);
        this.assigned = names.stream().map(n -> new Assignment(id, n, Assignment.Reason.ASSIGNED)).toArray(Assignment[]::new);
        this.stopped = new Assignment(id, names.get(controlIndex), Assignment.Reason.STOPPED);
        this.rolledOut = names.stream().map(n -> new Assignment(id, n, Assignment.Reason.ROLLED_OUT)).toArray(Assignment[]::new);
    }

    public String experimentId() {
        return config.experimentId();
    }

    public ExperimentConfig config() {
        return config;
    }

    /** @param attributes the unit's attributes for the targeting rule; may be null when the rule has no conditions */
    public Assignment assign(String unitId, Map<String, String> attributes) {
        TargetingRule targeting = config.targeting();
        if (!targeting.admitsEveryone() && !targeting.admits(attributes)) {
            return notTargeted;
        }
        RoutingState current = state;
        RoutingState.Mode mode = current.mode();
        if (mode == RoutingState.Mode.ROLLED_OUT) {
            return rolledOut[current.winner()];
        }
        boolean needsSchedule = current.layout() == null || current.configuredCoverage();
        int step = !needsSchedule || schedule.isStatic() ? 0 : schedule.stepAt(clock.millis());
        double coverage = current.configuredCoverage() ? schedule.coverage(step) : current.coverage();
        if (coverage < 1.0 && coverageHash.position(unitId) >= coverage) {
            return notInExperiment;
        }
        if (mode == RoutingState.Mode.STOPPED) {
            return stopped;
        }
        SplitLayout layout = current.layout() != null ? current.layout() : schedule.layout(step);
        return assigned[layout.variantAt(unitHash.position(unitId))];
    }

    /**
     * Applies a control record if it is for this experiment, newer than the last applied one, and valid.
     * RUNNING with weights splits by them (variants it does not name get 0; it must name no unknown
     * variant and fit the layout); RUNNING without weights returns to the configuration's weights (and ramp);
     * STOPPED sends every covered unit to the control; ROLLED_OUT sends every targeted unit, covered or not, to
     * the variant of the single highest weight. A record's coverage (RUNNING or STOPPED) replaces the
     * configuration's coverage (and its ramp); without one, the configuration's holds. Weights and coverage are
     * independent: a record that sets one takes the other from the configuration, never from an earlier record, so
     * the newest record alone decides the state.
     *
     * @return true when applied; false when ignored (another experiment, not newer, or invalid)
     */
    public synchronized boolean apply(ControlRecord record) {
        if (record == null || !config.experimentId().equals(record.experimentId()) || record.updatedAt() == null) {
            return false;
        }
        if (record.coverage() != null && !(record.coverage() > 0 && record.coverage() <= 1)) {
            return false;
        }
        ControlRecord last = state.source();
        if (last != null && !record.updatedAt().isAfter(last.updatedAt())) {
            return false;
        }
        Optional<RoutingState> next = stateFor(record);
        next.ifPresent(s -> state = s);
        return next.isPresent();
    }

    /** The last control record applied, if any. */
    public Optional<ControlRecord> lastControlRecord() {
        return Optional.ofNullable(state.source());
    }

    private Optional<RoutingState> stateFor(ControlRecord record) {
        switch (record.state()) {
            case STOPPED:
                return Optional.of(new RoutingState(RoutingState.Mode.STOPPED, null, -1, coverageOf(record), record));
            case ROLLED_OUT:
                return winnerOf(record.weights())
                        .map(w -> new RoutingState(RoutingState.Mode.ROLLED_OUT, null, w, Double.NaN, record));
            case RUNNING:
                if (record.weights().isEmpty()) {
                    return Optional.of(new RoutingState(RoutingState.Mode.CONFIGURED, null, -1, coverageOf(record), record));
                }
                return layoutOf(record.weights())
                        .map(l -> new RoutingState(RoutingState.Mode.WEIGHTS, l, -1, coverageOf(record), record));
            default:
                return Optional.empty();
        }
    }

    /** The record's coverage, NaN when it sets none (the caller rejects records with one outside (0, 1]). */
    private static double coverageOf(ControlRecord record) {
        return record.coverage() == null ? Double.NaN : record.coverage();
    }

    private Optional<SplitLayout> layoutOf(Map<String, Double> weights) {
        if (!names.containsAll(weights.keySet())) {
            return Optional.empty();
        }
        double[] vector = names.stream().mapToDouble(n -> weights.getOrDefault(n, 0.0)).toArray();
        try {
            return Optional.of(SplitLayout.of(vector, controlIndex, names));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<Integer> winnerOf(Map<String, Double> weights) {
        if (weights.isEmpty() || !names.containsAll(weights.keySet())) {
            return Optional.empty();
        }
        double highest = weights.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        List<String> top = weights.entrySet().stream().filter(e -> e.getValue() == highest).map(Map.Entry::getKey).toList();
        return top.size() == 1 ? Optional.of(names.indexOf(top.get(0))) : Optional.empty();
    }

    /**
     * The prediction event for the variant the unit was served ({@code served=true}), for serving code to
     * publish to {@code ab.predictions}.
     *
     * @throws IllegalArgumentException when the unit is not in the experiment (publish nothing then)
     */
    public PredictionEvent prediction(
            Assignment assignment, String unitId, String requestId, Map<String, String> attributes, ModelResult result) {
        requireInExperiment(assignment);
        return event(assignment.variant(), true, unitId, requestId, attributes, result);
    }

    /**
     * The prediction event of a shadow call ({@code served=false}): a variant computed for the same request
     * but not shown to the unit.
     *
     * @throws IllegalArgumentException when the unit is not in the experiment, or the variant is unknown or
     *     is the one served
     */
    public PredictionEvent shadowPrediction(
            Assignment assignment,
            String shadowVariant,
            String unitId,
            String requestId,
            Map<String, String> attributes,
            ModelResult result) {
        requireInExperiment(assignment);
        if (!names.contains(shadowVariant) || shadowVariant.equals(assignment.variant())) {
            throw new IllegalArgumentException("shadow variant '" + shadowVariant
                    + "' must be a variant of " + names + " other than the served '" + assignment.variant() + "'");
        }
        return event(shadowVariant, false, unitId, requestId, attributes, result);
    }

    private void requireInExperiment(Assignment assignment) {
        if (!assignment.inExperiment() || !config.experimentId().equals(assignment.experimentId())) {
            throw new IllegalArgumentException("unit is not in experiment " + config.experimentId() + ": " + assignment);
        }
    }

    private PredictionEvent event(
            String variant, boolean served, String unitId, String requestId, Map<String, String> attributes, ModelResult result) {
        return new PredictionEvent(
                UUID.randomUUID().toString(),
                config.experimentId(),
                variant,
                unitId,
                requestId,
                clock.millis(),
                config.variant(variant).map(Variant::modelVersion).orElse(null),
                result.latencyMs(),
                result.status(),
                result.score(),
                result.predictedLabel(),
                served,
                attributes);
    }
}
