package io.abtest.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestSamplerTest {

    private static final int REQUESTS = 20_000;

    /** Runs REQUESTS requests through a fresh runner and returns the request ids the challenger saw. */
    private static Set<String> shadowedRequestIds(double rate) throws InterruptedException {
        Set<String> shadowed = ConcurrentHashMap.newKeySet();
        RecordingSink sink = new RecordingSink();
        ShadowRunner<String, String> runner = ShadowRunner.<String, String>builder()
                .experimentId("exp-1")
                .champion("control", "a", Function.identity())
                .challenger("treatment", "b", requestId -> {
                    shadowed.add(requestId);
                    return requestId;
                })
                .sink(sink)
                .samplingRate(rate)
                .queueCapacity(REQUESTS)
                .build();
        for (int i = 0; i < REQUESTS; i++) {
            String requestId = "req-" + i;
            runner.predict("user-" + (i % 97), requestId, null, requestId);
        }
        ShadowStats stats = runner.stats();
        assertEquals(0, stats.dropped());
        assertEquals(REQUESTS, stats.submitted() + stats.sampledOut());
        sink.awaitShadowEvents((int) stats.submitted());
        runner.close();
        assertEquals(stats.submitted(), shadowed.size());
        return shadowed;
    }

    @Test
    void aQuarterOfRequestsIsSampledAndAReplaySamplesTheSameOnes() throws InterruptedException {
        Set<String> firstRun = shadowedRequestIds(0.25);
        Set<String> replay = shadowedRequestIds(0.25);

        assertEquals(0.25, firstRun.size() / (double) REQUESTS, 0.01);
        assertEquals(firstRun, replay);
        assertEquals(IntStream.range(0, REQUESTS).mapToObj(i -> "req-" + i)
                        .filter(id -> RequestSampler.unitInterval(id) < 0.25).collect(Collectors.toSet()),
                firstRun);
    }

    @Test
    void rateZeroSamplesNothingAndRateOneEverything() throws InterruptedException {
        assertEquals(Set.of(), shadowedRequestIds(0.0));
        assertEquals(REQUESTS, shadowedRequestIds(1.0).size());
    }

    @Test
    void theUnitIntervalIsTheTop53BitsOfXxh3OverUtf8() {
        // xxhsum 0.8.1: printf 'request-1' | xxhsum -H3   ->  378a5c79d7a0c29f
        assertEquals((0x378a5c79d7a0c29fL >>> 11) * 0x1.0p-53, RequestSampler.unitInterval("request-1"), 0.0);
        // xxhsum 0.8.1: printf 'req-42' | xxhsum -H3      ->  11b911250e043d5b
        assertEquals((0x11b911250e043d5bL >>> 11) * 0x1.0p-53, RequestSampler.unitInterval("req-42"), 0.0);
        // Python 3: (0x378a5c79d7a0c29f >> 11) * 2**-53
        assertEquals(0.21695497488656468, RequestSampler.unitInterval("request-1"), 0.0);
    }

    @Test
    void ratesOutsideTheUnitIntervalAreRejected() {
        assertEquals("samplingRate must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new RequestSampler(1.5)).getMessage());
        assertTrue(new RequestSampler(1.0).sampled("any"));
    }
}
