package io.abtest.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The {@code alert-latency} harness's arithmetic and table: per incident, the stages from the watermark passing the
 * breaching window's end to Alertmanager's answer; over the incidents, nearest-rank percentiles; and the verdict.
 */
final class AlertLatencyReport {

    /** Incidents that must be measured for a verdict. */
    static final int MIN_INCIDENTS = 20;
    /** The target for the p99 of {@link Incident#totalMs}. */
    static final Duration TARGET = Duration.ofSeconds(5);

    /**
     * The stages between the watermark passing the window's end at the sources and Alertmanager's answer, in order;
     * each is measured from the end of the one before. "Passes" means every subtask's input watermark is at least
     * {@code end - 1}, except for the judging operator, whose subtask that holds the experiment is taken.
     */
    static final List<String> STAGES = List.of(
            "sources' watermark passes the end -> judging operator's does",
            "-> window judged (its timer fires)",
            "-> judgments' operator's watermark passes (it also waits for the analysis)",
            "-> CEP operator's watermark passes (breach run matched)",
            "-> incident lifecycle's watermark passes (incident opened)",
            "-> the incident reaches the Alertmanager notifier",
            "-> the alert's POST arrives at Alertmanager's port",
            "-> Alertmanager answers 200");

    /**
     * One incident's times, in ms; NaN where a time could not be placed.
     *
     * @param windowEnd the end of the window that opened it (its {@code startsAt})
     * @param stagesMs the {@link #STAGES}, in order
     * @param totalMs the sources' watermark passing the end, to Alertmanager's answer: the headline, measured from
     *     the last sample before the watermark was seen past the end (so at most {@code errorMs} too long)
     * @param errorMs how much shorter the true total can be: the sampling gap around the watermark's crossing
     * @param analysisAfterJudgeMs context: the analysis operator's watermark passing the end, after the judging
     *     operator's (the judgments' operator waits for the later of the two)
     * @param watermarkLagMs context: the wall clock when the sources' watermark passed the end, minus {@code end +
     *     out-of-orderness} (when it ideally could, with event time = wall clock): Kafka, the source, the 200 ms
     *     watermark interval
     */
    record Incident(Instant windowEnd, List<Double> stagesMs, double totalMs, double errorMs,
            double analysisAfterJudgeMs, double watermarkLagMs) {

        Incident {
            if (stagesMs.size() != STAGES.size()) {
                throw new IllegalArgumentException("expected " + STAGES.size() + " stages, got " + stagesMs);
            }
            stagesMs = List.copyOf(stagesMs);
        }

        double stageMs(int stage) {
            return stagesMs.get(stage);
        }
    }

    /** Nearest-rank percentiles (the smallest value with at least p% of the values at or below it). */
    record Stats(int n, double p50, double p99, double max) {
        static Stats of(List<Incident> incidents, ToDoubleFunction<Incident> value) {
            double[] values = incidents.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
            return new Stats(values.length, percentile(values, 50), percentile(values, 99),
                    values.length == 0 ? Double.NaN : values[values.length - 1]);
        }
    }

    private AlertLatencyReport() {}

    /**
     * The nearest-rank percentile of sorted values: the value at rank {@code ceil(p / 100 * n)} (1-based). With fewer
     * than 100 values the 99th percentile is therefore the maximum. NaN for no values.
     */
    static double percentile(double[] sorted, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] < sorted[i - 1]) {
                throw new IllegalArgumentException("values must be sorted: " + Arrays.toString(sorted));
            }
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /** Why the run fails: too few incidents measured, alerts that never arrived, a p99 at or above the target. */
    static List<String> problems(List<Incident> measured, int missing) {
        List<String> problems = new ArrayList<>();
        if (measured.size() < MIN_INCIDENTS) {
            problems.add("only " + measured.size() + " incidents were measured; at least " + MIN_INCIDENTS
                    + " are needed (more --incidents, or see above what was not measured)");
        }
        if (missing > 0) {
            problems.add(missing + " scheduled incident(s) never reached Alertmanager: their latency is unbounded");
        }
        Stats total = Stats.of(measured, Incident::totalMs);
        if (total.n() > 0 && total.p99() >= TARGET.toMillis()) {
            problems.add(String.format(Locale.ROOT, "p99 %.0f ms is not under the target of %d ms", total.p99(),
                    TARGET.toMillis()));
        }
        if (total.n() < measured.size()) {
            problems.add((measured.size() - total.n()) + " incident(s) have no watermark crossing recorded");
        }
        return problems;
    }

    /** The per-stage table: n, p50, p99 and max of each stage and of the total. */
    static String table(List<Incident> incidents) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "  %-78s %5s %8s %8s %8s%n", "stage (ms)", "n", "p50", "p99", "max"));
        for (int stage = 0; stage < STAGES.size(); stage++) {
            int index = stage;
            row(table, (stage + 1) + ". " + STAGES.get(stage), incidents, i -> i.stageMs(index));
        }
        row(table, "TOTAL: sources' watermark passes the end -> Alertmanager has the alert", incidents,
                Incident::totalMs);
        row(table, "  sampling error of the total (it may be shorter by up to)", incidents, Incident::errorMs);
        row(table, "  context: analysis operator's watermark passes, after the judging one's", incidents,
                Incident::analysisAfterJudgeMs);
        row(table, "  context: sources' watermark passes the end, after end + out-of-orderness", incidents,
                Incident::watermarkLagMs);
        return table.toString();
    }

    private static void row(StringBuilder table, String stage, List<Incident> incidents,
            ToDoubleFunction<Incident> value) {
        Stats stats = Stats.of(incidents, value);
        table.append(String.format(Locale.ROOT, "  %-78s %5d %8.1f %8.1f %8.1f%n", stage, stats.n(), stats.p50(),
                stats.p99(), stats.max()));
    }

    /** One line per incident: the stages by number, the total, its sampling error and the context columns. */
    static String perIncident(List<Incident> incidents) {
        StringBuilder lines = new StringBuilder(String.format(Locale.ROOT, "  %-24s", "window end (UTC)"));
        for (int stage = 1; stage <= STAGES.size(); stage++) {
            lines.append(String.format(Locale.ROOT, " %6s", stage + "."));
        }
        lines.append(String.format(Locale.ROOT, " %7s %5s %6s %6s%n", "TOTAL", "error", "analys", "wm lag"));
        for (Incident i : incidents) {
            lines.append(String.format(Locale.ROOT, "  %-24s", i.windowEnd()));
            for (double stage : i.stagesMs()) {
                lines.append(String.format(Locale.ROOT, " %6.1f", stage));
            }
            lines.append(String.format(Locale.ROOT, " %7.1f %5.1f %6.1f %6.1f%n", i.totalMs(), i.errorMs(),
                    i.analysisAfterJudgeMs(), i.watermarkLagMs()));
        }
        return lines.toString();
    }
}
