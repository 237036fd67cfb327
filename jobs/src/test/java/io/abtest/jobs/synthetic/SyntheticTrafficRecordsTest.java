package io.abtest.jobs.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.ExperimentConfig;
import io.abtest.event.EventValidator;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.RejectReason;
import io.abtest.event.Validated;
import io.abtest.jobs.analysis.records.EventKind;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each kind of record is, checked record by record with the project's validator. */
class SyntheticTrafficRecordsTest {

    private static final ExperimentConfig EXPERIMENT = TestExperiments.THREE_VARIANTS;
    private static final SyntheticOptions OPTIONS = SyntheticOptions.builder()
            .units(3_000).shadowRate(0.3).malformedFraction(0.02).duplicateFraction(0.02).lateFraction(0.01).build();

    private final List<SyntheticRecord> records = SyntheticTraffic.generate(EXPERIMENT, OPTIONS).toList();
    private final EventValidator validator = TestExperiments.validator(EXPERIMENT);

    @Test
    void validatorRejectsEachMalformedRecordWithItsExpectedReason() {
        Set<RejectReason> seen = EnumSet.noneOf(RejectReason.class);
        Set<EventKind> kindsSeen = EnumSet.noneOf(EventKind.class);
        for (SyntheticRecord record : records) {
            Validated<?> validated = validate(record);
            if (record.truth().kind() == Truth.Kind.MALFORMED) {
                assertFalse(validated.isAccepted(), record.json());
                assertEquals(record.truth().expectedReason(), validated.rejection().reason(), record.json());
                seen.add(validated.rejection().reason());
                kindsSeen.add(record.kind());
            } else {
                assertTrue(validated.isAccepted(), () -> record.truth() + " rejected: " + record.json());
            }
        }
        assertEquals(EnumSet.of(RejectReason.MALFORMED_JSON, RejectReason.MISSING_FIELD, RejectReason.WRONG_TYPE,
                RejectReason.NEGATIVE_LATENCY, RejectReason.UNKNOWN_EXPERIMENT, RejectReason.UNKNOWN_VARIANT), seen);
        assertEquals(EnumSet.allOf(EventKind.class), kindsSeen);
    }

    @Test
    void duplicatesRepeatAnEarlierValidRecordWithinTheDisorderBound() {
        Map<String, SyntheticRecord> validByText = new HashMap<>();
        long duplicates = 0;
        for (SyntheticRecord record : records) {
            if (record.truth().kind() == Truth.Kind.VALID) {
                assertNull(validByText.putIfAbsent(record.json(), record), "two VALID records with one text");
            } else if (record.truth().kind() == Truth.Kind.DUPLICATE) {
                SyntheticRecord original = validByText.get(record.json());
                assertNotNull(original, "duplicate arrived before its original: " + record.json());
                assertEquals(original.eventTime(), record.eventTime());
                assertEquals(original.kind(), record.kind());
                duplicates++;
            }
        }
        assertTrue(duplicates > 0);
    }

    @Test
    void onlyLateRecordsAreBehindTheNewestEventTimeByMoreThanTheDisorderBound() {
        long allowedLateness = EXPERIMENT.allowedLateness().toMillis();
        long lateBy = allowedLateness + OPTIONS.lateMargin().toMillis();
        long totalLate = records.stream().filter(r -> r.truth().kind() == Truth.Kind.LATE).count();
        long onTime = records.size() - totalLate;
        long newest = Long.MIN_VALUE;
        int position = 0;
        int late = 0;
        for (SyntheticRecord record : records) {
            if (record.truth().kind() == Truth.Kind.LATE) {
                assertTrue(position - late >= onTime / 2, "late record in the first half, at " + position);
                assertEquals(newest - lateBy, record.eventTime());
                late++;
            } else {
                assertTrue(newest == Long.MIN_VALUE || record.eventTime() >= newest - OPTIONS.maxDisorder().toMillis(),
                        () -> "disorder beyond the bound at " + record);
                newest = Math.max(newest, record.eventTime());
            }
            position++;
        }
        assertTrue(late > 0);
    }

    @Test
    void outcomesFollowTheirServedPredictionWithinTheAttributionWindow() {
        Map<String, PredictionEvent> served = new HashMap<>();
        Set<String> predictedRequests = new HashSet<>();
        int unmatched = 0;
        for (SyntheticRecord record : records) {
            if (record.kind() == EventKind.PREDICTION && record.truth().kind() == Truth.Kind.VALID) {
                PredictionEvent p = validator.prediction(record.json()).event();
                predictedRequests.add(p.requestId());
                if (p.served()) {
                    served.put(p.requestId(), p);
                }
            }
        }
        for (SyntheticRecord record : records) {
            if (record.kind() != EventKind.OUTCOME) {
                continue;
            }
            if (record.truth().kind() == Truth.Kind.VALID) {
                OutcomeEvent o = validator.outcome(record.json()).event();
                PredictionEvent p = served.get(o.requestId());
                assertNotNull(p, "VALID outcome without its prediction: " + record.json());
                assertEquals(p.unitId(), o.unitId());
                long delay = o.eventTime() - p.eventTime();
                assertTrue(delay >= 0 && delay < EXPERIMENT.attributionWindow().toMillis(), "delay " + delay);
            } else if (record.truth().kind() == Truth.Kind.UNMATCHED_OUTCOME) {
                assertFalse(predictedRequests.contains(validator.outcome(record.json()).event().requestId()));
                unmatched++;
            }
        }
        assertTrue(unmatched > 0);
    }

    @Test
    void shadowPredictionsAreAnotherVariantOfAServedRequest() {
        Map<String, PredictionEvent> served = new HashMap<>();
        List<PredictionEvent> shadows = new java.util.ArrayList<>();
        for (SyntheticRecord record : records) {
            if (record.kind() == EventKind.PREDICTION && record.truth().kind() == Truth.Kind.VALID) {
                PredictionEvent p = validator.prediction(record.json()).event();
                if (p.served()) {
                    served.put(p.requestId(), p);
                } else {
                    shadows.add(p);
                }
            }
        }
        Set<String> shadowVariants = new HashSet<>();
        for (PredictionEvent shadow : shadows) {
            PredictionEvent p = served.get(shadow.requestId());
            assertNotNull(p, "shadow without its served prediction: " + shadow);
            assertNotEquals(p.variant(), shadow.variant());
            assertEquals(p.eventTime(), shadow.eventTime());
            assertTrue(p.variant().equals("control") || shadow.variant().equals("control"));
            shadowVariants.add(shadow.variant());
        }
        assertEquals(Set.of("control", "bert", "tfidf"), shadowVariants);
        assertEquals(0.3, (double) shadows.size() / served.size(), 0.02);
    }

    @Test
    void predictionsCarryTheRoutersFieldsAndTheUnitAsKey() {
        for (SyntheticRecord record : records) {
            if (record.kind() == EventKind.PREDICTION && record.truth().kind() == Truth.Kind.VALID) {
                PredictionEvent p = validator.prediction(record.json()).event();
                assertEquals(record.unitId(), p.unitId());
                assertEquals(record.eventTime(), p.eventTime());
                assertEquals(EXPERIMENT.experimentId(), p.experimentId());
                assertEquals(EXPERIMENT.variant(p.variant()).orElseThrow().modelVersion(), p.modelVersion());
                assertTrue(p.requestId().startsWith(p.unitId() + "/"));
                assertFalse(p.attributes().isEmpty());
            }
        }
    }

    private Validated<?> validate(SyntheticRecord record) {
        return record.kind() == EventKind.PREDICTION ? validator.prediction(record.json()) : validator.outcome(record.json());
    }
}
