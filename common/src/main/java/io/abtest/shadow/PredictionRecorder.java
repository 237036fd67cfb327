package io.abtest.shadow;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one model call into a {@link PredictionEvent} and hands it to the serving code's sink. A sink
 * that throws loses that event and is counted; it never reaches the caller, whose answer is already
 * computed. Only the first sink failure is logged at WARN, so a broken sink cannot flood the log on
 * every request; later ones are at DEBUG and in {@link ShadowStats#sinkFailures()}.
 */
final class PredictionRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionRecorder.class);

    private final String experimentId;
    private final Consumer<PredictionEvent> sink;
    private final ShadowCounters counters;
    private final AtomicBoolean sinkFailureLogged = new AtomicBoolean();

    PredictionRecorder(String experimentId, Consumer<PredictionEvent> sink, ShadowCounters counters) {
        this.experimentId = experimentId;
        this.sink = sink;
        this.counters = counters;
    }

    void record(ShadowRequest request, VariantModel<?, ?> model, boolean served,
                PredictionStatus status, double latencyMs, ModelOutput output) {
        PredictionEvent event = new PredictionEvent(
                UUID.randomUUID().toString(),
                experimentId,
                model.variant(),
                request.unitId(),
                request.requestId(),
                request.eventTime(),
                model.modelVersion(),
                latencyMs,
                status,
                output.score(),
                output.predictedLabel(),
                served,
                request.attributes());
        try {
            sink.accept(event);
        } catch (Exception e) {
            counters.sinkFailures.increment();
            if (sinkFailureLogged.compareAndSet(false, true)) {
                LOG.warn("Prediction event sink failed for experiment {}; further failures are only counted", experimentId, e);
            } else {
                LOG.debug("Prediction event sink failed for experiment {}", experimentId, e);
            }
        }
    }
}
