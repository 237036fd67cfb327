package io.abtest.jobs.synthetic;

import io.abtest.jobs.analysis.records.EventKind;

/**
 * One generated input record, in the order it arrives.
 *
 * @param kind the topic (or JSON-lines file) it belongs to
 * @param json the record's text, exactly what is sent
 * @param eventTime the event time it carries (for a record that is not JSON, the one it would have carried)
 * @param truth what it is, for tests
 * @param unitId the randomization unit, the Kafka record key
 */
public record SyntheticRecord(EventKind kind, String json, long eventTime, Truth truth, String unitId) {}
