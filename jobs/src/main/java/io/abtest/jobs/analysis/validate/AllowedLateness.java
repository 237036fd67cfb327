package io.abtest.jobs.analysis.validate;

import io.abtest.config.ExperimentConfig;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.ValidEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How far behind the watermark (in event time) an event may be and still count: its experiment's
 * {@code allowed_lateness}. An outcome that names no experiment could belong to any of them, so it gets the largest
 * allowed lateness of the catalog (zero for an empty catalog): an outcome is never dropped that its experiment would
 * have accepted.
 */
public final class AllowedLateness {

    private final Map<String, Long> millisByExperiment = new HashMap<>();
    private final long largestMillis;

    private AllowedLateness(Map<String, ExperimentConfig> experiments) {
        long largest = 0;
        for (ExperimentConfig config : experiments.values()) {
            long millis = config.allowedLateness().toMillis();
            millisByExperiment.put(config.experimentId(), millis);
            largest = Math.max(largest, millis);
        }
        this.largestMillis = largest;
    }

    public static AllowedLateness of(ExperimentCatalog catalog) {
        return new AllowedLateness(catalog.configs());
    }

    /** The lateness that applies to {@code event}, in milliseconds. */
    public long millisFor(ValidEvent event) {
        String experimentId = event.experimentId();
        return experimentId == null ? largestMillis : millisByExperiment.getOrDefault(experimentId, largestMillis);
    }

    /** The largest allowed lateness of the catalog, in milliseconds. */
    public long largestMillis() {
        return largestMillis;
    }

    public Duration largest() {
        return Duration.ofMillis(largestMillis);
    }
}
