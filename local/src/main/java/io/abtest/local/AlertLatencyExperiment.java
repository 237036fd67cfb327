package io.abtest.local;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.synthetic.LatencyFault;
import io.abtest.jobs.synthetic.SyntheticOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code alert-latency} harness's experiment and traffic plan: one latency guardrail that breaches whenever the
 * challenger is slow ({@code latency_p99} more than 50% above the control's in the same window; windows of
 * {@code --guardrail-window}; {@code consecutive_breaches: 1}, {@code recovery_windows: 1}), and real-time traffic
 * whose challenger is {@code --extra-latency-ms} slower in every {@code fault-windows} of each cycle, so that each
 * fault opens exactly one incident and the healthy windows after it resolve it.
 *
 * <pre>
 *   | warm-up (5 windows) | fault | healthy | fault | healthy | ... | tail (2 windows) |
 *   start (aligned to the window)    ^ the first fault window's end opens incident 1
 * </pre>
 */
final class AlertLatencyExperiment {

    static final String ID = "alert-latency";
    static final String CONTROL = "control";
    static final String CHALLENGER = "challenger";
    static final String GUARDRAIL = "latency-p99";
    static final int WARM_UP_WINDOWS = 5;
    static final int TAIL_WINDOWS = 2;
    /** Mean requests per unit (Poisson): a unit's requests are spread over the whole run. */
    static final double REQUESTS_PER_UNIT = 5;
    static final double OUTCOME_RATE = 0.2;
    static final Duration OUTCOME_DELAY_MEAN = Duration.ofMillis(500);
    /** The experiment's {@code allowed_lateness}: an analysis window closes (is analysed) this long after its end. */
    static final Duration ALLOWED_LATENESS = Duration.ofSeconds(10);

    private final AlertLatencyOptions options;
    private final long windowMillis;
    private final long startMillis;

    /** @param notBefore the traffic starts at the first window boundary at or after this */
    AlertLatencyExperiment(AlertLatencyOptions options, Instant notBefore) {
        this.options = options;
        this.windowMillis = options.guardrailWindow().toMillis();
        long earliest = notBefore.toEpochMilli();
        this.startMillis = Math.floorDiv(earliest + windowMillis - 1, windowMillis) * windowMillis;
    }

    static String yaml(AlertLatencyOptions options) {
        return """
                # The alert-latency harness's experiment: a latency guardrail that breaches in every window in which the
                # challenger is slow, and recovers in the next healthy one (java -jar abtest-local.jar alert-latency).
                experiment_id: %s
                hash_salt: alert-latency-harness

                variants:
                  - {name: %s, weight: 50, control: true, model_version: ranker-1}
                  - {name: %s, weight: 50, model_version: ranker-2}

                metrics:
                  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better,
                     primary: true}
                  - {name: latency_per_request, kind: ratio, source: latency_ms, denominator: requests,
                     direction: lower_is_better}

                guardrails:
                  - name: %s
                    metric: latency_p99
                    threshold: 0.5
                    relative_to_control: true
                    comparison: greater_than
                    window: %dms
                    consecutive_breaches: 1
                    recovery_windows: 1
                    severity: critical
                    action: alert

                attribution_window: 1m
                allowed_lateness: %dms
                alpha: 0.05
                power: 0.8
                minimum_detectable_effect: 0.1
                minimum_sample_size: 1000
                minimum_duration: 1m
                """.formatted(ID, CONTROL, CHALLENGER, GUARDRAIL, options.guardrailWindow().toMillis(),
                ALLOWED_LATENESS.toMillis());
    }

    static ExperimentCatalog catalog(AlertLatencyOptions options) {
        return ExperimentCatalog.of(Map.of(ID + ".yaml", yaml(options)));
    }

    Instant start() {
        return Instant.ofEpochMilli(startMillis);
    }

    int windows() {
        return WARM_UP_WINDOWS + options.incidents() * options.cycleWindows() + TAIL_WINDOWS;
    }

    Duration duration() {
        return Duration.ofMillis(windows() * windowMillis);
    }

    Instant end() {
        return start().plus(duration());
    }

    /** The faults, as offsets from the start: fault i covers windows {@code [W + i * cycle, W + i * cycle + f)}. */
    List<LatencyFault> faults() {
        List<LatencyFault> faults = new ArrayList<>();
        for (int i = 0; i < options.incidents(); i++) {
            long from = (WARM_UP_WINDOWS + (long) i * options.cycleWindows()) * windowMillis;
            faults.add(new LatencyFault(CHALLENGER, Duration.ofMillis(from),
                    Duration.ofMillis(from + options.faultWindows() * windowMillis), options.extraLatencyMs()));
        }
        return faults;
    }

    /** The end of each fault's first window: the window whose judgment opens the fault's incident (epoch ms). */
    List<Long> expectedIncidentEnds() {
        return faults().stream().map(f -> startMillis + f.from().toMillis() + windowMillis).toList();
    }

    SyntheticOptions traffic() {
        long seconds = Math.max(1, duration().toSeconds());
        int units = (int) Math.ceil(2.0 * options.rate() * seconds / REQUESTS_PER_UNIT);
        SyntheticOptions.Builder builder = SyntheticOptions.builder()
                .seed(options.seed())
                .units(units)
                .start(start())
                .duration(duration())
                .outcomeRate(OUTCOME_RATE)
                .outcomeDelayMean(OUTCOME_DELAY_MEAN)
                .maxDisorder(Duration.ZERO)
                .clean();
        faults().forEach(builder::latencyFault);
        return builder.build();
    }
}
