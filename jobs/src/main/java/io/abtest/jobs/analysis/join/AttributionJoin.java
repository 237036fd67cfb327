package io.abtest.jobs.analysis.join;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.AttributedOutcome;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.ShadowDivergence;
import io.abtest.jobs.analysis.records.ValidEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Joins outcomes to the prediction they count for (CONTRACT.md section 1): keyed by {@code request_id}, an outcome
 * joins the served prediction ({@code served=true}) of its request with {@code prediction.event_time <=
 * outcome.event_time <= prediction.event_time + attribution_window} (the prediction's experiment's window; when the
 * outcome names an experiment, only that experiment's prediction), whichever of the two arrives first. The result is
 * an {@link AttributedOutcome} on the main output.
 *
 * <p>Arrival order: an outcome that finds its prediction joins at once; one that does not waits in state until the
 * watermark passes its event time plus the catalog's largest allowed lateness (an event-time timer), since until
 * then {@link io.abtest.jobs.analysis.validate.DropLate} still admits its prediction. If none came, the outcome is
 * unmatched: counted ({@code outcomes_unmatched}) and emitted on {@link #UNMATCHED_OUTCOMES}, never attributed by a
 * guess. Several outcomes may join one prediction (a click, then a purchase); one outcome joins one prediction: if
 * several served predictions of a request qualify (a retried request), the latest one.
 *
 * <p>Shadow predictions ({@code served=false}) never join outcomes. When a request has both a served and a shadow
 * prediction of the same experiment, a {@link ShadowDivergence} (score difference, label disagreement) goes to
 * {@link #SHADOW_DIVERGENCES}, once per shadow prediction.
 *
 * <p>State (three keyed lists: served predictions, unpaired shadow predictions, waiting outcomes) is cleared by
 * event-time timers: a prediction once the watermark passes its event time plus the attribution window plus the
 * allowed lateness, an outcome at its deadline above; a request with nothing pending leaves no state or timer.
 * Emitted records carry the timestamp of the record or timer that completed them (Flink's rule for process
 * functions), not necessarily the outcome's event time.
 *
 * <p>Metrics: {@code outcomes_attributed}, {@code outcomes_unmatched}, {@code shadow_divergences}.
 */
public final class AttributionJoin extends KeyedProcessFunction<String, ValidEvent, AttributedOutcome> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "attribution-join";
    public static final String NAME = "Attribute outcomes to served predictions";

    /** Outcomes that matched no served prediction within the attribution window. */
    public static final OutputTag<OutcomeEvent> UNMATCHED_OUTCOMES =
            new OutputTag<>("unmatched-outcomes", TypeInformation.of(OutcomeEvent.class));

    /** Served versus shadow prediction of one request. */
    public static final OutputTag<ShadowDivergence> SHADOW_DIVERGENCES =
            new OutputTag<>("shadow-divergences", TypeInformation.of(ShadowDivergence.class));

    public static final String OUTCOMES_ATTRIBUTED = "outcomes_attributed";
    public static final String OUTCOMES_UNMATCHED = "outcomes_unmatched";
    public static final String SHADOW_DIVERGENCES_METRIC = "shadow_divergences";

    private final ExperimentCatalog catalog;

    private transient AttributionWindows windows;
    private transient ListState<PredictionEvent> served;
    private transient ListState<PredictionEvent> shadows;
    private transient ListState<OutcomeEvent> waitingOutcomes;
    private transient Counter attributed;
    private transient Counter unmatched;
    private transient Counter divergences;

    /** @param catalog the experiments, for their attribution windows and allowed lateness */
    public AttributionJoin(ExperimentCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void open(OpenContext openContext) {
        windows = new AttributionWindows(catalog);
        TypeInformation<PredictionEvent> predictionType = TypeInformation.of(PredictionEvent.class);
        served = getRuntimeContext().getListState(new ListStateDescriptor<>("served-predictions", predictionType));
        shadows = getRuntimeContext().getListState(new ListStateDescriptor<>("shadow-predictions", predictionType));
        waitingOutcomes = getRuntimeContext().getListState(
                new ListStateDescriptor<>("waiting-outcomes", TypeInformation.of(OutcomeEvent.class)));
        attributed = getRuntimeContext().getMetricGroup().counter(OUTCOMES_ATTRIBUTED);
        unmatched = getRuntimeContext().getMetricGroup().counter(OUTCOMES_UNMATCHED);
        divergences = getRuntimeContext().getMetricGroup().counter(SHADOW_DIVERGENCES_METRIC);
    }

    @Override
    public void processElement(ValidEvent event, Context ctx, Collector<AttributedOutcome> out) throws Exception {
        if (event.kind() == EventKind.OUTCOME) {
            onOutcome(event.outcome(), ctx, out);
        } else if (event.prediction().served()) {
            onServed(event.prediction(), ctx, out);
        } else {
            onShadow(event.prediction(), ctx);
        }
    }

    private void onOutcome(OutcomeEvent outcome, Context ctx, Collector<AttributedOutcome> out) throws Exception {
        PredictionEvent match = null;
        for (PredictionEvent prediction : served.get()) {
            if (windows.attributes(prediction, outcome) && (match == null || LATEST.compare(prediction, match) > 0)) {
                match = prediction;
            }
        }
        if (match != null) {
            attributed.inc();
            out.collect(new AttributedOutcome(match, outcome));
        } else {
            waitingOutcomes.add(outcome);
            ctx.timerService().registerEventTimeTimer(windows.outcomeDeadline(outcome));
        }
    }

    private void onServed(PredictionEvent prediction, Context ctx, Collector<AttributedOutcome> out) throws Exception {
        served.add(prediction);
        ctx.timerService().registerEventTimeTimer(windows.predictionDeadline(prediction));
        List<OutcomeEvent> stillWaiting = new ArrayList<>();
        for (OutcomeEvent outcome : waitingOutcomes.get()) {
            if (windows.attributes(prediction, outcome)) {
                attributed.inc();
                out.collect(new AttributedOutcome(prediction, outcome));
            } else {
                stillWaiting.add(outcome);
            }
        }
        replace(waitingOutcomes, stillWaiting);
        List<PredictionEvent> unpaired = new ArrayList<>();
        for (PredictionEvent shadow : shadows.get()) {
            if (shadow.experimentId().equals(prediction.experimentId())) {
                emitDivergence(prediction, shadow, ctx);
            } else {
                unpaired.add(shadow);
            }
        }
        replace(shadows, unpaired);
    }

    private void onShadow(PredictionEvent shadow, Context ctx) throws Exception {
        boolean paired = false;
        for (PredictionEvent prediction : served.get()) {
            if (prediction.experimentId().equals(shadow.experimentId())) {
                emitDivergence(prediction, shadow, ctx);
                paired = true;
                break;
            }
        }
        if (!paired) {
            shadows.add(shadow);
            ctx.timerService().registerEventTimeTimer(windows.predictionDeadline(shadow));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AttributedOutcome> out) throws Exception {
        List<OutcomeEvent> stillWaiting = new ArrayList<>();
        for (OutcomeEvent outcome : waitingOutcomes.get()) {
            if (windows.outcomeDeadline(outcome) <= timestamp) {
                unmatched.inc();
                ctx.output(UNMATCHED_OUTCOMES, outcome);
            } else {
                stillWaiting.add(outcome);
            }
        }
        replace(waitingOutcomes, stillWaiting);
        Predicate<PredictionEvent> live = prediction -> windows.predictionDeadline(prediction) > timestamp;
        replace(served, filter(served.get(), live));
        replace(shadows, filter(shadows.get(), live));
    }

    private void emitDivergence(PredictionEvent prediction, PredictionEvent shadow, Context ctx) {
        Double scoreDifference = prediction.score() != null && shadow.score() != null
                ? shadow.score() - prediction.score()
                : null;
        Boolean labelDisagrees = prediction.predictedLabel() != null && shadow.predictedLabel() != null
                ? !Objects.equals(prediction.predictedLabel(), shadow.predictedLabel())
                : null;
        divergences.inc();
        ctx.output(SHADOW_DIVERGENCES, new ShadowDivergence(prediction.experimentId(), prediction.variant(),
                shadow.variant(), prediction.requestId(), prediction.eventTime(), scoreDifference, labelDisagrees));
    }

    /** The later of two predictions, with the event id breaking ties so that the choice never depends on order. */
    private static final Comparator<PredictionEvent> LATEST =
            Comparator.comparingLong(PredictionEvent::eventTime).thenComparing(PredictionEvent::eventId);

    private static <T> List<T> filter(Iterable<T> values, Predicate<T> keep) {
        List<T> kept = new ArrayList<>();
        for (T value : values) {
            if (keep.test(value)) {
                kept.add(value);
            }
        }
        return kept;
    }

    /** Empty lists are cleared rather than stored, so that a finished request leaves no state entry behind. */
    private static <T> void replace(ListState<T> state, List<T> values) throws Exception {
        if (values.isEmpty()) {
            state.clear();
        } else {
            state.update(values);
        }
    }
}
