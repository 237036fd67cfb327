package io.abtest.jobs.analysis.records;

/**
 * A rejected record: one row of {@code dead_letter/} (CONTRACT.md section 2).
 *
 * @param source the topic or file it was read from
 * @param reason the machine-readable reason code ({@code io.abtest.event.RejectReason} name)
 * @param field the field it concerns; null when none
 * @param detail words for people
 * @param rawText the record's text, truncated to the validator's limit
 * @param rawTruncated whether rawText was cut
 * @param seenAtMillis when it was seen, epoch milliseconds: the wall-clock time the job rejected it when streaming; in a
 *     batch rerun the latest modification time of the rerun's input files ({@code DeadLetterClock})
 */
public record DeadLetter(
        String source, String reason, String field, String detail, String rawText, boolean rawTruncated, long seenAtMillis) {}
