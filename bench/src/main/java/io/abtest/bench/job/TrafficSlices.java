package io.abtest.bench.job;

import io.abtest.jobs.synthetic.RequestsPerUnit;
import io.abtest.jobs.synthetic.SyntheticOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's traffic as consecutive slices, each generated, written and dropped before the next, so that the
 * generator (which holds a slice's events in memory) stays within a few GB at 16M records. Slice {@code i} has its
 * own seed (so its own unit ids, {@code user-SEED-N}) and the {@code i}-th part of the event-time span: the units of
 * a slice arrive and leave within it, and the slices follow each other in event time, so streaming them one after
 * another makes no record late.
 *
 * <p>The generator's default traffic otherwise (1% malformed, 1% duplicate, 1% unmatched outcomes, a 10% conversion
 * rate, an A/A split 50/50), except that no record is sent late: a late record is dead-lettered by a streaming run
 * but counts in a rerun, and every run here must give the same unit counts.
 */
final class TrafficSlices {

    private TrafficSlices() {}

    static List<SyntheticOptions> of(BenchScenario scenario, long sliceEvents, Duration span, long seed) {
        int slices = (int) Math.max(1, (scenario.events() + sliceEvents - 1) / sliceEvents);
        Duration sliceSpan = span.dividedBy(slices);
        List<SyntheticOptions> options = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            int units = scenario.units() / slices + (i < scenario.units() % slices ? 1 : 0);
            options.add(SyntheticOptions.builder()
                    .seed(seed + i)
                    .units(units)
                    .requestsPerUnit(RequestsPerUnit.poisson(scenario.requestsPerUnit()))
                    .start(SyntheticOptions.DEFAULT_START.plus(sliceSpan.multipliedBy(i)))
                    .duration(sliceSpan)
                    .lateFraction(0)
                    .build());
        }
        return options;
    }
}
