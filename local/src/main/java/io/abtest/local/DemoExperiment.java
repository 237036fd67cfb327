package io.abtest.local;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.synthetic.LatencyFault;
import io.abtest.jobs.synthetic.SyntheticOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The demo's experiment ({@code demo/demo-ranker.yaml}) and its traffic: six hours of a challenger that lifts
 * conversion, a 20-minute latency fault on the challenger, and the generator's default share of malformed, duplicate,
 * late and unmatched records.
 */
final class DemoExperiment {

    static final String ID = "demo-ranker";
    static final String CHALLENGER = "challenger";
    /** The guardrail (action stop) the latency fault breaches. */
    static final String LATENCY_GUARDRAIL = "latency-p99";
    static final String RESOURCE = "/demo/demo-ranker.yaml";
    static final Duration TRAFFIC_DURATION = Duration.ofHours(6);
    static final Duration WINDOW = Duration.ofMinutes(30);
    static final LatencyFault LATENCY_FAULT =
            new LatencyFault(CHALLENGER, Duration.ofHours(3), Duration.ofHours(3).plusMinutes(20), 150);

    /**
     * Late records are this much beyond the allowed lateness: far enough that at the default size the watermark,
     * which trails a fast replay, has passed every one of them when it arrives (see {@code EmbeddedDemo.check}).
     */
    static final Duration LATE_MARGIN = Duration.ofHours(2);

    private DemoExperiment() {}

    static String yaml() {
        try (InputStream in = DemoExperiment.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExperimentCatalog catalog() {
        return ExperimentCatalog.of(Map.of(RESOURCE.substring(1), yaml()));
    }

    static SyntheticOptions traffic(DemoOptions options) {
        return SyntheticOptions.builder()
                .seed(options.seed())
                .units(options.units())
                .duration(TRAFFIC_DURATION)
                .lift(CHALLENGER, options.lift())
                .latencyFault(LATENCY_FAULT)
                .lateMargin(LATE_MARGIN)
                .build();
    }
}
