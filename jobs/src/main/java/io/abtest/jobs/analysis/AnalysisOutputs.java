package io.abtest.jobs.analysis;

import io.abtest.jobs.analysis.records.AggregateRow;
import io.abtest.jobs.analysis.records.DeadLetter;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.GuardrailRow;
import io.abtest.jobs.analysis.records.OperationalRow;
import io.abtest.jobs.analysis.records.ResultRow;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the job's datasets go: Parquet in production ({@link ParquetOutputs}), collecting sinks in tests. */
public interface AnalysisOutputs {

    void aggregates(DataStream<AggregateRow> rows);

    void results(DataStream<ResultRow> rows);

    void decisions(DataStream<DecisionRow> rows);

    void deadLetters(DataStream<DeadLetter> rows);

    void operational(DataStream<OperationalRow> rows);

    void guardrails(DataStream<GuardrailRow> rows);
}
