package io.abtest.bench;

import com.sdk.growthbook.utils.GBUtils;

/**
 * GrowthBook's JVM SDK ({@code io.growthbook.sdk:GrowthBook-jvm}, the Kotlin Multiplatform SDK's JVM artifact,
 * GrowthBook's SDK for Java and Kotlin on Maven Central): the public {@code GBUtils.Companion.hash(value,
 * hashVersion, seed)} its experiment evaluation buckets a unit with. Hash version 2 (GrowthBook's default for new
 * experiments): FNV-1a 32 of FNV-1a 32 of seed + value, which this SDK computes with arbitrary-precision integers.
 */
final class GrowthBookBucketing {

    private static final int HASH_VERSION = 2;

    private final String seed;

    GrowthBookBucketing(String seed) {
        this.seed = seed;
    }

    /** The unit's bucket in [0, 1). */
    Float bucket(String unitId) {
        return GBUtils.Companion.hash(unitId, HASH_VERSION, seed);
    }
}
