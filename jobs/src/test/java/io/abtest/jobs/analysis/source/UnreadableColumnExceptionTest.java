package io.abtest.jobs.analysis.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.util.SerializedThrowable;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/**
 * The message of an unreadable column is found in a job's failure however it comes back to the client: as the
 * exception itself, as Flink's serialized form of it, or loaded by another class loader (a task's user-code loader
 * under {@code flink run}, which is not the one that loaded {@code main}).
 */
class UnreadableColumnExceptionTest {

    private static final Type STORED = Types.optional(PrimitiveTypeName.BINARY).named("event_time");
    private static final String MESSAGE = "cannot read Parquet file file:/day.parquet: column event_time is stored as"
            + " optional binary event_time; event_time is read from epoch milliseconds";

    @Test
    void itIsFoundAmongTheCausesOfAJobFailure() {
        UnreadableColumnException unreadable = new UnreadableColumnException("file:/day.parquet", "event_time", STORED,
                "event_time is read from epoch milliseconds");

        assertEquals(Optional.of(MESSAGE), UnreadableColumnException.messageIn(failedJob(unreadable)));
        assertEquals(Optional.of(MESSAGE),
                UnreadableColumnException.messageIn(failedJob(new SerializedThrowable(unreadable))));
        assertEquals(Optional.empty(), UnreadableColumnException.messageIn(failedJob(new IllegalStateException("x"))));
    }

    @Test
    void itIsFoundWhenAnotherClassLoaderLoadedIt() throws Exception {
        URL classes = UnreadableColumnException.class.getProtectionDomain().getCodeSource().getLocation();
        String name = UnreadableColumnException.class.getName();
        try (URLClassLoader userCode = new URLClassLoader(new URL[] {classes}, getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                if (!className.equals(name)) {
                    return super.loadClass(className, resolve);
                }
                synchronized (getClassLoadingLock(className)) {
                    Class<?> loaded = findLoadedClass(className);
                    return loaded != null ? loaded : findClass(className);
                }
            }
        }) {
            Class<?> other = userCode.loadClass(name);
            assertNotSame(UnreadableColumnException.class, other);
            Constructor<?> constructor = other.getDeclaredConstructor(String.class, String.class, Type.class,
                    String.class);
            constructor.setAccessible(true);
            Throwable unreadable = (Throwable) constructor.newInstance("file:/day.parquet", "event_time", STORED,
                    "event_time is read from epoch milliseconds");

            assertEquals(Optional.of(MESSAGE), UnreadableColumnException.messageIn(failedJob(unreadable)));
        }
    }

    private static Exception failedJob(Throwable cause) {
        return new RuntimeException("The main method caused an error", new JobExecutionException(new JobID(),
                "Job execution failed.", new RuntimeException("One or more fetchers have encountered exception",
                        new RuntimeException("SplitFetcher thread 1 received unexpected exception", cause))));
    }
}
