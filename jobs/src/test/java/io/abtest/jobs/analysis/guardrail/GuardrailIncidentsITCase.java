package io.abtest.jobs.analysis.guardrail;

import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.ERRORS;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.LATENCY;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.judgment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.SmallCatalog;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailJudgment.Verdict;
import io.abtest.jobs.analysis.records.GuardrailRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link GuardrailIncidents#build} on a Flink mini cluster, parallelism 2, generic types (Kryo) disabled: random
 * verdicts for three guardrails with different run lengths (five CEP operators) on two variants, arriving out of
 * order, give the rows and incidents of {@link ReferenceIncidents}, in a streaming run (watermarks during the input)
 * and in a batch run.
 *
 * <p>The judgments arrive as a judging operator emits them, shuffled within three windows: half with the time their
 * window closes as timestamp, half with their window end - 1; a punctuated watermark trails the largest closing time
 * seen by those three windows, so no judgment is behind it when emitted.
 *
 * <p>Checked to fail: with {@link JudgmentEventTime} stamping {@code windowEnd - 1} (no clamping), and with the
 * lifecycle applying a window's breach before the run it completed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GuardrailIncidentsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long WINDOW = GuardrailFixtures.WINDOW;
    private static final long LATENESS = GuardrailFixtures.LATENESS;
    private static final long DISORDER = 3 * WINDOW;
    private static final int WINDOWS = 80;

    /** Run lengths: latency-p99 3 and 2, error-rate 1 and 3, conversion 2 and 2. */
    static final ExperimentCatalog CATALOG = SmallCatalog.of(
            "guardrails:",
            "  - {name: latency-p99, metric: latency_p99, threshold: 250, comparison: greater_than, window: 1m,"
                    + " consecutive_breaches: 3, recovery_windows: 2, severity: critical, action: stop}",
            "  - {name: error-rate, metric: error_rate, threshold: 250, comparison: greater_than, window: 1m,"
                    + " recovery_windows: 3, severity: warning, action: alert}",
            "  - {name: conversion, metric: converted, threshold: 0.01, comparison: less_than, window: 1m,"
                    + " consecutive_breaches: 2, severity: info, action: alert}",
            "allowed_lateness: 2m");

    private record Arrival(GuardrailJudgment judgment, long at) {}

    static List<GuardrailJudgment> randomJudgments(long seed) {
        Random random = new Random(seed);
        List<GuardrailJudgment> judgments = new ArrayList<>();
        for (String variant : List.of("champion", "challenger")) {
            for (String guardrail : List.of(LATENCY, ERRORS, "conversion")) {
                for (int window = 0; window < WINDOWS; window++) {
                    double draw = random.nextDouble();
                    Verdict verdict = draw < 0.45 ? Verdict.BREACH : draw < 0.85 ? Verdict.HEALTHY : Verdict.NOT_JUDGED;
                    GuardrailJudgment judgment = judgment(guardrail, variant, window, verdict);
                    judgments.add(guardrail.equals("conversion") ? withMetric(judgment, "converted") : judgment);
                }
            }
        }
        return judgments;
    }

    private static GuardrailJudgment withMetric(GuardrailJudgment j, String metric) {
        return new GuardrailJudgment(j.experimentId(), j.variant(), j.guardrail(), metric, j.windowStart(),
                j.windowEnd(), j.verdict(), j.observed(), j.threshold(), j.bound(), j.events());
    }

    /** In the order of their closing time plus a random delay shorter than {@link #DISORDER}. */
    static List<GuardrailJudgment> arrivalOrder(List<GuardrailJudgment> judgments, long seed) {
        Random random = new Random(seed);
        return judgments.stream()
                .map(j -> new Arrival(j, j.windowEnd() + LATENESS + (long) (random.nextDouble() * DISORDER)))
                .sorted(Comparator.comparingLong(Arrival::at))
                .map(Arrival::judgment)
                .toList();
    }

    /** A judging operator's watermark: the largest closing time seen, less the disorder. */
    static final class TrailingClosingTime implements WatermarkGenerator<GuardrailJudgment> {

        private long largest = Long.MIN_VALUE;

        @Override
        public void onEvent(GuardrailJudgment judgment, long eventTimestamp, WatermarkOutput output) {
            largest = Math.max(largest, judgment.windowEnd() + LATENESS);
            output.emitWatermark(new Watermark(largest - DISORDER - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    private record Output(List<GuardrailRow> rows, List<GuardrailIncident> incidents) {}

    private static Output run(RuntimeExecutionMode mode, List<GuardrailJudgment> arriving) throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        configuration.set(ExecutionOptions.RUNTIME_MODE, mode);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(2);
        assertTrue(env.getConfig().getSerializerConfig().hasGenericTypesDisabled());

        DataStream<GuardrailJudgment> judgments = env.fromData(arriving, GuardrailTypes.JUDGMENT)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<GuardrailJudgment>forGenerator(
                                context -> new TrailingClosingTime())
                        .withTimestampAssigner((j, previous) -> (j.windowEnd() / WINDOW) % 2 == 0
                                ? j.windowEnd() + LATENESS
                                : j.windowEnd() - 1))
                .setParallelism(1)
                .name("Judgments as emitted");
        GuardrailIncidents incidents = GuardrailIncidents.build(judgments, CATALOG, Duration.ofMillis(LATENESS));
        List<GuardrailRow> rows = new ArrayList<>();
        List<GuardrailIncident> changes = new ArrayList<>();
        try (CloseableIterator<GuardrailRow> rowIterator = incidents.rows().collectAsync();
                CloseableIterator<GuardrailIncident> incidentIterator = incidents.incidents().collectAsync()) {
            env.execute("GuardrailIncidentsITCase " + mode);
            rowIterator.forEachRemaining(rows::add);
            incidentIterator.forEachRemaining(changes::add);
        }
        return new Output(rows, changes);
    }

    private static List<String> sorted(List<?> records) {
        return records.stream().map(Object::toString).sorted().toList();
    }

    @Test
    void streamingAndBatchRunsGiveTheReferenceRowsAndIncidents() throws Exception {
        List<GuardrailJudgment> judgments = randomJudgments(42);
        ReferenceIncidents expected = ReferenceIncidents.of(judgments, new ConfiguredGuardrails(CATALOG));
        assertTrue(expected.incidents().size() > 30, "enough incidents to mean something: "
                + expected.incidents().size());
        assertTrue(expected.rows().stream().anyMatch(r -> GuardrailRow.RESOLVED.equals(r.incidentState())));

        List<GuardrailJudgment> arriving = arrivalOrder(judgments, 7);
        Output streaming = run(RuntimeExecutionMode.STREAMING, arriving);
        assertEquals(sorted(expected.rows()), sorted(streaming.rows()));
        assertEquals(sorted(expected.incidents()), sorted(streaming.incidents()));

        Output batch = run(RuntimeExecutionMode.BATCH, arriving);
        assertEquals(sorted(expected.rows()), sorted(batch.rows()));
        assertEquals(sorted(expected.incidents()), sorted(batch.incidents()));
    }
}
