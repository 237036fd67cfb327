package io.abtest.bench;

import com.optimizely.ab.config.Variation;
import io.abtest.config.ExperimentConfigLoader;
import io.abtest.router.Assignment;
import io.abtest.router.ExperimentRouter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.openhft.hashing.LongHashFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One assignment of one unit, side by side with the floor and with peer SDKs' bucketing on the same unit ids: ns per
 * call, and (with {@code -prof gc}) bytes allocated per call. Run with {@code -t 1} and {@code -t 2}; the README
 * records the figures and the exact commands.
 *
 * <ul>
 *   <li>{@link #assign}: {@code ExperimentRouter.assign} on a 50/50 experiment, with or without a targeting
 *       condition ({@code targeted}; the attributes are a {@code Map.of} of two entries). {@code coverage=1} is the path of every experiment before coverage existed (one hash); below 1 every call
 *       hashes for coverage and covered units hash again for the split.
 *   <li>{@link #bareHash}: the floor, the one call of the hashing library the router makes per split
 *       (zero-allocation-hashing's seeded XXH3-64 over the id's chars), without the router around it.
 *   <li>the peers, each described in its own class: {@link OptimizelyBucketing}, {@link GrowthBookBucketing},
 *       {@link StatsigBucketing}.
 * </ul>
 *
 * <p>Each thread walks its own ring of 4,096 distinct ids of {@code idLength} characters, built before measuring.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouterBenchmark {

    private static final String SALT = "bench-salt";

    private static final String EXPERIMENT = String.join("\n",
            "experiment_id: bench",
            "hash_salt: " + SALT,
            "variants:",
            "  - {name: champion, weight: 50, control: true}",
            "  - {name: challenger, weight: 50}",
            "metrics:",
            "  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better, primary: true}",
            "minimum_detectable_effect: 0.02");

    private static final String TARGETING = String.join("\n",
            "targeting:",
            "  all:",
            "    - {attribute: country, in: [US, CA, DE]}");

    @State(Scope.Benchmark)
    public static class Routers {
        /** The experiment's coverage: 1 (one hash per call) or below (two hashes for covered units). */
        @Param({"1", "0.5"})
        String coverage;

        /** Whether the experiment has a targeting condition (country in [US, CA, DE]; every unit passes it). */
        @Param({"true", "false"})
        boolean targeted;

        ExperimentRouter router;
        final Map<String, String> attributes = Map.of("country", "DE", "device", "mobile");

        @Setup
        public void setUp() {
            String yaml = EXPERIMENT + "\ncoverage: " + coverage + (targeted ? "\n" + TARGETING : "");
            router = new ExperimentRouter(ExperimentConfigLoader.parse(yaml, "bench.yaml"));
        }
    }

    /** Per thread, a ring of distinct unit ids of one length. */
    @State(Scope.Thread)
    public static class Units {
        @Param({"8", "36", "64"})
        int idLength;

        String[] ids;
        int next;

        @Setup
        public void setUp() {
            ids = UnitIds.of(idLength, 4096, Thread.currentThread().getId());
        }

        String next() {
            next = (next + 1) & (ids.length - 1);
            return ids[next];
        }
    }

    @State(Scope.Benchmark)
    public static class BareHash {
        /** Seeded as {@code UnitHash} seeds it: with XXH3-64 of the salt. */
        final LongHashFunction xxh3 = LongHashFunction.xx3(LongHashFunction.xx3().hashChars(SALT));
    }

    @State(Scope.Benchmark)
    public static class Optimizely {
        final OptimizelyBucketing bucketing = new OptimizelyBucketing("bench");
    }

    @State(Scope.Benchmark)
    public static class GrowthBook {
        final GrowthBookBucketing bucketing = new GrowthBookBucketing(SALT);
    }

    /** Per thread: the SDK's evaluator memoizes hashes in a HashMap, which is not safe to share. */
    @State(Scope.Thread)
    public static class Statsig {
        StatsigBucketing bucketing;

        @Setup
        public void setUp() {
            bucketing = new StatsigBucketing(SALT, "rule-salt", 50);
        }

        @TearDown
        public void tearDown() {
            bucketing.close();
        }
    }

    @Benchmark
    public Assignment assign(Routers routers, Units units) {
        return routers.router.assign(units.next(), routers.attributes);
    }

    @Benchmark
    public long bareHash(BareHash hash, Units units) {
        return hash.xxh3.hashChars(units.next());
    }

    @Benchmark
    public Variation optimizelyBucket(Optimizely optimizely, Units units) {
        return optimizely.bucketing.bucket(units.next());
    }

    @Benchmark
    public int optimizelyBucketValue(Optimizely optimizely, Units units) {
        return optimizely.bucketing.bucketValue(units.next());
    }

    @Benchmark
    public Float growthBookHash(GrowthBook growthBook, Units units) {
        return growthBook.bucketing.bucket(units.next());
    }

    @Benchmark
    public boolean statsigPassPercent(Statsig statsig, Units units) {
        return statsig.bucketing.passes(units.next());
    }
}
