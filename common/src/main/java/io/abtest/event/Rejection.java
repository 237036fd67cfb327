package io.abtest.event;

import java.util.Objects;

/**
 * Why one record was rejected, with what the dead-letter output keeps of it.
 *
 * @param reason the problem; {@link #code()} is its machine-readable form
 * @param field the JSON path of the offending field ({@code latency_ms}, {@code attributes.country},
 *     {@code values.revenue}); null when the problem is not one field's ({@code MALFORMED_JSON} of a record's text,
 *     {@code NOT_AN_OBJECT}, {@code LATE}); a Parquet JSON-string column whose text is not JSON is {@code MALFORMED_JSON}
 *     of that column
 * @param detail human-readable explanation, for logs and the dead-letter row; for {@code MALFORMED_JSON} it is
 *     Jackson's message, which may quote a short piece of the bad token
 * @param rawText the record's text, truncated as {@link RawText} says; "" when there was none
 * @param rawTruncated true when {@code rawText} is a truncated prefix of the record's text
 */
public record Rejection(RejectReason reason, String field, String detail, String rawText, boolean rawTruncated) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        rawText = rawText == null ? "" : rawText;
    }

    /** A rejection whose raw text is truncated to {@code maxRawChars}; the Flink job builds {@code LATE} ones so. */
    public static Rejection of(RejectReason reason, String field, String detail, String rawText, int maxRawChars) {
        RawText raw = RawText.of(rawText, maxRawChars);
        return new Rejection(reason, field, detail, raw.text(), raw.truncated());
    }

    /** The machine-readable reason code written to the dead-letter output, e.g. {@code MISSING_FIELD}. */
    public String code() {
        return reason.name();
    }
}
