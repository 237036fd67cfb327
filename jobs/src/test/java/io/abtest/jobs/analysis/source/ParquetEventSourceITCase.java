package io.abtest.jobs.analysis.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.event.EventValidator;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events written by {@link EventParquetFiles} into folders, read back by {@link ParquetEventSource} in a batch job
 * on a mini cluster with generic types (Kryo) disabled, validated as they are read: the valid ones come back equal
 * with their file as source, the row with a null required column is {@code MISSING_FIELD} (as its JSON is), and
 * files in subfolders are read while hidden ones are not.
 */
class ParquetEventSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path dir;

    @Test
    void batchRerunReadsEveryRowForTheSameValidator() throws Exception {
        Path predictions = Files.createDirectories(dir.resolve("predictions"));
        Path outcomes = Files.createDirectories(dir.resolve("outcomes/day=2025-11-24"));
        EventParquetFiles.writePredictions(predictions.resolve("a.parquet"),
                List.of(EventFixtures.FULL_PREDICTION, EventFixtures.SHADOW_PREDICTION));
        GenericRecord noEventTime = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        noEventTime.put("event_id", "p-bad");
        noEventTime.put("event_time", null);
        EventParquetFiles.writeRows(predictions.resolve("b.parquet"), EventParquetSchemas.PREDICTION,
                List.of(EventParquetFiles.toRecord(EventFixtures.ERROR_PREDICTION), noEventTime));
        EventParquetFiles.writePredictions(predictions.resolve(".hidden.parquet"), List.of(EventFixtures.FULL_PREDICTION));
        EventParquetFiles.writeOutcomes(outcomes.resolve("c.parquet"),
                List.of(EventFixtures.FULL_OUTCOME, EventFixtures.BARE_OUTCOME));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(noKryo);
        List<InputRecord> read = new ArrayList<>();
        try (CloseableIterator<InputRecord> records = ParquetEventSource
                .read(env, EventFixtures.CATALOG, EventKind.PREDICTION, MaxEventTimeSkew.byDefault(),
                        new org.apache.flink.core.fs.Path(predictions.toUri()))
                .union(ParquetEventSource.read(env, EventFixtures.CATALOG, EventKind.OUTCOME, MaxEventTimeSkew.byDefault(),
                        new org.apache.flink.core.fs.Path(dir.resolve("outcomes").toUri())))
                .executeAndCollect()) {
            records.forEachRemaining(read::add);
        }

        Map<String, PredictionEvent> predictionsById = new TreeMap<>();
        Map<String, OutcomeEvent> outcomesById = new TreeMap<>();
        List<Rejection> rejections = new ArrayList<>();
        Map<String, String> fileById = new TreeMap<>();
        for (InputRecord record : read) {
            if (record.prediction() != null) {
                predictionsById.put(record.prediction().eventId(), record.prediction());
                fileById.put(record.prediction().eventId(), fileName(record.source()));
            } else if (record.outcome() != null) {
                outcomesById.put(record.outcome().eventId(), record.outcome());
                fileById.put(record.outcome().eventId(), fileName(record.source()));
            } else {
                rejections.add(record.rejection());
                fileById.put("rejected", fileName(record.source()));
            }
        }

        assertEquals(6, read.size());
        assertEquals(Map.of("p-1", EventFixtures.FULL_PREDICTION, "p-2", EventFixtures.SHADOW_PREDICTION,
                "p-3", EventFixtures.ERROR_PREDICTION), predictionsById);
        assertEquals(Map.of("o-1", EventFixtures.FULL_OUTCOME, "o-2", EventFixtures.BARE_OUTCOME), outcomesById);
        assertEquals(1, rejections.size());
        assertEquals(RejectReason.MISSING_FIELD, rejections.get(0).reason());
        assertEquals("event_time", rejections.get(0).field());
        assertEquals(EventKind.PREDICTION, read.stream().filter(r -> !r.accepted()).findFirst().orElseThrow().kind());
        assertEquals(new EventValidator(EventFixtures.CATALOG.configs()).prediction(rejections.get(0).rawText())
                .rejection(), rejections.get(0));
        assertEquals(Map.of("p-1", "predictions/a.parquet", "p-2", "predictions/a.parquet",
                "p-3", "predictions/b.parquet", "rejected", "predictions/b.parquet",
                "o-1", "day=2025-11-24/c.parquet", "o-2", "day=2025-11-24/c.parquet"), fileById);
        for (InputRecord record : read) {
            assertEquals(true, record.source().startsWith("file:/"), record.source());
        }
    }

    private static String fileName(String source) {
        String[] parts = source.split("/");
        return parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }
}
