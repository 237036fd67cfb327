package io.abtest.bench.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The check that state grows with units, not events: the streaming runs of scenarios with the same units (e.g.
 * {@code --events 1M,4M --units 100000}), their largest checkpoints side by side with the ratio to the first.
 */
final class StateByUnits {

    private StateByUnits() {}

    static String markdown(List<RunResult> results) {
        Map<Integer, List<RunResult>> byUnits = new TreeMap<>();
        results.stream().filter(r -> r.run() == BenchRun.STREAMING && r.succeeded())
                .forEach(r -> byUnits.computeIfAbsent(r.scenario().units(), u -> new ArrayList<>()).add(r));
        StringBuilder text = new StringBuilder();
        byUnits.forEach((units, runs) -> {
            if (runs.size() < 2) {
                return;
            }
            long first = runs.get(0).measurement().get("checkpoint_largest_bytes");
            text.append(String.format(Locale.ROOT, "State with %,d units:", units));
            for (RunResult r : runs) {
                long state = r.measurement().get("checkpoint_largest_bytes");
                text.append(String.format(Locale.ROOT, " %,d records (%.1f per unit) %s (x%.2f);",
                        r.scenario().events(), (double) r.scenario().events() / units, Bytes.text(state),
                        (double) state / first));
            }
            text.append("\n");
        });
        return text.toString();
    }
}
