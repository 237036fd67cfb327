package io.abtest.bench;

import io.abtest.config.ExperimentConfigLoader;
import io.abtest.router.Assignment;
import io.abtest.router.ExperimentRouter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One assignment: ns per call, and (with {@code -prof gc}) bytes allocated per call. Run single-threaded
 * and with 2 threads; the README records the figures and the exact command. {@code coverage=1} is the path of
 * every experiment before coverage existed (one hash); below 1 every call hashes for coverage and covered units
 * hash again for the split.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouterBenchmark {

    private static final String EXPERIMENT = String.join("\n",
            "experiment_id: bench",
            "hash_salt: bench-salt",
            "variants:",
            "  - {name: champion, weight: 50, control: true}",
            "  - {name: challenger, weight: 50}",
            "targeting:",
            "  all:",
            "    - {attribute: country, in: [US, CA, DE]}",
            "metrics:",
            "  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better, primary: true}",
            "minimum_detectable_effect: 0.02");

    @State(Scope.Benchmark)
    public static class Routers {
        /** The experiment's coverage: 1 (one hash per call) or below (two hashes for covered units). */
        @Param({"1", "0.5"})
        String coverage;

        ExperimentRouter router;
        final Map<String, String> attributes = Map.of("country", "DE", "device", "mobile");

        @Setup
        public void setUp() {
            router = new ExperimentRouter(ExperimentConfigLoader.parse(EXPERIMENT + "\ncoverage: " + coverage, "bench.yaml"));
        }
    }

    /** Per thread, a ring of distinct unit ids of realistic length, built before measuring. */
    @State(Scope.Thread)
    public static class Units {
        final String[] ids = new String[4096];
        int next;

        @Setup
        public void setUp() {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = "user-" + (1_000_000_000L + i * 7919L);
            }
        }

        String next() {
            next = (next + 1) & (ids.length - 1);
            return ids[next];
        }
    }

    @Benchmark
    public Assignment assign(Routers routers, Units units) {
        return routers.router.assign(units.next(), routers.attributes);
    }
}
