package io.abtest.jobs.analysis.source;

import java.io.UncheckedIOException;
import java.util.List;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * An event column that pyarrow wrote with Arrow's null type, because every value of it was None (a file of a day
 * without labels, a regression model's {@code predicted_label}): Parquet stores that as int32 with a NULL logical
 * type, which parquet-java does not keep, so the schema shows a plain int32 where, say, a string is expected. Such a
 * column is read as absent, as its nulls mean, if the file's statistics do not show a value in it (pyarrow writes no
 * statistics for it); should it hold a value after all, reading it fails the file as an unreadable column does.
 */
final class ParquetNullColumn extends PrimitiveConverter {

    private final UnreadableColumnException unreadable;

    ParquetNullColumn(UnreadableColumnException unreadable) {
        this.unreadable = unreadable;
    }

    /**
     * Whether {@code stored} may be a null-typed column: a plain int32 whose statistics, in every row group of
     * {@code rowGroups} that has them, count only nulls.
     */
    static boolean mayBe(PrimitiveType stored, List<BlockMetaData> rowGroups) {
        if (stored.getPrimitiveTypeName() != PrimitiveTypeName.INT32 || stored.getLogicalTypeAnnotation() != null) {
            return false;
        }
        for (BlockMetaData rowGroup : rowGroups) {
            for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
                if (chunk.getPath().size() == 1 && chunk.getPath().toArray()[0].equals(stored.getName())) {
                    Statistics<?> statistics = chunk.getStatistics();
                    if (statistics != null && !statistics.isEmpty() && statistics.isNumNullsSet()
                            && statistics.getNumNulls() < chunk.getValueCount()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public void addInt(int value) {
        throw new UncheckedIOException(unreadable);
    }

    @Override
    public void addBinary(Binary value) {
        throw new UncheckedIOException(unreadable);
    }
}
