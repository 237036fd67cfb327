package io.abtest.jobs.analysis.join;

import io.abtest.config.ExperimentConfig;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.validate.AllowedLateness;
import java.util.HashMap;
import java.util.Map;

/**
 * The event-time arithmetic of {@link AttributionJoin}: which served prediction an outcome counts for, and until
 * when (in watermark time) each buffered event can still find its partner.
 *
 * <p>The deadlines use the catalog's largest allowed lateness, as {@link io.abtest.jobs.analysis.validate.DropLate}
 * lets an outcome that names no experiment be that late. A deadline {@code t} is a timestamp that fires once the
 * watermark reaches it: then every record that could still match is older than the watermark by more than the
 * allowed lateness, so DropLate has already dead-lettered it. Sums saturate at {@link Long#MAX_VALUE}, which fires
 * at the end of a bounded input.
 */
final class AttributionWindows {

    private final Map<String, Long> windowMillisByExperiment = new HashMap<>();
    private final long largestWindowMillis;
    private final long latenessMillis;

    AttributionWindows(ExperimentCatalog catalog) {
        long largest = 0;
        for (ExperimentConfig config : catalog.configs().values()) {
            long millis = config.attributionWindow().toMillis();
            windowMillisByExperiment.put(config.experimentId(), millis);
            largest = Math.max(largest, millis);
        }
        this.largestWindowMillis = largest;
        this.latenessMillis = AllowedLateness.of(catalog).largestMillis();
    }

    /**
     * Whether {@code outcome} counts for {@code prediction}: a served prediction of the outcome's experiment (when
     * the outcome names one) with {@code prediction.event_time <= outcome.event_time <= prediction.event_time +
     * window}. Same {@code request_id} is the caller's key.
     */
    boolean attributes(PredictionEvent prediction, OutcomeEvent outcome) {
        if (!prediction.served()) {
            return false;
        }
        if (outcome.experimentId() != null && !outcome.experimentId().equals(prediction.experimentId())) {
            return false;
        }
        return prediction.eventTime() <= outcome.eventTime()
                && outcome.eventTime() <= plus(prediction.eventTime(), windowMillis(prediction.experimentId()));
    }

    /** When a prediction (served or shadow) can no longer meet an outcome or its counterpart. */
    long predictionDeadline(PredictionEvent prediction) {
        return plus(plus(prediction.eventTime(), windowMillis(prediction.experimentId())), latenessMillis + 1);
    }

    /** When a buffered outcome can no longer meet its prediction, which is never later than the outcome. */
    long outcomeDeadline(OutcomeEvent outcome) {
        return plus(outcome.eventTime(), latenessMillis + 1);
    }

    private long windowMillis(String experimentId) {
        return windowMillisByExperiment.getOrDefault(experimentId, largestWindowMillis);
    }

    private static long plus(long time, long millis) {
        long sum = time + millis;
        return ((time ^ sum) & (millis ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
