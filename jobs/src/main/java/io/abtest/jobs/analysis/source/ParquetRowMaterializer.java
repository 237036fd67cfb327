package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Builds each Parquet row of one event kind straight from parquet-hadoop's column converters into the JSON object
 * the validator judges, with no Avro records and no JSON text: the event's columns (by name, in contract order; other
 * columns are not read), null columns and empty maps absent. A column the file lacks stays absent, as a null would.
 */
final class ParquetRowMaterializer extends RecordMaterializer<ObjectNode> {

    private final MessageType requested;
    private final List<Converter> columns = new ArrayList<>();
    private ObjectNode row;

    /**
     * @param eventColumns the event kind's columns ({@link EventParquetSchemas})
     * @param stored the file's schema
     * @param file the file, for errors
     * @throws IOException when a column is stored as a type it is not read from
     */
    ParquetRowMaterializer(Schema eventColumns, MessageType stored, String file) throws IOException {
        List<Type> read = new ArrayList<>();
        for (Schema.Field field : eventColumns.getFields()) {
            if (stored.containsField(field.name())) {
                Type column = stored.getType(field.name());
                String name = field.name();
                read.add(column);
                columns.add(ParquetColumnShape.of(field).converter(column, value -> row.set(name, value), file));
            }
        }
        this.requested = new MessageType(stored.getName(), read);
    }

    /** The columns this materializer reads, for the file reader's projection. */
    MessageType requested() {
        return requested;
    }

    @Override
    public ObjectNode getCurrentRecord() {
        return row;
    }

    @Override
    public GroupConverter getRootConverter() {
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return columns.get(fieldIndex);
            }

            @Override
            public void start() {
                row = JsonNodeFactory.instance.objectNode();
            }

            @Override
            public void end() {}
        };
    }
}
