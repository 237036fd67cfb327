package io.abtest.jobs.analysis.validate;

import io.abtest.event.EventValidator;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import io.abtest.event.Validated;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.RawRecord;
import io.abtest.jobs.analysis.records.ValidEvent;
import java.time.Clock;
import java.util.EnumSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The first operator after the sources: turns each {@link RawRecord} into a {@link ValidEvent} with common's
 * {@link EventValidator}, or into a row on the dead-letter side output ({@link DeadLetterOutput#TAG}) with the
 * validator's reason code, field, detail and truncated raw text, stamped with the wall-clock time it was seen.
 *
 * <p>It never throws on a record: bad input is data here (CONTRACT.md section 1, "Bad input"), so one bad record
 * cannot restart the job and replay the same record forever. A record without a kind (which no source of this job
 * produces) is dead-lettered as {@code MALFORMED_JSON}, as the validator cannot tell which schema applies.
 *
 * <p>Metrics (operator metric group): {@code records_in}, {@code dead_lettered} and
 * {@code reason.<CODE>.dead_lettered}, see {@link InputStageMetrics}. Stateless.
 */
public final class ParseAndValidate extends ProcessFunction<RawRecord, ValidEvent> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "parse-and-validate";
    public static final String NAME = "Parse and validate events";

    private final ExperimentCatalog catalog;
    private final int maxRawChars;
    private final Clock clock;

    private transient EventValidator validator;
    private transient DeadLetterOutput deadLetters;
    private transient Counter recordsIn;

    /** Keeps {@link EventValidator#DEFAULT_MAX_RAW_CHARS} chars of rejected records; stamps them with UTC time. */
    public ParseAndValidate(ExperimentCatalog catalog) {
        this(catalog, EventValidator.DEFAULT_MAX_RAW_CHARS, Clock.systemUTC());
    }

    /**
     * @param catalog the experiments; events naming others are dead-lettered
     * @param maxRawChars raw-text chars a dead-letter row keeps
     * @param clock the wall clock of {@code seen_at}; must be serializable (the JDK's clocks are)
     */
    public ParseAndValidate(ExperimentCatalog catalog, int maxRawChars, Clock clock) {
        if (maxRawChars < 0) {
            throw new IllegalArgumentException("maxRawChars must be >= 0, was " + maxRawChars);
        }
        this.catalog = catalog;
        this.maxRawChars = maxRawChars;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        validator = new EventValidator(catalog.configs(), maxRawChars);
        recordsIn = getRuntimeContext().getMetricGroup().counter(InputStageMetrics.RECORDS_IN);
        deadLetters = new DeadLetterOutput(getRuntimeContext().getMetricGroup(),
                EnumSet.complementOf(EnumSet.of(RejectReason.LATE)), clock);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<ValidEvent> out) {
        recordsIn.inc();
        if (record.kind() == EventKind.PREDICTION) {
            Validated<PredictionEvent> result = validator.prediction(record.text());
            if (result instanceof Validated.Accepted<PredictionEvent> accepted) {
                out.collect(ValidEvent.of(accepted.event(), record.source(), record.text()));
            } else {
                deadLetters.send(ctx, record.source(), result.rejection());
            }
        } else if (record.kind() == EventKind.OUTCOME) {
            Validated<OutcomeEvent> result = validator.outcome(record.text());
            if (result instanceof Validated.Accepted<OutcomeEvent> accepted) {
                out.collect(ValidEvent.of(accepted.event(), record.source(), record.text()));
            } else {
                deadLetters.send(ctx, record.source(), result.rejection());
            }
        } else {
            deadLetters.send(ctx, record.source(), Rejection.of(RejectReason.MALFORMED_JSON, null,
                    "record has no event kind, so no schema applies", record.text(), maxRawChars));
        }
    }
}
