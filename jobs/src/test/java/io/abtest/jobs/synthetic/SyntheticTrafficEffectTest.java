package io.abtest.jobs.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.EventValidator;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.records.EventKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The effects the options ask for show in the generated events, measured from the JSON, not from the summary. */
class SyntheticTrafficEffectTest {

    @Test
    void measuredConversionLiftIsTheConfiguredOne() {
        SyntheticOptions options = SyntheticOptions.builder().units(60_000).lift("challenger", 0.10).clean().build();
        SyntheticTraffic traffic = SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, options);
        EventValidator validator = TestExperiments.validator(TestExperiments.TWO_VARIANTS);

        Map<String, String> variantOfRequest = new HashMap<>();
        Map<String, long[]> servedAndConverted = new HashMap<>();
        Map<String, Double> revenue = new HashMap<>();
        List<SyntheticRecord> records = traffic.toList();
        for (SyntheticRecord record : records) {
            if (record.kind() == EventKind.PREDICTION) {
                PredictionEvent prediction = validator.prediction(record.json()).event();
                if (prediction.served()) {
                    variantOfRequest.put(prediction.requestId(), prediction.variant());
                    servedAndConverted.computeIfAbsent(prediction.variant(), v -> new long[2])[0]++;
                }
            }
        }
        for (SyntheticRecord record : records) {
            if (record.kind() == EventKind.OUTCOME) {
                // clean(): no duplicate, late or unmatched outcomes.
                OutcomeEvent outcome = validator.outcome(record.json()).event();
                String variant = variantOfRequest.get(outcome.requestId());
                servedAndConverted.get(variant)[1] += outcome.values().get("converted").longValue();
                revenue.merge(variant, outcome.values().get("revenue"), Double::sum);
            }
        }
        double control = rate(servedAndConverted.get("champion"));
        double challenger = rate(servedAndConverted.get("challenger"));

        // About 150,000 requests and 15,000 conversions per variant: the relative lift has a standard error of
        // about 0.012 (delta method, inflated for per-unit clustering); 0.04 is more than 3 of them.
        assertEquals(0.10, challenger / control - 1, 0.04);
        assertEquals(0.10, control, 0.005);
        SyntheticSummary summary = traffic.summary();
        assertEquals(servedAndConverted.get("champion")[0], summary.variant("champion").servedPredictions());
        assertEquals(servedAndConverted.get("challenger")[1], summary.variant("challenger").conversions());
        assertEquals(revenue.get("challenger"), summary.variant("challenger").revenue(), 1e-6);
    }

    @Test
    void assignedSplitFollowsTheWeights() {
        SyntheticOptions options = SyntheticOptions.builder()
                .units(30_000).requestsPerUnit(RequestsPerUnit.fixed(1)).clean().build();
        SyntheticSummary summary = SyntheticTraffic.generate(TestExperiments.THREE_VARIANTS, options).summary();

        Map<String, Double> weights = Map.of("control", 0.5, "bert", 0.3, "tfidf", 0.2);
        double chiSquare = 0;
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            double expected = 30_000 * weight.getValue();
            long observed = summary.variant(weight.getKey()).units();
            chiSquare += (observed - expected) * (observed - expected) / expected;
        }
        // scipy.stats.chi2.ppf(0.999, 2) = 13.815510557964274: a sample ratio mismatch at p < 0.001 fails.
        assertTrue(chiSquare < 13.815510557964274, "chi-square " + chiSquare + " for " + summary.byVariant());
    }

    @Test
    void weightsGivenAsAnOptionReplaceTheConfiguredOnes() {
        SyntheticOptions options = SyntheticOptions.builder().units(20_000).requestsPerUnit(RequestsPerUnit.fixed(1))
                .weight("champion", 80).weight("challenger", 20).clean().build();
        SyntheticSummary summary = SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, options).summary();

        double expected = 20_000 * 0.2;
        long observed = summary.variant("challenger").units();
        double chiSquare = (observed - expected) * (observed - expected) / expected
                + (observed - expected) * (observed - expected) / (20_000 - expected);
        // scipy.stats.chi2.ppf(0.999, 1) = 10.827566170662733
        assertTrue(chiSquare < 10.827566170662733, "challenger units " + observed + " of 20,000 at weight 20%");
    }

    @Test
    void weightsThatDoNotFitTheExperimentAreRejectedByName() {
        SyntheticOptions options = SyntheticOptions.builder().weight("champion", 50).weight("treatment", 50).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, options));
        assertTrue(e.getMessage().contains("weights {"), e.getMessage());
    }

    @Test
    void latencyFaultAddsItsExtraLatencyInItsWindowOnly() {
        SyntheticOptions options = SyntheticOptions.builder()
                .units(4_000)
                .latency(new LogNormal(20, 0))
                .latency("challenger", new LogNormal(30, 0))
                .latencyFault(new LatencyFault("challenger", Duration.ofMinutes(20), Duration.ofMinutes(25), 300))
                .clean()
                .build();
        SyntheticTraffic traffic = SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, options);
        EventValidator validator = TestExperiments.validator(TestExperiments.TWO_VARIANTS);
        long faultStart = options.start().plus(Duration.ofMinutes(20)).toEpochMilli();
        long faultEnd = options.start().plus(Duration.ofMinutes(25)).toEpochMilli();

        Set<Double> insideChallenger = new HashSet<>();
        Set<Double> elsewhere = new HashSet<>();
        for (SyntheticRecord record : traffic) {
            if (record.kind() == EventKind.PREDICTION) {
                PredictionEvent p = validator.prediction(record.json()).event();
                boolean inside = p.eventTime() >= faultStart && p.eventTime() < faultEnd;
                (inside && p.variant().equals("challenger") ? insideChallenger : elsewhere)
                        .add(p.latencyMs() - (p.variant().equals("challenger") ? 30 : 20));
            }
        }

        assertEquals(Set.of(300.0), insideChallenger);
        assertEquals(Set.of(0.0), elsewhere);
    }

    private static double rate(long[] servedAndConverted) {
        return (double) servedAndConverted[1] / servedAndConverted[0];
    }
}
