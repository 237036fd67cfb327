package io.abtest.jobs.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.RejectReason;
import io.abtest.jobs.analysis.records.EventKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticTrafficCountsTest {

    private static final SyntheticOptions OPTIONS = SyntheticOptions.builder()
            .units(6_000)
            .shadowRate(0.25)
            .outcomeRate(0.8)
            .malformedFraction(0.03)
            .duplicateFraction(0.02)
            .lateFraction(0.005)
            .unmatchedOutcomeFraction(0.04)
            .build();

    private final SyntheticTraffic traffic = SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, OPTIONS);
    private final SyntheticSummary summary = traffic.summary();
    private final List<SyntheticRecord> records = traffic.toList();

    @Test
    void extraRecordsAreTheConfiguredFractionsOfTheValidOnes() {
        long valid = summary.count(Truth.Kind.VALID);
        long matchedOutcomes = summary.byVariant().values().stream().mapToLong(VariantCounts::outcomes).sum();

        assertEquals(Math.round(0.03 * valid), summary.count(Truth.Kind.MALFORMED));
        assertEquals(Math.round(0.02 * valid), summary.count(Truth.Kind.DUPLICATE));
        assertEquals(Math.round(0.005 * valid), summary.count(Truth.Kind.LATE));
        assertEquals(Math.round(0.04 * matchedOutcomes), summary.count(Truth.Kind.UNMATCHED_OUTCOME));
    }

    @Test
    void summaryCountsAreTheRecordsCounts() {
        Map<Truth.Kind, Long> byTruth = new EnumMap<>(Truth.Kind.class);
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        long predictions = 0;
        for (SyntheticRecord record : records) {
            byTruth.merge(record.truth().kind(), 1L, Long::sum);
            if (record.truth().kind() == Truth.Kind.MALFORMED) {
                byReason.merge(record.truth().expectedReason(), 1L, Long::sum);
            }
            predictions += record.kind() == EventKind.PREDICTION ? 1 : 0;
        }

        assertEquals(records.size(), summary.records());
        assertEquals(records.size(), traffic.size());
        assertEquals(predictions, summary.predictionRecords());
        assertEquals(records.size() - predictions, summary.outcomeRecords());
        for (Truth.Kind kind : Truth.Kind.values()) {
            assertEquals(byTruth.getOrDefault(kind, 0L), summary.count(kind), kind.name());
        }
        assertEquals(byReason, summary.malformedByReason());
        assertEquals(summary.records(), summary.used() + summary.deadLettered() + summary.duplicates());
    }

    @Test
    void validRecordsAreServedShadowAndMatchedOutcomes() {
        long served = 0;
        long shadow = 0;
        long outcomes = 0;
        for (VariantCounts counts : summary.byVariant().values()) {
            served += counts.servedPredictions();
            shadow += counts.shadowPredictions();
            outcomes += counts.outcomes();
        }

        assertEquals(summary.count(Truth.Kind.VALID), served + shadow + outcomes);
        // shadowRate 0.25 and outcomeRate 0.8 of about 30,000 served requests: 4 binomial standard deviations.
        assertEquals(0.25, (double) shadow / served, 4 * Math.sqrt(0.25 * 0.75 / served));
        assertEquals(0.8, (double) outcomes / served, 4 * Math.sqrt(0.8 * 0.2 / served));
    }

    @Test
    void everyMalformedKindAppearsInEqualShares() {
        long malformed = summary.count(Truth.Kind.MALFORMED);
        for (MalformedKind kind : MalformedKind.values()) {
            long count = summary.malformedByReason().getOrDefault(kind.expectedReason(), 0L);
            assertTrue(Math.abs(count - malformed / 6.0) <= 1, kind + ": " + count + " of " + malformed);
        }
    }

    @Test
    void everyDefaultUnitIsTargetedAndCounted() {
        long units = summary.byVariant().values().stream().mapToLong(VariantCounts::units).sum();

        assertEquals(0, summary.untargetedUnits());
        assertEquals(OPTIONS.units(), units);
    }
}
