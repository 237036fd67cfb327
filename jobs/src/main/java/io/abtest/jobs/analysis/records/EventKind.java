package io.abtest.jobs.analysis.records;

/** Which input an event came from: {@code ab.predictions} or {@code ab.outcomes} (or their Parquet datasets). */
public enum EventKind { PREDICTION, OUTCOME }
