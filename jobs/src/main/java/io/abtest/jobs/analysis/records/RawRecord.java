package io.abtest.jobs.analysis.records;

/**
 * One input record before validation: the JSON text of an event (a Kafka record's value, a JSON-lines line, or a
 * Parquet row rendered as JSON), and where it came from.
 *
 * @param kind prediction or outcome
 * @param source the topic or file it was read from, for the dead-letter output
 * @param text the record's text; may be anything, including null
 */
public record RawRecord(EventKind kind, String source, String text) {}
