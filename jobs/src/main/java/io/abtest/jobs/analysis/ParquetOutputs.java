package io.abtest.jobs.analysis;

import io.abtest.jobs.analysis.records.AggregateRow;
import io.abtest.jobs.analysis.records.DeadLetter;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.GuardrailRow;
import io.abtest.jobs.analysis.records.OperationalRow;
import io.abtest.jobs.analysis.records.ResultRow;
import io.abtest.jobs.analysis.sink.ParquetDataset;
import io.abtest.jobs.analysis.sink.ParquetDatasets;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The datasets of CONTRACT.md section 2 (and {@code operational/}) as Parquet folders under one output root. */
public final class ParquetOutputs implements AnalysisOutputs {

    private final Path root;

    public ParquetOutputs(Path root) {
        this.root = root;
    }

    @Override
    public void aggregates(DataStream<AggregateRow> rows) {
        ParquetDatasets.write(rows, root, ParquetDataset.AGGREGATES);
    }

    @Override
    public void results(DataStream<ResultRow> rows) {
        ParquetDatasets.write(rows, root, ParquetDataset.RESULTS);
    }

    @Override
    public void decisions(DataStream<DecisionRow> rows) {
        ParquetDatasets.write(rows, root, ParquetDataset.DECISIONS);
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> rows) {
        ParquetDatasets.write(rows, root, ParquetDataset.DEAD_LETTER);
    }

    @Override
    public void operational(DataStream<OperationalRow> rows) {
        ParquetDatasets.write(rows, root, ParquetDataset.OPERATIONAL);
    }

    @Override
    public void guardrails(DataStream<GuardrailRow> rows) {
        ParquetDatasets.write(rows, root, ParquetDataset.GUARDRAILS);
    }
}
