package io.abtest.jobs.synthetic;

import io.abtest.event.RejectReason;
import java.util.Objects;

/**
 * What a generated record is, known when it was made, so that a test can tell what the job should have done with it.
 *
 * @param kind the category
 * @param expectedReason for {@link Kind#MALFORMED} the reason code the validator gives, for {@link Kind#LATE}
 *     {@link RejectReason#LATE}, otherwise null
 */
public record Truth(Kind kind, RejectReason expectedReason) {

    public enum Kind {
        /** A well-formed event in time: served or shadow prediction, or an outcome that matches a served prediction. */
        VALID,
        /** Bad input the validator rejects with {@link Truth#expectedReason()}; dead-lettered. */
        MALFORMED,
        /** A byte-for-byte re-send of a VALID record (same {@code event_id}); counted once. */
        DUPLICATE,
        /** A well-formed event whose event time is far older than the allowed lateness; dead-lettered as LATE. */
        LATE,
        /** A well-formed outcome whose {@code request_id} no prediction has; used, counted as unmatched. */
        UNMATCHED_OUTCOME
    }

    public static final Truth VALID = new Truth(Kind.VALID, null);
    public static final Truth DUPLICATE = new Truth(Kind.DUPLICATE, null);
    public static final Truth LATE = new Truth(Kind.LATE, RejectReason.LATE);
    public static final Truth UNMATCHED_OUTCOME = new Truth(Kind.UNMATCHED_OUTCOME, null);

    public Truth {
        Objects.requireNonNull(kind, "kind");
        boolean fits = switch (kind) {
            case MALFORMED -> expectedReason != null && expectedReason != RejectReason.LATE;
            case LATE -> expectedReason == RejectReason.LATE;
            default -> expectedReason == null;
        };
        if (!fits) {
            throw new IllegalArgumentException("reason " + expectedReason + " does not go with " + kind);
        }
    }

    public static Truth malformed(RejectReason reason) {
        return new Truth(Kind.MALFORMED, reason);
    }

    /** True when the job sends the record to {@code dead_letter/}. */
    public boolean deadLettered() {
        return kind == Kind.MALFORMED || kind == Kind.LATE;
    }
}
