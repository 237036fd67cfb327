package io.abtest.jobs.analysis.sink;

import io.abtest.jobs.analysis.records.AggregateRow;
import io.abtest.jobs.analysis.records.DeadLetter;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.GuardrailRow;
import io.abtest.jobs.analysis.records.OperationalRow;
import io.abtest.jobs.analysis.records.ResultRow;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * One output dataset (CONTRACT.md section 2, and {@code operational/}): its folder name under the output root, its Parquet schema, how a row
 * record becomes an Avro record of that schema, and the uids and names of the two operators that write it.
 *
 * @param <T> the row record
 */
public final class ParquetDataset<T> {

    public static final ParquetDataset<AggregateRow> AGGREGATES =
            new ParquetDataset<>("aggregates", AggregateRowAvro.SCHEMA, new AggregateRowAvro());
    public static final ParquetDataset<ResultRow> RESULTS =
            new ParquetDataset<>("results", ResultRowAvro.SCHEMA, new ResultRowAvro());
    public static final ParquetDataset<DecisionRow> DECISIONS =
            new ParquetDataset<>("decisions", DecisionRowAvro.SCHEMA, new DecisionRowAvro());
    public static final ParquetDataset<DeadLetter> DEAD_LETTER =
            new ParquetDataset<>("dead_letter", DeadLetterAvro.SCHEMA, new DeadLetterAvro());
    public static final ParquetDataset<OperationalRow> OPERATIONAL =
            new ParquetDataset<>("operational", OperationalRowAvro.SCHEMA, new OperationalRowAvro());
    /**
     * Not yet in {@link #all()}: {@code AnalysisPipeline} does not write it until the guardrail operators are wired,
     * and the demo and its test expect rows in every dataset of {@link #all()}.
     */
    public static final ParquetDataset<GuardrailRow> GUARDRAILS =
            new ParquetDataset<>("guardrails", GuardrailRowAvro.SCHEMA, new GuardrailRowAvro());

    private final String name;
    private final Schema schema;
    private final MapFunction<T, GenericRecord> toAvro;

    private ParquetDataset(String name, Schema schema, MapFunction<T, GenericRecord> toAvro) {
        this.name = name;
        this.schema = schema;
        this.toAvro = toAvro;
    }

    public static List<ParquetDataset<?>> all() {
        return List.of(AGGREGATES, RESULTS, DECISIONS, DEAD_LETTER, OPERATIONAL, GUARDRAILS);
    }

    /** The dataset whose folder is {@code name} ({@code aggregates}, {@code results}, ...). */
    public static ParquetDataset<?> named(String name) {
        return all().stream().filter(dataset -> dataset.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no output dataset named '" + name + "'"));
    }

    /** The folder under the output root, as CONTRACT.md section 2 names it. */
    public String name() {
        return name;
    }

    public Schema schema() {
        return schema;
    }

    public MapFunction<T, GenericRecord> toAvro() {
        return toAvro;
    }

    /** The stateless map from row records to Avro records. */
    public String converterUid() {
        return "parquet-" + name + "-avro";
    }

    public String converterName() {
        return name + ": rows to Avro";
    }

    /** The FileSink's writer, whose state holds in-progress part files across checkpoints. */
    public String sinkUid() {
        return "parquet-" + name + "-sink";
    }

    public String sinkName() {
        return name + "/ Parquet";
    }

    @Override
    public String toString() {
        return name;
    }
}
