package io.abtest.shadow;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link ShadowStats}; LongAdder because serving threads update them concurrently. */
final class ShadowCounters {

    final LongAdder submitted = new LongAdder();
    final LongAdder sampledOut = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder completedOk = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder sinkFailures = new LongAdder();
    final LongAdder championErrors = new LongAdder();
    final LongAdder outputFailures = new LongAdder();

    ShadowStats snapshot() {
        return new ShadowStats(
                submitted.sum(),
                sampledOut.sum(),
                dropped.sum(),
                completedOk.sum(),
                errors.sum(),
                timeouts.sum(),
                sinkFailures.sum(),
                championErrors.sum(),
                outputFailures.sum());
    }
}
