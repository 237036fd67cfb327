package io.abtest.jobs.analysis.operational;

import io.abtest.jobs.analysis.StatelessCombiner;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A combiner chained to the operator before a keyed shuffle: counts the subtask's elements into
 * {@link PartialWindow}s (per key, variant and window, as the {@link PartialWindowAssigner} says) and emits a
 * window's partial before passing on the watermark that closes the window behind the shuffle
 * ({@code end + closingOffsetMillis}), and every partial before each checkpoint barrier and at the end of the
 * input. The keyed operator behind the shuffle then merges one partial per subtask and window (and checkpoint)
 * instead of handling every prediction, so the work of a busy experiment spreads over every subtask, and its state
 * is read and written once per partial.
 *
 * <p>Every element still reaches the keyed operator before the watermark that closes its window there, so what a
 * window counts is unchanged. Stateless. Metrics: {@code partials_out}.
 */
public final class CombineWindows<IN> extends StatelessCombiner<IN, PartialWindow> {

    private static final long serialVersionUID = 1L;

    public static final String PARTIALS_OUT = "partials_out";

    private record Slot(String key, String variant, long lengthMillis, long end) {}

    private final PartialWindowAssigner<IN> assigner;
    private final long closingOffsetMillis;

    private transient Map<Slot, OperationalWindow> pending;
    private transient PartialWindowAssigner.Slots slots;
    private transient Counter partialsOut;

    /**
     * @param assigner where an element counts
     * @param closingOffsetMillis the operator behind the shuffle closes the window ending at {@code end} when its
     *     watermark reaches {@code end + closingOffsetMillis}
     */
    public CombineWindows(PartialWindowAssigner<IN> assigner, long closingOffsetMillis) {
        this.assigner = assigner;
        this.closingOffsetMillis = closingOffsetMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new HashMap<>();
        slots = (key, variant, length, end) ->
                pending.computeIfAbsent(new Slot(key, variant, length, end), slot -> new OperationalWindow());
        partialsOut = getMetricGroup().counter(PARTIALS_OUT);
    }

    @Override
    public void processElement(StreamRecord<IN> element) {
        assigner.assign(element.getValue(), slots);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (!pending.isEmpty()) {
            StreamRecord<PartialWindow> record = new StreamRecord<>(null);
            Iterator<Map.Entry<Slot, OperationalWindow>> entries = pending.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<Slot, OperationalWindow> entry = entries.next();
                // end + offset, not mark - offset: the final watermark (Long.MAX_VALUE) minus a negative offset wraps.
                if (entry.getKey().end() + closingOffsetMillis <= mark.getTimestamp()) {
                    emit(record, entry.getKey(), entry.getValue());
                    entries.remove();
                }
            }
        }
        super.processWatermark(mark);
    }

    @Override
    protected void flush() {
        if (pending.isEmpty()) {
            return;
        }
        StreamRecord<PartialWindow> record = new StreamRecord<>(null);
        pending.forEach((slot, window) -> emit(record, slot, window));
        pending.clear();
    }

    private void emit(StreamRecord<PartialWindow> record, Slot slot, OperationalWindow window) {
        output.collect(record.replace(new PartialWindow(slot.key(), slot.variant(), slot.lengthMillis(), slot.end(),
                window), slot.end() - 1));
        partialsOut.inc();
    }
}
