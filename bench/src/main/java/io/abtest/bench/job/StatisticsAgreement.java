package io.abtest.bench.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The correctness cross-check of each measured run against DuckDB: the same variants, metrics and segments, the same
 * unit counts, and the same means, variances and ratio denominators to a relative {@value #RELATIVE} (both sum the
 * same doubles, in different orders).
 */
final class StatisticsAgreement {

    static final double RELATIVE = 1e-9;

    private StatisticsAgreement() {}

    /** @return what disagrees, as sentences naming the row (empty: all agree) */
    static List<String> problems(String name, List<UnitStatistic> duckdb, List<UnitStatistic> job) {
        Map<String, UnitStatistic> expected = byKey(duckdb);
        Map<String, UnitStatistic> actual = byKey(job);
        List<String> problems = new ArrayList<>();
        if (!expected.keySet().equals(actual.keySet())) {
            problems.add(name + ": rows differ from DuckDB's: DuckDB only " + without(expected, actual) + ", "
                    + name + " only " + without(actual, expected));
        }
        for (Map.Entry<String, UnitStatistic> e : expected.entrySet()) {
            UnitStatistic d = e.getValue();
            UnitStatistic j = actual.get(e.getKey());
            if (j == null) {
                continue;
            }
            if (d.n() != j.n()) {
                problems.add(name + ": " + e.getKey() + ": " + j.n() + " units, DuckDB " + d.n());
            } else if (!close(d.meanY(), j.meanY()) || !close(d.varY(), j.varY()) || !close(d.meanD(), j.meanD())) {
                problems.add(name + ": " + e.getKey() + ": mean " + j.meanY() + ", variance " + j.varY()
                        + ", mean denominator " + j.meanD() + "; DuckDB " + d.meanY() + ", " + d.varY() + ", "
                        + d.meanD());
            }
        }
        return problems;
    }

    /** Units per variant of one metric over all units: the counts the benchmark prints side by side. */
    static Map<String, Long> unitsByVariant(List<UnitStatistic> statistics, String metric) {
        return statistics.stream().filter(s -> s.metric().equals(metric) && s.segment() == null)
                .collect(Collectors.toMap(UnitStatistic::variant, UnitStatistic::n, Long::sum, TreeMap::new));
    }

    private static boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) == Double.isNaN(actual);
        }
        return Math.abs(expected - actual) <= RELATIVE * Math.max(1, Math.abs(expected));
    }

    private static Map<String, UnitStatistic> byKey(List<UnitStatistic> rows) {
        return rows.stream().collect(Collectors.toMap(UnitStatistic::key, Function.identity(), (a, b) -> a,
                TreeMap::new));
    }

    private static List<String> without(Map<String, UnitStatistic> a, Map<String, UnitStatistic> b) {
        return a.keySet().stream().filter(k -> !b.containsKey(k)).toList();
    }
}
