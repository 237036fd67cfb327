package io.abtest.bench;

import com.statsig.sdk.Evaluator;
import com.statsig.sdk.StatsigOptions;
import com.statsig.sdk.StatsigServer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;

/**
 * Statsig's Java/Kotlin server SDK ({@code com.statsig:serversdk}) deciding whether a unit passes a rule's pass
 * percentage, as {@code Evaluator.evaluatePassPercent} does: {@code Evaluator.computeUserHash(configSalt + "." +
 * ruleSalt + "." + unitId)} (SHA-256 of the UTF-8 bytes, the first 8 bytes as an unsigned long, memoized in a
 * per-evaluator HashMap that is cleared beyond 1,000 entries), then modulo 10,000 against the pass percentage.
 *
 * <p>The hash is the SDK's own private method, called through a method handle on the evaluator of a server
 * initialized in local mode (no network); the string concatenation and the modulo are the two lines of
 * {@code evaluatePassPercent} around it, which takes the SDK's internal rule and user types. The evaluator's memo is
 * a plain HashMap, so each benchmark thread gets its own server.
 */
final class StatsigBucketing implements AutoCloseable {

    private static final long BUCKETS = 10_000;
    private static final MethodHandle COMPUTE_USER_HASH;

    static {
        try {
            COMPUTE_USER_HASH = MethodHandles.privateLookupIn(Evaluator.class, MethodHandles.lookup())
                    .findVirtual(Evaluator.class, "computeUserHash-I7RO_PI", MethodType.methodType(long.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final StatsigServer server;
    private final Evaluator evaluator;
    private final String configSalt;
    private final String ruleSalt;
    private final long passBuckets;

    StatsigBucketing(String configSalt, String ruleSalt, double passPercentage) {
        StatsigOptions options = new StatsigOptions();
        options.setLocalMode(true);
        options.setDisableDiagnostics(true);
        options.setDisableAllLogging(true);
        this.server = StatsigServer.Companion.create();
        try {
            server.initializeAsync("secret-local", options).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Statsig local-mode server did not initialize", e);
        }
        this.evaluator = evaluatorOf(server);
        this.configSalt = configSalt;
        this.ruleSalt = ruleSalt;
        this.passBuckets = (long) (passPercentage * 100);
    }

    /** Whether the unit passes the rule's pass percentage. */
    boolean passes(String unitId) {
        long hash;
        try {
            hash = (long) COMPUTE_USER_HASH.invokeExact(evaluator, configSalt + '.' + ruleSalt + '.' + unitId);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return Long.compareUnsigned(Long.remainderUnsigned(hash, BUCKETS), passBuckets) < 0;
    }

    /** The server's evaluator: a private field of the SDK's package-private {@code StatsigServerImpl}. */
    private static Evaluator evaluatorOf(StatsigServer server) {
        try {
            Field field = server.getClass().getDeclaredField("evaluator");
            field.setAccessible(true);
            return (Evaluator) field.get(server);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Statsig's server has no evaluator field any more", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
