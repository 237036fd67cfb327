package io.abtest.jobs.analysis.guardrail;

import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.StopSignal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by experiment: the {@code decisions/} rows as the analysis makes them, except while the experiment is
 * stopped. A stop ({@link StopSignal}: a stop guardrail's incident opened, or a STOPPED record on the control topic)
 * writes its STOP decision at once, and the decision stays STOP from the stop's time until a resumption (RUNNING or
 * ROLLED_OUT written by a person): the analysis's own decisions of that time are not written, since the decision does
 * not change, except that the end of a bounded run writes the STOP decision again at its last analysis point (with
 * that point's SRM p-value), as {@code decisions/} always ends with the decision of the last analysis point. A
 * resumption writes the analysis's latest decision again, at the resumption's time.
 *
 * <p>Both inputs are buffered and handled in event-time order when the watermark passes them (a stop at its
 * {@code at}, a decision at its {@code asOf}), so a streaming run and a batch rerun write the same rows. The
 * analysis's decisions arrive after the allowed lateness, later than a stop of the same event time; the stopped
 * interval is kept ({@code stoppedAt}, {@code resumedAt}) and a decision is rewritten when its analysis point lies in
 * it, whatever the order of arrival.
 */
public final class StoppedDecisions extends KeyedCoProcessFunction<String, DecisionRow, StopSignal, DecisionRow> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "stopped-decisions";
    public static final String NAME = "Decisions, STOP while stopped";

    private transient ListState<DecisionRow> pendingDecisions;
    private transient ListState<StopSignal> pendingSignals;
    private transient ValueState<StopSignal> stop;
    private transient ValueState<Long> resumedAt;
    private transient ValueState<DecisionRow> latestAnalysed;

    private static final long END_OF_INPUT = Long.MAX_VALUE;

    @Override
    public void open(OpenContext context) {
        pendingDecisions = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-decisions", TypeInformation.of(DecisionRow.class)));
        pendingSignals = getRuntimeContext().getListState(
                new ListStateDescriptor<>("pending-stop-signals", TypeInformation.of(StopSignal.class)));
        stop = getRuntimeContext().getState(new ValueStateDescriptor<>("stop", TypeInformation.of(StopSignal.class)));
        resumedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("resumed-at", Long.class));
        latestAnalysed = getRuntimeContext().getState(
                new ValueStateDescriptor<>("latest-analysed-decision", TypeInformation.of(DecisionRow.class)));
    }

    @Override
    public void processElement1(DecisionRow decision, Context ctx, Collector<DecisionRow> out) throws Exception {
        pendingDecisions.add(decision);
        ctx.timerService().registerEventTimeTimer(decision.asOf());
        ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
    }

    @Override
    public void processElement2(StopSignal signal, Context ctx, Collector<DecisionRow> out) throws Exception {
        pendingSignals.add(signal);
        ctx.timerService().registerEventTimeTimer(signal.at());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DecisionRow> out) throws Exception {
        List<StopSignal> signals = due(pendingSignals, timestamp, StopSignal::at);
        signals.sort(Comparator.comparingLong(StopSignal::at));
        for (StopSignal signal : signals) {
            apply(signal, out);
        }
        List<DecisionRow> decisions = due(pendingDecisions, timestamp, DecisionRow::asOf);
        decisions.sort(Comparator.comparingLong(DecisionRow::asOf));
        for (DecisionRow decision : decisions) {
            DecisionRow analysed = latestAnalysed.value();
            if (analysed == null || analysed.asOf() <= decision.asOf()) {
                latestAnalysed.update(decision);
            }
            if (!stoppedAt(decision.asOf())) {
                out.collect(decision);
            }
        }
        DecisionRow latest = latestAnalysed.value();
        if (timestamp == END_OF_INPUT && latest != null && stoppedAt(latest.asOf())
                && latest.asOf() > stop.value().at()) {
            out.collect(asStop(latest));
        }
    }

    private void apply(StopSignal signal, Collector<DecisionRow> out) throws Exception {
        StopSignal current = stop.value();
        boolean stopped = current != null && (resumedAt.value() == null || resumedAt.value() < current.at());
        if (signal.stopped() && !stopped) {
            stop.update(signal);
            resumedAt.clear();
            out.collect(signal.decision());
        } else if (!signal.stopped() && stopped && signal.at() >= current.at()) {
            resumedAt.update(signal.at());
            DecisionRow analysed = latestAnalysed.value();
            if (analysed != null) {
                out.collect(new DecisionRow(analysed.experimentId(), signal.at(), analysed.decision(),
                        analysed.variant(), analysed.rule(), analysed.justification(), analysed.actionItems(),
                        analysed.srmPValue()));
            }
        }
    }

    /** Whether an analysis point lies in the stopped interval: at or after the stop, before the resumption. */
    private boolean stoppedAt(long asOf) throws Exception {
        StopSignal current = stop.value();
        if (current == null || asOf < current.at()) {
            return false;
        }
        Long resumed = resumedAt.value();
        return resumed == null || resumed < current.at() || asOf < resumed;
    }

    private DecisionRow asStop(DecisionRow analysed) throws Exception {
        DecisionRow s = stop.value().decision();
        return new DecisionRow(s.experimentId(), analysed.asOf(), s.decision(), s.variant(), s.rule(),
                s.justification(), s.actionItems(), analysed.srmPValue());
    }

    /** Removes and returns the buffered items at or before {@code timestamp}. */
    private static <T> List<T> due(ListState<T> pending, long timestamp, java.util.function.ToLongFunction<T> time)
            throws Exception {
        List<T> due = new ArrayList<>();
        List<T> later = new ArrayList<>();
        for (T item : pending.get()) {
            (time.applyAsLong(item) <= timestamp ? due : later).add(item);
        }
        pending.update(later);
        return due;
    }
}
