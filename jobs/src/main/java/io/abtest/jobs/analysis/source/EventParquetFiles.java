package io.abtest.jobs.analysis.source;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes input events as a local Parquet file of {@link EventParquetSchemas}' columns, with parquet-avro and no
 * Flink, for tests and the synthetic generator that feed the batch rerun. Null optional fields and empty maps are
 * written as nulls, as {@code EventJson} omits them. parquet-avro needs Hadoop's classes on the classpath even for
 * a local file (they are {@code provided} in this module).
 */
public final class EventParquetFiles {

    private EventParquetFiles() {}

    /** Writes {@code events} to a new file; fails if {@code file} exists. */
    public static void writePredictions(Path file, List<PredictionEvent> events) {
        writeRows(file, EventParquetSchemas.PREDICTION, events.stream().map(EventParquetFiles::toRecord).toList());
    }

    /** Writes {@code events} to a new file; fails if {@code file} exists. */
    public static void writeOutcomes(Path file, List<OutcomeEvent> events) {
        writeRows(file, EventParquetSchemas.OUTCOME, events.stream().map(EventParquetFiles::toRecord).toList());
    }

    /**
     * Writes rows of {@code schema} as they are, nulls in required columns included, so that tests and the
     * generator can produce the bad rows the job must dead-letter.
     */
    public static void writeRows(Path file, Schema schema, List<GenericRecord> rows) {
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .build()) {
            for (GenericRecord row : rows) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Parquet file " + file, e);
        }
    }

    public static GenericRecord toRecord(PredictionEvent event) {
        GenericData.Record record = new GenericData.Record(EventParquetSchemas.PREDICTION);
        record.put("event_id", event.eventId());
        record.put("experiment_id", event.experimentId());
        record.put("variant", event.variant());
        record.put("unit_id", event.unitId());
        record.put("request_id", event.requestId());
        record.put("event_time", event.eventTime());
        record.put("model_version", event.modelVersion());
        record.put("latency_ms", event.latencyMs());
        record.put("status", event.status() == null ? null : event.status().wireName());
        record.put("score", event.score());
        record.put("predicted_label", event.predictedLabel());
        record.put("served", event.served());
        record.put("attributes", nullIfEmpty(event.attributes()));
        return record;
    }

    public static GenericRecord toRecord(OutcomeEvent event) {
        GenericData.Record record = new GenericData.Record(EventParquetSchemas.OUTCOME);
        record.put("event_id", event.eventId());
        record.put("request_id", event.requestId());
        record.put("unit_id", event.unitId());
        record.put("event_time", event.eventTime());
        record.put("experiment_id", event.experimentId());
        record.put("label", event.label());
        record.put("values", nullIfEmpty(event.values()));
        return record;
    }

    private static <V> Map<String, V> nullIfEmpty(Map<String, V> map) {
        return map.isEmpty() ? null : map;
    }
}
