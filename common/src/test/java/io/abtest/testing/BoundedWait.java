package io.abtest.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another thread makes true, failing the test after a deadline instead of
 * hanging it. Tests use it for what asynchronous code (listeners, brokers, jobs) eventually does.
 */
public final class BoundedWait {

    private static final long CHECK_EVERY_MILLIS = 20;

    private BoundedWait() {
    }

    /**
     * Returns as soon as {@code condition} is true; throws {@link AssertionError} naming
     * {@code description} if it is still false after {@code timeout}.
     */
    public static void until(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + description);
            }
            try {
                Thread.sleep(CHECK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + description, e);
            }
        }
    }
}
