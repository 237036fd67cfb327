package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.ExperimentConfig;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import io.abtest.jobs.synthetic.SyntheticOptions;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import io.abtest.jobs.synthetic.VariantCounts;
import io.abtest.testing.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole analysis job on a Flink mini cluster: the same synthetic events (known lift, malformed records,
 * duplicates, unmatched outcomes) once as a batch rerun over JSON lines and once streamed through a real KRaft
 * broker, both writing Parquet that DuckDB reads back.
 */
class AnalysisJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static final String EXPERIMENT = String.join("\n",
            "experiment_id: ranker-v2",
            "hash_salt: ranker-v2-it",
            "variants:",
            "  - {name: champion, weight: 50, control: true}",
            "  - {name: challenger, weight: 50}",
            "metrics:",
            "  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better, primary: true}",
            "  - {name: revenue, kind: mean, source: values.revenue, direction: higher_is_better}",
            "  - {name: latency, kind: ratio, source: latency_ms, denominator: requests, direction: lower_is_better}",
            "minimum_detectable_effect: 0.1",
            "minimum_duration: 30m",
            "segments: [country]",
            "");

    static final ExperimentCatalog CATALOG = ExperimentCatalog.of(Map.of("ranker-v2.yaml", EXPERIMENT));

    @TempDir
    static Path work;

    static SyntheticTraffic traffic;
    static Path batchOutput;
    static Path streamOutput;

    @BeforeAll
    static void runBatchAndStream() throws Exception {
        ExperimentConfig config = CATALOG.config("ranker-v2");
        traffic = SyntheticTraffic.generate(config, SyntheticOptions.builder()
                .units(3_000).lift("challenger", 0.3).lateFraction(0).duration(Duration.ofHours(1)).build());

        Path predictions = work.resolve("predictions.jsonl");
        Path outcomes = work.resolve("outcomes.jsonl");
        traffic.writeJsonLines(predictions, outcomes);
        batchOutput = work.resolve("batch");
        run(AnalysisJobOptions.parse("--experiments", "unused", "--output", batchOutput.toString(), "--mode", "batch",
                "--input-format", "jsonl", "--predictions", predictions.toString(), "--outcomes", outcomes.toString(),
                "--window", "10m"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopic("ab.predictions", 2, Map.of());
            broker.createTopic("ab.outcomes", 2, Map.of());
            try (KafkaTrafficPublisher publisher = KafkaTrafficPublisher.create(broker.bootstrapServers(),
                    "ab.predictions", "ab.outcomes", KafkaTrafficPublisher.DEFAULT_PROGRESS_EVERY, System.out)) {
                publisher.publish(traffic);
            }
            streamOutput = work.resolve("stream");
            run(AnalysisJobOptions.parse("--experiments", "unused", "--output", streamOutput.toString(),
                    "--bootstrap-servers", broker.bootstrapServers(), "--bounded", "true", "--window", "10m",
                    "--checkpoint-interval", "1s"));
        }
    }

    private static void run(AnalysisJobOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        AnalysisJob.configure(env, options);
        new AnalysisPipeline(CATALOG, options).build(AnalysisJob.sources(env, options),
                new ParquetOutputs(new org.apache.flink.core.fs.Path(options.output())));
        env.execute("analysis " + options.mode());
    }

    @Test
    void theFinalResultsMatchCountsTakenDirectlyFromTheEvents() throws Exception {
        List<Map<String, Object>> results = DuckDbDatasets.read(batchOutput, "results", "as_of, metric, segment NULLS FIRST");
        Map<String, Object> last = results.stream()
                .filter(r -> r.get("metric").equals("converted") && r.get("segment") == null)
                .reduce((a, b) -> b).orElseThrow();
        VariantCounts control = traffic.summary().variant("champion");
        VariantCounts challenger = traffic.summary().variant("challenger");
        assertEquals(control.units(), ((Number) last.get("control_n")).longValue());
        assertEquals(challenger.units(), ((Number) last.get("treatment_n")).longValue());
        assertEquals((double) control.convertedUnits() / control.units(), (Double) last.get("control_mean"), 1e-12);
        assertEquals((double) challenger.convertedUnits() / challenger.units(), (Double) last.get("treatment_mean"), 1e-12);
        assertEquals("OK", last.get("status"));
        assertTrue((Double) last.get("relative_effect") > 0.1, "relative effect " + last.get("relative_effect"));
    }

    @Test
    void malformedRecordsAreDeadLetteredWithTheirReason() throws Exception {
        List<Map<String, Object>> deadLetters = DuckDbDatasets.read(batchOutput, "dead_letter", "reason, raw_text");
        assertEquals(traffic.summary().deadLettered(), deadLetters.size());
        traffic.summary().malformedByReason().forEach((reason, count) -> assertEquals((long) count,
                deadLetters.stream().filter(d -> d.get("reason").equals(reason.name())).count(), reason.name()));
    }

    @Test
    void aStreamingRunAndABatchRerunProduceTheSameAggregatesAndResults() throws Exception {
        assertSameRows(DuckDbDatasets.read(batchOutput, "aggregates", "window_end, variant, metric, segment NULLS FIRST"),
                DuckDbDatasets.read(streamOutput, "aggregates", "window_end, variant, metric, segment NULLS FIRST"));
        assertSameRows(DuckDbDatasets.read(batchOutput, "results", "as_of, metric, segment NULLS FIRST, treatment_variant"),
                DuckDbDatasets.read(streamOutput, "results", "as_of, metric, segment NULLS FIRST, treatment_variant"));
        assertEquals(DuckDbDatasets.read(batchOutput, "dead_letter", "reason, raw_text").size(),
                DuckDbDatasets.read(streamOutput, "dead_letter", "reason, raw_text").size());
    }

    @Test
    void decisionsAreWrittenWhenTheyChangeAndAtTheEnd() throws Exception {
        List<Map<String, Object>> decisions = DuckDbDatasets.read(batchOutput, "decisions", "as_of");
        assertFalse(decisions.isEmpty());
        for (int i = 1; i < decisions.size() - 1; i++) {
            assertFalse(decisions.get(i).get("decision").equals(decisions.get(i - 1).get("decision"))
                    && decisions.get(i).get("rule").equals(decisions.get(i - 1).get("rule")), "unchanged decision repeated");
        }
        assertTrue(Files.isDirectory(batchOutput.resolve("decisions")));
    }

    private static void assertSameRows(List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        assertEquals(expected.size(), actual.size(), "row count");
        assertFalse(expected.isEmpty());
        for (int i = 0; i < expected.size(); i++) {
            for (Map.Entry<String, Object> column : expected.get(i).entrySet()) {
                Object e = column.getValue();
                Object a = actual.get(i).get(column.getKey());
                if (e instanceof Double x && a instanceof Double y) {
                    assertEquals(x, y, 1e-9 * Math.max(1, Math.abs(x)), "row " + i + " column " + column.getKey());
                } else {
                    assertEquals(e, a, "row " + i + " column " + column.getKey() + ": expected row " + expected.get(i));
                }
            }
        }
    }
}
