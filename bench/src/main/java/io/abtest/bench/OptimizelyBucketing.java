package io.abtest.bench;

import com.optimizely.ab.bucketing.Bucketer;
import com.optimizely.ab.bucketing.internal.MurmurHash3;
import com.optimizely.ab.config.Experiment;
import com.optimizely.ab.config.TrafficAllocation;
import com.optimizely.ab.config.Variation;
import com.optimizely.ab.optimizelydecision.DecisionResponse;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.List;

/**
 * Optimizely's Java SDK ({@code com.optimizely.ab:core-api}) bucketing a user into a 50/50 experiment, two ways:
 *
 * <ul>
 *   <li>{@link #bucket}: the public entry point {@link Bucketer#bucket(Experiment, String,
 *       com.optimizely.ab.config.ProjectConfig)}, everything it does per call (its decision reasons format a message
 *       with {@code String.format}; its slf4j logger has no binding here, so logging is a no-op);
 *   <li>{@link #bucketValue}: only the hash behind it, as {@code Bucketer.bucketToVariation} computes it: the
 *       bucketing id and the experiment id concatenated, {@link MurmurHash3#murmurhash3_x86_32(CharSequence, int,
 *       int, int)} with Optimizely's seed 1, scaled to [0, 10000) by {@code Bucketer.generateBucketValue}. That
 *       method is package-private, so it is called through a method handle (JIT-inlined like a direct call).
 * </ul>
 */
final class OptimizelyBucketing {

    /** {@code Bucketer.MURMUR_HASH_SEED}, private in the SDK. */
    private static final int MURMUR_HASH_SEED = 1;

    private static final MethodHandle GENERATE_BUCKET_VALUE = generateBucketValue();

    private final Bucketer bucketer = new Bucketer();
    private final Experiment experiment;

    OptimizelyBucketing(String experimentId) {
        List<Variation> variations = List.of(new Variation("1001", "champion"), new Variation("1002", "challenger"));
        List<TrafficAllocation> allocation =
                List.of(new TrafficAllocation("1001", 5000), new TrafficAllocation("1002", 10000));
        this.experiment = new Experiment(experimentId, "bench", "Running", "layer-1", Collections.emptyList(), null,
                variations, Collections.emptyMap(), allocation);
    }

    /** The public entry point; an experiment outside any group needs no project configuration. */
    Variation bucket(String bucketingId) {
        DecisionResponse<Variation> decision = bucketer.bucket(experiment, bucketingId, null);
        return decision.getResult();
    }

    /** The bucket value in [0, 10000), computed as the SDK's bucketer computes it. */
    int bucketValue(String bucketingId) {
        String bucketKey = bucketingId + experiment.getId();
        int hash = MurmurHash3.murmurhash3_x86_32(bucketKey, 0, bucketKey.length(), MURMUR_HASH_SEED);
        try {
            return (int) GENERATE_BUCKET_VALUE.invokeExact(bucketer, hash);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle generateBucketValue() {
        try {
            return MethodHandles.privateLookupIn(Bucketer.class, MethodHandles.lookup())
                    .findVirtual(Bucketer.class, "generateBucketValue", MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
