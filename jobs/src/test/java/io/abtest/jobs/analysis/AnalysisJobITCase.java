package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.ExperimentConfig;
import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.event.EventJson;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.source.EventParquetFiles;
import io.abtest.control.ControlRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.abtest.control.ControlRecordJson;
import io.abtest.control.ControlState;
import io.abtest.control.ControlTopicListener;
import io.abtest.jobs.analysis.alert.AlertOptions;
import io.abtest.jobs.analysis.alert.AlertSinks;
import io.abtest.jobs.analysis.alert.AlertmanagerNotifier;
import io.abtest.jobs.analysis.sink.StopRecordSink;
import io.abtest.jobs.analysis.source.ControlTopicSource;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import io.abtest.jobs.synthetic.LatencyFault;
import io.abtest.jobs.synthetic.SyntheticOptions;
import io.abtest.jobs.synthetic.SyntheticSummary;
import io.abtest.jobs.synthetic.SyntheticRecord;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import io.abtest.jobs.synthetic.Truth;
import io.abtest.jobs.synthetic.VariantCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.abtest.jobs.analysis.records.InputRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole analysis job on a Flink mini cluster: the same synthetic events (known lift, malformed records,
 * duplicates, unmatched outcomes) once as a batch rerun over JSON lines and once streamed through a real KRaft
 * broker, both writing Parquet that DuckDB reads back. The streaming run, uninterrupted and restarted from a
 * checkpoint, runs on the heap state backend and again on RocksDB ({@code --state-backend rocksdb}).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class AnalysisJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    /** The experiment; {@code reference_results.py} beside it analyses the same traffic independently. */
    static final Path EXPERIMENT = resource("ranker-v2-it.yaml");

    static final ExperimentCatalog CATALOG = ExperimentCatalog.load(EXPERIMENT);

    /**
     * Control mean, treatment mean, difference, 95% CI low and high, p-value of the final analysis point, computed
     * from the generated JSON lines by {@code reference_results.py} (scipy 1.17.1, statsmodels 0.15.0): the pooled
     * two-proportion z test with the Wald interval ({@code proportions_ztest}, {@code confint_proportions_2indep})
     * for converted units, Welch's t test ({@code ttest_ind(equal_var=False)}) for revenue per unit; units served
     * both variants excluded. (Computed with the script's direct formulas, statsmodels being absent; on the traffic
     * without switched units they reproduce the statsmodels constants pinned before, digit for digit.)
     */
    static final double[] CONVERTED = {0.37682165163081194, 0.465300727032386, 0.08847907540157407,
        0.05301509685532564, 0.1239430539478225, 1.1339534893789725e-06};
    static final double[] REVENUE = {14.053393476752257, 18.96477858559154, 4.911385108839282, 2.5904163517804504,
        7.232353865898113, 3.432122604613708e-05};
    /**
     * The generator's output the references were computed from (regenerate them when this changes): the clean units
     * only, the 46 units served both variants excluded, as the job does.
     */
    static final long PINNED_RECORDS = 33_988;

    @TempDir
    static Path work;

    static SyntheticTraffic traffic;
    static Path batchOutput;
    static Path streamOutput;
    static Path parquetOutput;
    static Path restartedOutput;
    /** The uninterrupted and the restarted streaming runs again, keyed state in RocksDB. */
    static Path rocksDbOutput;
    static Path rocksDbRestartedOutput;
    static List<ConsumerRecord<String, String>> controlRecords;
    static List<ConsumerRecord<String, String>> alertRecords;

    /** The challenger serves 150 ms slower for 15 minutes: three 5-minute windows of the latency guardrail. */
    static final LatencyFault LATENCY_FAULT =
            new LatencyFault("challenger", Duration.ofMinutes(20), Duration.ofMinutes(35), 150);

    /**
     * Units switched to the other variant at a random instant: served both variants, the job excludes them
     * (multiple exposure). The experiment's {@code max_multiple_exposure} is above their share, so the decisions
     * still follow the guardrail.
     */
    static final double SWITCHED_UNIT_FRACTION = 0.03;

    /** The ITCase's traffic; {@code switched} 0 gives the traffic of the references before multiple exposure. */
    static SyntheticOptions trafficOptions(double switched) {
        return SyntheticOptions.builder()
                .units(3_000).lift("challenger", 0.3).shadowRate(0.2).lateFraction(0).duration(Duration.ofHours(1))
                .latencyFault(LATENCY_FAULT).switchedUnitFraction(switched)
                .build();
    }

    @BeforeAll
    static void runBatchAndStream() throws Exception {
        ExperimentConfig config = CATALOG.config("ranker-v2");
        traffic = SyntheticTraffic.generate(config, trafficOptions(SWITCHED_UNIT_FRACTION));

        Path predictions = work.resolve("predictions.jsonl");
        Path outcomes = work.resolve("outcomes.jsonl");
        traffic.writeJsonLines(predictions, outcomes);
        batchOutput = work.resolve("batch");
        run(AnalysisJobOptions.parse("--experiments", EXPERIMENT.toString(), "--output", batchOutput.toString(), "--mode", "batch",
                "--input-format", "jsonl", "--predictions", predictions.toString(), "--outcomes", outcomes.toString(),
                "--window", "10m"));

        Path parquet = writeParquet(traffic, work.resolve("parquet-input"));
        parquetOutput = work.resolve("batch-parquet");
        run(AnalysisJobOptions.parse("--experiments", EXPERIMENT.toString(), "--output", parquetOutput.toString(),
                "--mode", "batch", "--predictions", parquet.resolve("predictions").toString(),
                "--outcomes", parquet.resolve("outcomes").toString(), "--window", "10m"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopic("ab.predictions", 2, Map.of());
            broker.createTopic("ab.outcomes", 2, Map.of());
            broker.createTopic(ControlTopicListener.DEFAULT_TOPIC, 1, Map.of("cleanup.policy", "compact"));
            broker.createTopic(AlertOptions.DEFAULT_TOPIC, 1, Map.of());
            try (KafkaTrafficPublisher publisher = KafkaTrafficPublisher.create(broker.bootstrapServers(),
                    "ab.predictions", "ab.outcomes", KafkaTrafficPublisher.DEFAULT_PROGRESS_EVERY, System.out)) {
                publisher.publish(traffic);
            }
            streamOutput = work.resolve("stream");
            run(streaming(broker, streamOutput, "uninterrupted"));
            controlRecords = broker.records(ControlTopicListener.DEFAULT_TOPIC);
            alertRecords = broker.records(AlertOptions.DEFAULT_TOPIC);

            restartedOutput = work.resolve("restarted");
            runDatasetsOnly(streaming(broker, restartedOutput, "restarted"), "restarted", false);

            rocksDbOutput = work.resolve("stream-rocksdb");
            runDatasetsOnly(streaming(broker, rocksDbOutput, "rocksdb", "--state-backend", "rocksdb"), null, true);
            rocksDbRestartedOutput = work.resolve("restarted-rocksdb");
            runDatasetsOnly(streaming(broker, rocksDbRestartedOutput, "rocksdb-restarted", "--state-backend", "rocksdb"),
                    "rocksdb-restarted", false);
        }
    }

    /**
     * A streaming run that writes the datasets only (no control topic read, no alert or STOPPED record written, as
     * in a batch rerun, so that runs after the first do not see its STOPPED record), failing once after a checkpoint
     * when {@code failingRun} names the run; with {@code probeStateBackend}, a side branch of the sources records the
     * job's keyed state backend ({@link KeyedStateBackendProbe}).
     */
    private static void runDatasetsOnly(AnalysisJobOptions options, String failingRun, boolean probeStateBackend)
            throws Exception {
        StreamExecutionEnvironment env = environment();
        AnalysisJob.configure(env, options);
        DataStream<InputRecord> raw = AnalysisJob.sources(env, options);
        if (probeStateBackend) {
            raw.keyBy(InputRecord::source).transform("Keyed state backend probe", raw.getType(),
                    new KeyedStateBackendProbe()).sinkTo(new DiscardingSink<>()).name("Discard probe");
        }
        if (failingRun != null) {
            raw = raw.map(new FailOnceAfterCheckpoint(failingRun, traffic.size() / 3)).name("Fail once");
        }
        new AnalysisPipeline(CATALOG, options).build(raw,
                new ParquetOutputs(new org.apache.flink.core.fs.Path(options.output())));
        env.execute(AnalysisJob.name(options));
    }

    /**
     * The traffic as historical Parquet datasets: every record but the malformed ones (Parquet has no malformed
     * JSON), duplicates and unmatched outcomes included, two files per dataset.
     */
    private static Path writeParquet(SyntheticTraffic traffic, Path root) throws Exception {
        List<PredictionEvent> predictions = new java.util.ArrayList<>();
        List<OutcomeEvent> outcomes = new java.util.ArrayList<>();
        for (SyntheticRecord record : traffic) {
            if (record.truth().kind() == Truth.Kind.MALFORMED) {
                continue;
            }
            if (record.kind() == EventKind.PREDICTION) {
                predictions.add(EventJson.reader().forType(PredictionEvent.class).readValue(record.json()));
            } else {
                outcomes.add(EventJson.reader().forType(OutcomeEvent.class).readValue(record.json()));
            }
        }
        Files.createDirectories(root.resolve("predictions"));
        Files.createDirectories(root.resolve("outcomes"));
        int half = predictions.size() / 2;
        EventParquetFiles.writePredictions(root.resolve("predictions/part-0.parquet"), predictions.subList(0, half));
        EventParquetFiles.writePredictions(root.resolve("predictions/part-1.parquet"),
                predictions.subList(half, predictions.size()));
        half = outcomes.size() / 2;
        EventParquetFiles.writeOutcomes(root.resolve("outcomes/part-0.parquet"), outcomes.subList(0, half));
        EventParquetFiles.writeOutcomes(root.resolve("outcomes/part-1.parquet"), outcomes.subList(half, outcomes.size()));
        return root;
    }

    /** A bounded streaming run of what the broker holds, with its own consumer group and checkpoints. */
    private static AnalysisJobOptions streaming(EmbeddedKafkaBroker broker, Path output, String name,
            String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--experiments", EXPERIMENT.toString(),
                "--output", output.toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--group-id", "it-" + name, "--bounded", "true",
                "--window", "10m", "--checkpoint-interval", "300ms",
                "--checkpoint-dir", checkpoints(name).toUri().toString()));
        args.addAll(List.of(more));
        return AnalysisJobOptions.parse(args.toArray(String[]::new));
    }

    private static Path checkpoints(String run) {
        return work.resolve("checkpoints-" + run);
    }

    /**
     * Parallelism 2; a failing job restarts at most twice, so a state that cannot be restored fails the test. Kryo is
     * refused here too (the job refuses it itself, {@code AnalysisJob.configure}).
     */
    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        KryoFallback.refuse(env);
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        env.configure(restarts);
        return env;
    }

    private static void run(AnalysisJobOptions options) throws Exception {
        StreamExecutionEnvironment env = environment();
        AnalysisJob.build(env, ExperimentCatalog.load(Path.of(options.experiments())), options);
        env.execute(AnalysisJob.name(options));
    }

    @Test
    void theFinalResultsMatchCountsTakenDirectlyFromTheEvents() throws Exception {
        List<Map<String, Object>> results = DuckDbDatasets.read(batchOutput, "results", "as_of, metric, segment NULLS FIRST");
        Map<String, Object> last = results.stream()
                .filter(r -> r.get("metric").equals("converted") && r.get("segment") == null)
                .reduce((a, b) -> b).orElseThrow();
        // the units served one variant only: the multi-exposed ones are excluded
        SyntheticSummary summary = traffic.summary();
        long controlUnits = summary.singleVariantUnits().get("champion");
        long challengerUnits = summary.singleVariantUnits().get("challenger");
        assertEquals(controlUnits, ((Number) last.get("control_n")).longValue());
        assertEquals(challengerUnits, ((Number) last.get("treatment_n")).longValue());
        assertEquals((double) summary.singleVariantConvertedUnits().get("champion") / controlUnits,
                (Double) last.get("control_mean"), 1e-12);
        assertEquals((double) summary.singleVariantConvertedUnits().get("challenger") / challengerUnits,
                (Double) last.get("treatment_mean"), 1e-12);
        assertEquals(summary.variant("champion").units() + summary.variant("challenger").units(),
                controlUnits + challengerUnits + 2 * summary.multipleExposureUnits(),
                "a multi-exposed unit is served by both variants");
        assertEquals("OK", last.get("status"));
        assertTrue((Double) last.get("relative_effect") > 0.1, "relative effect " + last.get("relative_effect"));
    }

    @Test
    void multipleExposureUnitsEqualTheGeneratorsCountOfUnitsServedBothVariants() throws Exception {
        long switched = traffic.summary().multipleExposureUnits();
        assertTrue(switched > 30, "the traffic has multi-exposed units: " + switched);
        List<Map<String, Object>> results = DuckDbDatasets.read(batchOutput, "results", "as_of, metric, segment NULLS FIRST");
        Object lastAsOf = results.get(results.size() - 1).get("as_of");
        long previous = 0;
        for (Map<String, Object> row : results) {
            long excluded = ((Number) row.get("multiple_exposure_units")).longValue();
            assertTrue(excluded >= previous, "units excluded so far never decrease: " + row);
            previous = excluded;
            if (row.get("as_of").equals(lastAsOf)) {
                assertEquals(switched, excluded, row.get("metric") + " " + row.get("segment"));
            }
        }
    }

    @Test
    void theFinalResultsMatchAnIndependentScipyAnalysisOfTheSameEvents() throws Exception {
        assertEquals(PINNED_RECORDS, traffic.size(), "the generator changed: regenerate the pinned references "
                + "with reference_results.py (see its header)");
        List<Map<String, Object>> results = DuckDbDatasets.read(batchOutput, "results", "as_of");
        Object asOf = results.get(results.size() - 1).get("as_of");
        Map<String, Map<String, Object>> overall = new java.util.HashMap<>();
        results.stream().filter(row -> row.get("as_of").equals(asOf) && row.get("segment") == null)
                .forEach(row -> overall.put((String) row.get("metric"), row));
        assertMatches(CONVERTED, overall.get("converted"), 1e-9);
        assertMatches(REVENUE, overall.get("revenue"), 1e-7);
    }

    private static void assertMatches(double[] reference, Map<String, Object> row, double relative) {
        String[] columns = {"control_mean", "treatment_mean", "absolute_effect", "ci_low", "ci_high", "p_value"};
        for (int i = 0; i < columns.length; i++) {
            double actual = (Double) row.get(columns[i]);
            assertEquals(reference[i], actual, relative * Math.abs(reference[i]), row.get("metric") + " " + columns[i]);
        }
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
        assertSameDatasets(batchOutput, streamOutput, "aggregates", "results", "operational");
        assertEquals(DuckDbDatasets.read(batchOutput, "dead_letter", "reason, raw_text").size(),
                DuckDbDatasets.read(streamOutput, "dead_letter", "reason, raw_text").size());
    }

    @Test
    void aRerunOverParquetWritesWhatARerunOverJsonLinesWrites() throws Exception {
        assertSameDatasets(batchOutput, parquetOutput, "aggregates", "results", "operational");
        Path deadLetters = parquetOutput.resolve("dead_letter");
        try (var files = Files.exists(deadLetters) ? Files.list(deadLetters) : java.util.stream.Stream.<Path>empty()) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".parquet")), "nothing to dead-letter");
        }
    }

    @Test
    void operationalRowsCountEveryPredictionAndPairEveryShadow() throws Exception {
        List<Map<String, Object>> rows = DuckDbDatasets.read(batchOutput, "operational", "window_end, variant, served");
        for (String variant : List.of("champion", "challenger")) {
            VariantCounts expected = traffic.summary().variant(variant);
            assertEquals(expected.servedPredictions(), sum(rows, variant, true, "predictions"), variant + " served");
            assertEquals(expected.errors(), sum(rows, variant, true, "errors"), variant + " errors");
            assertEquals(expected.timeouts(), sum(rows, variant, true, "timeouts"), variant + " timeouts");
            assertEquals(expected.shadowPredictions(), sum(rows, variant, false, "predictions"), variant + " shadow");
            assertEquals(expected.shadowPredictions(), sum(rows, variant, false, "shadow_pairs"), variant + " pairs");
        }
        for (Map<String, Object> row : rows) {
            double p50 = (Double) row.get("latency_p50");
            double p99 = (Double) row.get("latency_p99");
            assertTrue(p50 > 0 && p50 <= (Double) row.get("latency_p95") && (Double) row.get("latency_p95") <= p99
                    && p99 <= (Double) row.get("latency_max"), "percentiles in order: " + row);
        }
    }

    private static long sum(List<Map<String, Object>> rows, String variant, boolean served, String column) {
        return rows.stream().filter(r -> r.get("variant").equals(variant) && r.get("served").equals(served))
                .mapToLong(r -> ((Number) r.get(column)).longValue()).sum();
    }

    @Test
    void aRunRestartedFromACheckpointWritesWhatAnUninterruptedRunWrites() throws Exception {
        assertTrue(FailOnceAfterCheckpoint.failed("restarted"), "the failure was injected, so the job restarted");
        assertSameDatasets(streamOutput, restartedOutput, "aggregates", "results", "decisions", "operational");
        assertEquals(DuckDbDatasets.read(streamOutput, "dead_letter", "reason, raw_text").size(),
                DuckDbDatasets.read(restartedOutput, "dead_letter", "reason, raw_text").size());
    }

    @Test
    void aStreamingRunOnRocksDbWritesWhatABatchRerunWrites() throws Exception {
        assertSameDatasets(batchOutput, rocksDbOutput, "aggregates", "results", "operational", "guardrails",
                "decisions");
        assertEquals(DuckDbDatasets.read(batchOutput, "dead_letter", "reason, raw_text").size(),
                DuckDbDatasets.read(rocksDbOutput, "dead_letter", "reason, raw_text").size());
    }

    @Test
    void aRunOnRocksDbRestartedFromACheckpointWritesWhatAnUninterruptedRunWrites() throws Exception {
        assertTrue(FailOnceAfterCheckpoint.failed("rocksdb-restarted"), "the failure was injected");
        assertSameDatasets(rocksDbOutput, rocksDbRestartedOutput, "aggregates", "results", "decisions", "operational",
                "guardrails");
        assertEquals(DuckDbDatasets.read(rocksDbOutput, "dead_letter", "reason, raw_text").size(),
                DuckDbDatasets.read(rocksDbRestartedOutput, "dead_letter", "reason, raw_text").size());
    }

    /** {@code --state-backend rocksdb} reached the task managers: keyed state lived in RocksDB, not on the heap. */
    @Test
    void theRocksDbRunKeptItsKeyedStateInRocksDb() {
        assertFalse(KeyedStateBackendProbe.BACKENDS.isEmpty(), "the probe ran");
        assertTrue(KeyedStateBackendProbe.BACKENDS.stream().allMatch(b -> b.contains("RocksDB")),
                KeyedStateBackendProbe.BACKENDS.toString());
    }

    @Test
    void decisionsAreWrittenWhenTheyChangeAndAtTheEnd() throws Exception {
        List<Map<String, Object>> decisions = DuckDbDatasets.read(batchOutput, "decisions", "as_of");
        assertFalse(decisions.isEmpty());
        for (int i = 1; i < decisions.size() - 1; i++) {
            assertFalse(decisions.get(i).get("decision").equals(decisions.get(i - 1).get("decision"))
                    && decisions.get(i).get("rule").equals(decisions.get(i - 1).get("rule")), "unchanged decision repeated");
        }
        List<Map<String, Object>> results = DuckDbDatasets.read(batchOutput, "results", "as_of");
        Map<String, Object> last = decisions.get(decisions.size() - 1);
        assertEquals(results.get(results.size() - 1).get("as_of"), last.get("as_of"),
                "the last decision is that of the last analysis point");
        assertEquals("STOP", last.get("decision"), "the latency guardrail stopped the experiment: " + decisions);
        Map<String, Object> beforeStop = decisions.stream().filter(d -> !"STOP".equals(d.get("decision")))
                .reduce((a, b) -> b).orElseThrow();
        assertTrue(beforeStop.get("justification").toString().matches(".*[0-9,]+ (of|units).*"),
                "an analysed decision names the units it rests on: " + beforeStop.get("justification"));
    }

    @Test
    void theLatencyFaultOpensAndResolvesOneIncidentAndAStreamingRunAndABatchRerunWriteTheSameGuardrailRows()
            throws Exception {
        List<Map<String, Object>> rows = DuckDbDatasets.read(batchOutput, "guardrails", ROW_ORDER.get("guardrails"));
        List<Map<String, Object>> opened = rows.stream().filter(r -> "open".equals(r.get("incident_state"))).toList();
        assertEquals(1, opened.size(), "one incident: " + rows);
        Map<String, Object> open = opened.get(0);
        assertEquals("challenger", open.get("variant"));
        assertEquals("latency-p99", open.get("guardrail"));
        long faultStart = SyntheticOptions.DEFAULT_START.plus(LATENCY_FAULT.from()).toEpochMilli();
        assertEquals(faultStart + Duration.ofMinutes(10).toMillis(), millis(open.get("window_end")),
                "opened by the second breaching 5-minute window of the fault");
        assertTrue((Double) open.get("observed") > (Double) open.get("threshold"), open.toString());
        assertEquals(1, rows.stream().filter(r -> "resolved".equals(r.get("incident_state"))).count(), rows.toString());
        assertTrue(rows.stream().allMatch(r -> r.get("guardrail").equals("latency-p99")),
                "the error rate never breaches: " + rows);

        assertSameDatasets(batchOutput, streamOutput, "guardrails", "decisions");
        assertSameDatasets(batchOutput, parquetOutput, "guardrails", "decisions");
    }

    @Test
    void theStopIncidentWritesStoppedToTheControlTopicAnAlertPerChangeAndStopDecisions() throws Exception {
        assertEquals(1, controlRecords.size(), controlRecords.toString());
        assertEquals("ranker-v2", controlRecords.get(0).key());
        ControlRecord stopped = ((ControlRecordJson.Result.Parsed) ControlRecordJson.parse(
                controlRecords.get(0).value())).record();
        assertEquals(ControlState.STOPPED, stopped.state());
        assertTrue(stopped.reason().startsWith("guardrail latency-p99 breached by challenger"), stopped.reason());

        assertEquals(2, alertRecords.size(), "an alert when the incident opens and when it resolves: " + alertRecords);
        assertEquals(alertRecords.get(0).key(), alertRecords.get(1).key(), "one dedup key per incident");
        assertTrue(alertRecords.get(0).key().startsWith("ranker-v2|challenger|latency-p99|"),
                alertRecords.get(0).key());

        List<Map<String, Object>> decisions = DuckDbDatasets.read(streamOutput, "decisions", "as_of");
        Map<String, Object> last = decisions.get(decisions.size() - 1);
        assertEquals("STOP", last.get("decision"));
        assertTrue(last.get("justification").toString().startsWith("guardrail latency-p99 breached by challenger"),
                last.toString());
    }

    /** A batch rerun builds no alert, Alertmanager or control-topic operator; a streaming run builds each. */
    @Test
    void aBatchRerunNeverPostsAlertsOrWritesToTheControlTopic() throws Exception {
        List<String> uids = List.of(AlertSinks.KAFKA_UID, AlertmanagerNotifier.UID, StopRecordSink.UID,
                ControlTopicSource.UID);
        Path output = work.resolve("graphs");
        AnalysisJobOptions batch = AnalysisJobOptions.parse("--experiments", EXPERIMENT.toString(), "--output",
                output.toString(), "--mode", "batch", "--input-format", "jsonl", "--predictions", "p", "--outcomes", "o",
                "--alertmanager-url", "http://127.0.0.1:9");
        AnalysisJobOptions streaming = AnalysisJobOptions.parse("--experiments", EXPERIMENT.toString(), "--output",
                output.toString(), "--alertmanager-url", "http://127.0.0.1:9");
        assertTrue(java.util.Collections.disjoint(uids, graphUids(batch)), graphUids(batch).toString());
        assertTrue(graphUids(streaming).containsAll(uids), graphUids(streaming).toString());
    }

    private static List<String> graphUids(AnalysisJobOptions options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        AnalysisJob.build(env, CATALOG, options);
        return env.getStreamGraph().getStreamNodes().stream()
                .map(org.apache.flink.streaming.api.graph.StreamNode::getTransformationUID)
                .filter(java.util.Objects::nonNull).toList();
    }

    /** DuckDB reads a Parquet timestamp with a UTC zone as an OffsetDateTime. */
    private static long millis(Object timestamp) {
        return ((java.time.OffsetDateTime) timestamp).toInstant().toEpochMilli();
    }

    private static Path resource(String name) {
        try {
            return Path.of(AnalysisJobITCase.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of each dataset, in an order that identifies them. */
    private static final Map<String, String> ROW_ORDER = Map.of(
            "aggregates", "window_end, variant, metric, segment NULLS FIRST",
            "results", "as_of, metric, segment NULLS FIRST, treatment_variant",
            "decisions", "as_of",
            "guardrails", "window_end, variant, guardrail, incident_state NULLS FIRST",
            "operational", "window_end, variant, served");

    private static void assertSameDatasets(Path expected, Path actual, String... datasets) throws Exception {
        for (String dataset : datasets) {
            assertSameRows(DuckDbDatasets.read(expected, dataset, ROW_ORDER.get(dataset)),
                    DuckDbDatasets.read(actual, dataset, ROW_ORDER.get(dataset)));
        }
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
