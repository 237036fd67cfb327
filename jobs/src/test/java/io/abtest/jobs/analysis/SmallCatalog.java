package io.abtest.jobs.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A one-experiment catalog for operator tests: {@code exp}, champion (control) and challenger 50/50, primary
 * metric {@code converted}, MDE 5%. The given lines follow the primary metric: more metrics first, then other keys.
 */
public final class SmallCatalog {

    private SmallCatalog() {}

    public static ExperimentCatalog of(String... more) {
        List<String> lines = new ArrayList<>(List.of(
                "experiment_id: exp",
                "hash_salt: exp",
                "variants: [{name: champion, weight: 50, control: true}, {name: challenger, weight: 50}]",
                "metrics:",
                "  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better, "
                        + "primary: true}"));
        lines.addAll(List.of(more));
        lines.add("minimum_detectable_effect: 0.05");
        return ExperimentCatalog.of(Map.of("exp.yaml", String.join("\n", lines) + "\n"));
    }
}
