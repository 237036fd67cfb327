package io.abtest.shadow;

import java.nio.charset.StandardCharsets;
import net.openhft.hashing.LongHashFunction;

/**
 * Decides from the request id alone whether a request gets a shadow call, so a replay of the same
 * traffic shadows the same requests, in any process.
 *
 * <p>The request id's UTF-8 bytes are hashed with XXH3 (64 bit, seed 0; the same value as
 * {@code xxhsum -H3} or Python's {@code xxhash.xxh3_64}), and the top 53 bits of the hash become a
 * double in [0, 1) as {@code (h >>> 11) * 0x1.0p-53}, the exact-uniform construction of
 * {@code java.util.SplittableRandom#nextDouble}. A request is sampled when that number is below the rate:
 * rate 0 samples nothing, rate 1 everything.
 *
 * <p>References: Y. Collet, xxHash, <a href="https://github.com/Cyan4973/xxHash">XXH3 specification</a>;
 * zero-allocation-hashing {@code LongHashFunction.xx3()}.
 */
public final class RequestSampler {

    private static final LongHashFunction XX3 = LongHashFunction.xx3();

    private final double rate;

    /** @param rate share of requests to sample, in [0, 1] */
    public RequestSampler(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("samplingRate must be in [0, 1], got " + rate);
        }
        this.rate = rate;
    }

    public boolean sampled(String requestId) {
        return unitInterval(requestId) < rate;
    }

    /** The request id's position in [0, 1), uniform over request ids. */
    public static double unitInterval(String requestId) {
        long hash = XX3.hashBytes(requestId.getBytes(StandardCharsets.UTF_8));
        return (hash >>> 11) * 0x1.0p-53;
    }
}
