package io.abtest.router;

import java.util.Map;

/**
 * Prints the assignments of units 0..n-1 of a fixed experiment, one per line (unit, variant at coverage 1, reason and
 * variant at coverage 0.3); run in a second JVM by the tests.
 */
public final class AssignmentDump {

    static final String SALT = "cross-process-salt";

    public static void main(String[] args) {
        int units = Integer.parseInt(args[0]);
        StringBuilder out = new StringBuilder();
        for (String line : dump(units)) {
            out.append(line).append('\n');
        }
        System.out.print(out);
    }

    static String[] dump(int units) {
        ExperimentRouter router = new ExperimentRouter(Experiments.split("cross", SALT, 50, 25, 25));
        ExperimentRouter covered = new ExperimentRouter(Experiments.covered("cross", SALT, 0.3, 50, 25, 25));
        String[] lines = new String[units];
        for (int i = 0; i < units; i++) {
            String unit = "unit-" + i;
            Assignment partial = covered.assign(unit, Map.of());
            lines[i] = unit + "," + router.assign(unit, Map.of()).variant() + "," + partial.reason() + "," + partial.variant();
        }
        return lines;
    }
}
