package io.abtest.jobs.analysis.validate;

import io.abtest.event.RejectReason;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.jobs.analysis.records.ValidEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The first operator after the sources: routes each {@link InputRecord}, which its source has already parsed and
 * validated with common's {@code EventValidator} (Kafka's deserializer, the JSON-lines and Parquet readers, so each
 * record is parsed once), either on as a {@link ValidEvent} or to the dead-letter side output
 * ({@link DeadLetterOutput#TAG}) with the validator's reason code, field, detail and truncated raw text, stamped with
 * the time it was seen ({@link DeadLetterClock}: the wall clock when streaming, the input's modification time in a
 * batch rerun).
 *
 * <p>It never throws on a record: bad input is data here (CONTRACT.md section 1, "Bad input"), so one bad record
 * cannot restart the job and replay the same record forever.
 *
 * <p>Metrics (operator metric group): {@code records_in}, {@code dead_lettered} and
 * {@code reason.<CODE>.dead_lettered}, see {@link InputStageMetrics}. Stateless.
 */
public final class ParseAndValidate extends ProcessFunction<InputRecord, ValidEvent> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "parse-and-validate";
    public static final String NAME = "Parse and validate events";

    private final DeadLetterClock seenAt;

    private transient DeadLetterOutput deadLetters;
    private transient Counter recordsIn;

    /** Stamps rejected records with UTC time. */
    public ParseAndValidate() {
        this(Clock.systemUTC());
    }

    /** @param clock the wall clock of {@code seen_at}; must be serializable (the JDK's clocks are) */
    public ParseAndValidate(Clock clock) {
        this(DeadLetterClock.wall(clock));
    }

    public ParseAndValidate(DeadLetterClock seenAt) {
        this.seenAt = seenAt;
    }

    @Override
    public void open(OpenContext openContext) throws IOException {
        recordsIn = getRuntimeContext().getMetricGroup().counter(InputStageMetrics.RECORDS_IN);
        deadLetters = new DeadLetterOutput(getRuntimeContext().getMetricGroup(),
                EnumSet.complementOf(EnumSet.of(RejectReason.LATE)), seenAt.open());
    }

    @Override
    public void processElement(InputRecord record, Context ctx, Collector<ValidEvent> out) {
        recordsIn.inc();
        if (record.prediction() != null) {
            out.collect(ValidEvent.of(record.prediction(), record.source(), record.text()));
        } else if (record.outcome() != null) {
            out.collect(ValidEvent.of(record.outcome(), record.source(), record.text()));
        } else {
            deadLetters.send(ctx, record.source(), record.rejection());
        }
    }
}
