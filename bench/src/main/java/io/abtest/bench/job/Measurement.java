package io.abtest.bench.job;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a measured run's JVM reports to the benchmark: a properties file it writes as it finishes. Keys: {@code
 * run_ms} (the run's own time: the job's net runtime from Flink, from its start to finished, or DuckDB's query from
 * connecting to the last row read), {@code heap_peak_bytes}, {@code heap_after_gc_peak_bytes}, and for a streaming
 * run {@code checkpoints}, {@code checkpoint_largest_bytes}, {@code checkpoint_last_bytes}.
 */
final class Measurement {

    private final Properties values = new Properties();

    void put(String key, long value) {
        values.setProperty(key, Long.toString(value));
    }

    long get(String key) {
        return Long.parseLong(values.getProperty(key, "-1"));
    }

    void write(Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            values.store(writer, "job benchmark measurement");
        }
    }

    static Measurement read(Path file) throws IOException {
        Measurement measurement = new Measurement();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            measurement.values.load(reader);
        }
        return measurement;
    }
}
