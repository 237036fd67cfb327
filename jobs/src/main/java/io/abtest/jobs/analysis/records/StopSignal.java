package io.abtest.jobs.analysis.records;

/**
 * A change of whether an experiment is stopped, in event time: a stop guardrail's incident opened (or a STOPPED
 * record on the control topic), or a person resumed it with RUNNING (or rolled it out).
 *
 * @param experimentId the experiment
 * @param at when it took effect: the end of the window that opened the incident, or the control record's
 *     {@code updated_at}
 * @param stopped true for a stop, false for a resumption
 * @param decision for a stop, the STOP decision to write and to keep writing; null for a resumption
 */
public record StopSignal(String experimentId, long at, boolean stopped, DecisionRow decision) {}
