package io.abtest.local;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter for the {@code alert-latency} harness: the mini cluster runs in the harness's JVM, so the
 * reporter keeps the live {@link Metric} objects of a few operator metrics (watermark gauges, record and judgment
 * counters) in a static map, and {@link AlertLatencySampler} reads them every millisecond, instead of the REST
 * API's metric fetcher, which refreshes every few seconds. Enabled only by {@link #enable} (Flink finds the factory
 * through {@code META-INF/services} but instantiates it only when the configuration names it).
 */
public final class AlertLatencyProbe implements MetricReporter {

    static final String REPORTER = "alertlatency";

    static final String INPUT_WATERMARK = "currentInputWatermark";
    static final String OUTPUT_WATERMARK = "currentOutputWatermark";
    static final String RECORDS_IN = "numRecordsIn";

    private static final Set<String> KEPT = Set.of(INPUT_WATERMARK, OUTPUT_WATERMARK, RECORDS_IN,
            io.abtest.jobs.analysis.guardrail.GuardrailWindows.WINDOWS_JUDGED);

    /** An operator subtask's metric. */
    record Key(String operator, int subtask, String metric) {}

    private static final Map<Key, Metric> METRICS = new ConcurrentHashMap<>();

    /** Adds this reporter to a Flink configuration. */
    static void enable(Configuration configuration) {
        configuration.setString("metrics.reporter." + REPORTER + ".factory.class", Factory.class.getName());
    }

    /** The operator metrics registered so far (live objects). */
    static Map<Key, Metric> metrics() {
        return METRICS;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        if (!KEPT.contains(metricName)) {
            return;
        }
        Map<String, String> variables = group.getAllVariables();
        String operator = variables.get("<operator_name>");
        String subtask = variables.get("<subtask_index>");
        if (operator != null && subtask != null) {
            METRICS.put(new Key(operator, Integer.parseInt(subtask), metricName), metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        METRICS.values().remove(metric);
    }

    /** Found by Flink through {@code META-INF/services/org.apache.flink.metrics.reporter.MetricReporterFactory}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new AlertLatencyProbe();
        }
    }
}
