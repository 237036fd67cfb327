package io.abtest.jobs.analysis.guardrail;

import io.abtest.config.GuardrailSpec;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by experiment, variant and guardrail ({@link GuardrailJudgment#incidentKey()}): the incident of one guardrail
 * on one variant, open or not, driven by the signals of its judged windows in event-time order. Main output: the
 * {@code guardrails/} rows; side output {@link #INCIDENTS}: each incident as it opens and as it resolves.
 *
 * <p>Per window, in this order:
 * <ul>
 *   <li>{@link IncidentSignal.Kind#BREACH_RUN} (the window completed {@code consecutive_breaches} breaches in a row):
 *       opens an incident when none is open, with the id {@link IncidentId} derives from this window's end; emits
 *       it, OPEN. A run while one is open changes nothing (the incident goes on).
 *   <li>{@link IncidentSignal.Kind#BREACH}: a row for the window, with the open incident's id, and
 *       {@code incident_state = open} when this window opened it; a breach outside an incident has a null id.
 *   <li>{@link IncidentSignal.Kind#RECOVERY} (the window completed {@code recovery_windows} healthy windows in a
 *       row): resolves the open incident: a row with this healthy window's numbers and
 *       {@code incident_state = resolved}, and the incident, RESOLVED. Without an open incident, nothing.
 * </ul>
 *
 * <p>Event-time order: the breach signals and the CEP matches reach this operator on different paths, each ahead of
 * the watermark (a CEP match carries the timestamp of the window that completed it). They wait in keyed state under
 * their timestamp until the watermark passes it, then are applied in timestamp order, which is window order
 * ({@link JudgmentEventTime}); so windows that arrived out of order, in a streaming run or a sorted batch rerun, give
 * the same rows and ids.
 *
 * <p>State: the end of the window that opened the open incident ({@code Long}; the id is derived from it and the
 * key), cleared on resolution, and the signals waiting for the watermark, removed when applied. Both have Flink
 * serializers (a long; a list of POJO records), no Kryo. A signal of a guardrail that a restart's catalog no longer
 * configures is dropped when its time comes.
 *
 * <p>Metrics: {@value #INCIDENTS_OPENED} and {@value #INCIDENTS_RESOLVED}, one count per incident as it is emitted. They
 * count this run's transitions: after a restart an incident opened before it and resolved after it is counted once,
 * as resolved.
 */
public final class IncidentLifecycle extends KeyedProcessFunction<String, IncidentSignal, GuardrailRow> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "guardrail-incidents";
    public static final String NAME = "Guardrail incidents: open and resolve";

    public static final String INCIDENTS_OPENED = "guardrail_incidents_opened";
    public static final String INCIDENTS_RESOLVED = "guardrail_incidents_resolved";

    public static final OutputTag<GuardrailIncident> INCIDENTS =
            new OutputTag<>("guardrail-incidents", GuardrailTypes.INCIDENT);

    private static final Comparator<IncidentSignal> WINDOW_ORDER = Comparator
            .comparingLong((IncidentSignal signal) -> signal.judgment().windowEnd())
            .thenComparing(IncidentSignal::kind);

    private final ConfiguredGuardrails guardrails;

    private transient ValueState<Long> openedAt;
    private transient MapState<Long, List<IncidentSignal>> waiting;
    private transient Counter opened;
    private transient Counter resolved;

    public IncidentLifecycle(ConfiguredGuardrails guardrails) {
        this.guardrails = guardrails;
    }

    @Override
    public void open(OpenContext context) {
        openedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("incident-opened-at", Types.LONG));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("signals-waiting-for-watermark",
                Types.LONG, Types.LIST(GuardrailTypes.SIGNAL)));
        opened = getRuntimeContext().getMetricGroup().counter(INCIDENTS_OPENED);
        resolved = getRuntimeContext().getMetricGroup().counter(INCIDENTS_RESOLVED);
    }

    @Override
    public void processElement(IncidentSignal signal, Context ctx, Collector<GuardrailRow> out) throws Exception {
        Long timestamp = ctx.timestamp();
        if (timestamp == null) {
            throw new IllegalStateException("a guardrail signal without event time: " + signal
                    + "; judgments must pass through " + JudgmentEventTime.class.getSimpleName());
        }
        List<IncidentSignal> atTimestamp = waiting.get(timestamp);
        if (atTimestamp == null) {
            atTimestamp = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(timestamp);
        }
        atTimestamp.add(signal);
        waiting.put(timestamp, atTimestamp);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GuardrailRow> out) throws Exception {
        List<IncidentSignal> signals = waiting.get(timestamp);
        if (signals == null) {
            return;
        }
        waiting.remove(timestamp);
        signals.sort(WINDOW_ORDER);
        for (IncidentSignal signal : signals) {
            apply(signal, ctx, out);
        }
    }

    private void apply(IncidentSignal signal, OnTimerContext ctx, Collector<GuardrailRow> out) throws Exception {
        GuardrailJudgment window = signal.judgment();
        GuardrailSpec spec = guardrails.spec(window);
        if (spec == null) {
            return;
        }
        Long openedEnd = openedAt.value();
        switch (signal.kind()) {
            case BREACH_RUN -> {
                if (openedEnd == null) {
                    openedAt.update(window.windowEnd());
                    ctx.output(INCIDENTS, incident(window, spec, window.windowEnd(), GuardrailIncident.State.OPEN));
                    opened.inc();
                }
            }
            case BREACH -> {
                String state = openedEnd != null && openedEnd == window.windowEnd() ? GuardrailRow.OPEN : null;
                out.collect(row(window, spec, openedEnd == null ? null : id(window, openedEnd), state));
            }
            case RECOVERY -> {
                if (openedEnd != null) {
                    out.collect(row(window, spec, id(window, openedEnd), GuardrailRow.RESOLVED));
                    ctx.output(INCIDENTS, incident(window, spec, openedEnd, GuardrailIncident.State.RESOLVED));
                    openedAt.clear();
                    resolved.inc();
                }
            }
        }
    }

    private static String id(GuardrailJudgment window, long openedAt) {
        return IncidentId.of(window.experimentId(), window.variant(), window.guardrail(), openedAt);
    }

    private static GuardrailRow row(GuardrailJudgment window, GuardrailSpec spec, String incidentId,
            String incidentState) {
        return new GuardrailRow(window.experimentId(), window.variant(), window.guardrail(), window.metric(),
                window.windowStart(), window.windowEnd(), window.observed(), window.threshold(), window.events(),
                lowerCase(spec.severity()), lowerCase(spec.action()), incidentId, incidentState);
    }

    private static GuardrailIncident incident(GuardrailJudgment window, GuardrailSpec spec, long openedAt,
            GuardrailIncident.State state) {
        return new GuardrailIncident(window.experimentId(), window.variant(), window.guardrail(), window.metric(),
                id(window, openedAt), state, openedAt, window.windowEnd(), window.observed(), window.threshold(),
                window.events(), lowerCase(spec.severity()), lowerCase(spec.action()), spec.consecutiveBreaches(),
                spec.window().toString());
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
