package io.abtest.jobs.analysis.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Builds each Parquet row of one event kind straight from parquet-hadoop's column converters into the JSON object
 * the validator judges, with no Avro records and no JSON text: the event's columns (by name, wherever they are in the
 * file; other columns are not read), null columns and empty maps absent. A column the file lacks stays absent, as a
 * null would. The converters are chosen once, from the file's schema ({@link ParquetColumnShape}); the row is reused.
 */
final class ParquetRowMaterializer extends RecordMaterializer<ParquetRow> {

    private final MessageType requested;
    private final List<Converter> columns = new ArrayList<>();
    private final ParquetRow row = new ParquetRow();

    /**
     * @param eventColumns the event kind's columns ({@link EventParquetSchemas})
     * @param stored the file's schema
     * @param rowGroups the file's row groups, whose statistics tell a column of nulls only
     * @param file the file, for errors
     * @throws UnreadableColumnException when a column is stored as a type it is not read from
     */
    ParquetRowMaterializer(Schema eventColumns, MessageType stored, List<BlockMetaData> rowGroups, String file)
            throws UnreadableColumnException {
        List<Type> read = new ArrayList<>();
        for (Schema.Field field : eventColumns.getFields()) {
            if (stored.containsField(field.name())) {
                Type column = stored.getType(field.name());
                read.add(column);
                columns.add(ParquetColumnShape.of(field).converter(column, row, file, rowGroups));
            }
        }
        this.requested = new MessageType(stored.getName(), read);
    }

    /** The columns this materializer reads, for the file reader's projection. */
    MessageType requested() {
        return requested;
    }

    @Override
    public ParquetRow getCurrentRecord() {
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
                row.start();
            }

            @Override
            public void end() {}
        };
    }
}
