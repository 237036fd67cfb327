package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.records.EventKind;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The columns of the historical Parquet datasets: exactly the fields of CONTRACT.md section 1, same names, in the
 * same order, {@code attributes} as {@code map<string,string>} and {@code values} as {@code map<string,double>}.
 *
 * <p>Every column is nullable, required ones too, and so are map values. "Required" is the validator's business,
 * as it is for JSON: a null in a required column reaches {@code EventValidator} as an absent field and is
 * dead-lettered as {@code MISSING_FIELD}, where a non-null read schema would make parquet-avro throw and stop the
 * job. It also matches files that other tools write (pyarrow and Spark write nullable columns by default).
 * {@code event_time} is a plain int64 of epoch milliseconds, as the contract says, not a timestamp type.
 *
 * <p>This is the shape the project writes. The reader also takes the other shapes of the same columns that users'
 * tools write (structs from pyarrow's dicts, JSON strings, timestamps): {@link ParquetColumnShape}.
 */
public final class EventParquetSchemas {

    public static final Schema PREDICTION = SchemaBuilder.record("PredictionEvent").namespace("io.abtest.event")
            .doc("a routed prediction (topic ab.predictions)").fields()
            .optionalString("event_id")
            .optionalString("experiment_id")
            .optionalString("variant")
            .optionalString("unit_id")
            .optionalString("request_id")
            .optionalLong("event_time")
            .optionalString("model_version")
            .optionalDouble("latency_ms")
            .optionalString("status")
            .optionalDouble("score")
            .optionalString("predicted_label")
            .optionalBoolean("served")
            .name("attributes").type(optionalMapOf(Schema.Type.STRING)).withDefault(null)
            .endRecord();

    public static final Schema OUTCOME = SchemaBuilder.record("OutcomeEvent").namespace("io.abtest.event")
            .doc("a label or business outcome (topic ab.outcomes)").fields()
            .optionalString("event_id")
            .optionalString("request_id")
            .optionalString("unit_id")
            .optionalLong("event_time")
            .optionalString("experiment_id")
            .optionalString("label")
            .name("values").type(optionalMapOf(Schema.Type.DOUBLE)).withDefault(null)
            .endRecord();

    private EventParquetSchemas() {}

    public static Schema of(EventKind kind) {
        return kind == EventKind.PREDICTION ? PREDICTION : OUTCOME;
    }

    private static Schema optionalMapOf(Schema.Type valueType) {
        Schema nullable = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(valueType));
        return Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.createMap(nullable));
    }
}
