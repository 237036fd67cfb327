package io.abtest.jobs.analysis.aggregate;

import io.abtest.config.MetricSpec;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a set of {@link UnitChange}s of one experiment's window does to the experiment's cumulative state: per
 * (variant, metric, segment) the summary of the unit values that leave it and of those that enter it, the window's
 * events, the new units per variant and the units excluded for multiple exposure. The first phase of the two-phase
 * aggregation: each subtask of the per-unit stage folds its changes into one delta per experiment and window
 * ({@link PreAggregateWindowDeltas}), and the per-experiment analysis merges the subtasks' deltas and applies them.
 * Its size depends on variants, metrics and segments, never on the number of units. Mutable while it is built;
 * serialized by {@link ExperimentWindowDeltaSerializer}.
 */
public final class ExperimentWindowDelta {

    /**
     * The units leaving and entering one summary.
     *
     * @param removed the summary of the values units had before this window
     * @param added the summary of the values they have at its end
     */
    public record SummaryChange(SufficientStatistics removed, SufficientStatistics added) {

        static final SummaryChange NONE = new SummaryChange(SufficientStatistics.EMPTY, SufficientStatistics.EMPTY);

        SummaryChange merge(SummaryChange other) {
            return new SummaryChange(removed.merge(other.removed), added.merge(other.added));
        }

        /** {@code summary} without the removed units' earlier values and with their current ones. */
        public SufficientStatistics applyTo(SufficientStatistics summary) {
            return summary.remove(removed).merge(added);
        }
    }

    /** Units excluded in this window that were counted as new units at {@code firstWindowEnd}. */
    public record CountedExclusion(String variant, long firstWindowEnd) {}

    /** A variant and one of its segments (null for all its units). */
    public record VariantSegment(String variant, String segment) {}

    private final String experimentId;
    private final long windowEnd;
    final Map<SummaryKey, SummaryChange> summaries = new HashMap<>();
    final Map<VariantSegment, Long> events = new HashMap<>();
    final Map<String, Long> newUnits = new HashMap<>();
    final Map<CountedExclusion, Long> countedExclusions = new HashMap<>();
    long uncountedExclusions;
    long unmatchedOutcomes;

    public ExperimentWindowDelta(String experimentId, long windowEnd) {
        this.experimentId = experimentId;
        this.windowEnd = windowEnd;
    }

    public String experimentId() {
        return experimentId;
    }

    public long windowEnd() {
        return windowEnd;
    }

    /** Folds one unit's change in. */
    public void add(UnitChange change) {
        if (change.newUnit()) {
            newUnits.merge(change.variant(), 1L, Long::sum);
        }
        if (change.excluded()) {
            if (change.counted()) {
                countedExclusions.merge(new CountedExclusion(change.variant(), change.firstWindowEnd()), 1L, Long::sum);
            } else {
                uncountedExclusions++;
            }
        }
        List<String> segments = new ArrayList<>(change.segments().size() + 1);
        segments.add(null);
        segments.addAll(change.segments());
        for (String segment : segments) {
            events.merge(new VariantSegment(change.variant(), segment), change.events(), Long::sum);
        }
        change.before().forEach((metric, value) -> change(change.variant(), metric, segments,
                new SummaryChange(value.asSummary(), SufficientStatistics.EMPTY)));
        change.after().forEach((metric, value) -> change(change.variant(), metric, segments,
                new SummaryChange(SufficientStatistics.EMPTY, value.asSummary())));
    }

    private void change(String variant, String metric, List<String> segments, SummaryChange change) {
        for (String segment : segments) {
            summaries.merge(new SummaryKey(variant, metric, segment), change, SummaryChange::merge);
        }
    }

    /** Folds another delta of the same experiment and window in (another subtask's, or a later flush). */
    public void merge(ExperimentWindowDelta other) {
        if (!experimentId.equals(other.experimentId) || windowEnd != other.windowEnd) {
            throw new IllegalArgumentException("cannot merge the delta of " + other.experimentId + " at "
                    + other.windowEnd + " into that of " + experimentId + " at " + windowEnd);
        }
        other.summaries.forEach((key, change) -> summaries.merge(key, change, SummaryChange::merge));
        other.events.forEach((key, n) -> events.merge(key, n, Long::sum));
        other.newUnits.forEach((key, n) -> newUnits.merge(key, n, Long::sum));
        other.countedExclusions.forEach((key, n) -> countedExclusions.merge(key, n, Long::sum));
        uncountedExclusions += other.uncountedExclusions;
        unmatchedOutcomes += other.unmatchedOutcomes;
    }

    public void countUnmatchedOutcome() {
        unmatchedOutcomes++;
    }

    public Map<SummaryKey, SummaryChange> summaries() {
        return summaries;
    }

    public Map<String, Long> newUnits() {
        return newUnits;
    }

    public Map<CountedExclusion, Long> countedExclusions() {
        return countedExclusions;
    }

    /** Units excluded before any change of theirs was emitted (never counted as new units). */
    public long uncountedExclusions() {
        return uncountedExclusions;
    }

    public long multipleExposureUnits() {
        long n = uncountedExclusions;
        for (long count : countedExclusions.values()) {
            n += count;
        }
        return n;
    }

    public long unmatchedOutcomes() {
        return unmatchedOutcomes;
    }

    /** The window's events per summary: each metric of a variant and segment counts the events of its units. */
    public Map<SummaryKey, Long> eventsPerSummary(List<MetricSpec> metrics) {
        Map<SummaryKey, Long> perSummary = new HashMap<>();
        events.forEach((key, n) -> {
            for (MetricSpec metric : metrics) {
                perSummary.put(new SummaryKey(key.variant(), metric.name(), key.segment()), n);
            }
        });
        return perSummary;
    }

    public boolean isEmpty() {
        return summaries.isEmpty() && events.isEmpty() && newUnits.isEmpty() && countedExclusions.isEmpty()
                && uncountedExclusions == 0 && unmatchedOutcomes == 0;
    }
}
