package io.abtest.jobs.analysis.source;

import java.io.IOException;
import java.util.Optional;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.util.SerializedThrowable;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file whose schema stores an event column as a type it cannot be read as: the file fails before any of its
 * rows is read, naming the file, the column (a dotted path for a map's values or a struct's field) and the shapes that
 * column is read from. A wrong schema is not a bad record: dead-lettering every row of the file would hide it.
 *
 * <p>Non-recoverable: a restart would read the same file again, so Flink fails the job without restarting it.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class UnreadableColumnException extends IOException {

    private static final long serialVersionUID = 1L;

    UnreadableColumnException(String file, String column, Type stored, String readFrom) {
        super("cannot read Parquet file " + file + ": column " + column + " is stored as " + describe(stored) + "; "
                + readFrom);
    }

    /**
     * This failure's message, if {@code failure} (such as the job's failure handed back to a client) has it as a cause.
     * Matched by class name: under {@code flink run} the task's user-code class loader is not the one that loaded
     * {@code main}'s classes, and a client that cannot load the class gets a {@link SerializedThrowable} instead (whose
     * message starts with the class name).
     */
    public static Optional<String> messageIn(Throwable failure) {
        String name = UnreadableColumnException.class.getName();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (name.equals(cause.getClass().getName()) || cause instanceof SerializedThrowable serialized
                    && name.equals(serialized.getOriginalErrorClassName())) {
                String message = cause.getMessage();
                return Optional.of(message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message);
            }
        }
        return Optional.empty();
    }

    /** The type on one line, as the file's schema prints it ({@code optional binary event_time (STRING)}). */
    private static String describe(Type stored) {
        return stored.toString().replaceAll("\\s+", " ").trim();
    }
}
