package io.abtest.local;

import io.abtest.jobs.analysis.sink.ParquetDataset;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;

/**
 * The end of a local run, read back from the Parquet datasets it wrote: per experiment, the last analysis point's
 * overall results, the latest decision, the dead letters by reason, and where the files are.
 *
 * @param deadLettersByReason dead-letter rows per reason code
 * @param decisions decision rows
 * @param results result rows
 * @param incidentsOpened "variant guardrail" of every incident that opened
 * @param latestDecision the latest decision and its justification, "" when none
 */
record ResultsReport(Map<String, Long> deadLettersByReason, long decisions, long results, List<String> incidentsOpened,
        String latestDecision) {

    static ResultsReport print(Path root, PrintStream out) {
        Map<ParquetDataset<?>, List<GenericRecord>> rows = new LinkedHashMap<>();
        ParquetDataset.all().forEach(dataset -> rows.put(dataset, folder(root, dataset).rows()));
        List<GenericRecord> results = rows.get(ParquetDataset.RESULTS);
        List<GenericRecord> decisions = rows.get(ParquetDataset.DECISIONS);
        List<GenericRecord> deadLetters = rows.get(ParquetDataset.DEAD_LETTER);
        results.stream().map(r -> text(r, "experiment_id")).distinct().sorted()
                .forEach(experiment -> printExperiment(experiment, results, decisions, out));
        printOperational(rows.get(ParquetDataset.OPERATIONAL), out);
        List<String> opened = printGuardrails(rows.get(ParquetDataset.GUARDRAILS), out);
        Map<String, Long> byReason = deadLetters.stream()
                .collect(Collectors.groupingBy(r -> text(r, "reason"), TreeMap::new, Collectors.counting()));
        out.printf("dead letters: %d %s%n", deadLetters.size(), byReason);
        out.println("Parquet datasets under " + root + ":");
        rows.forEach((dataset, datasetRows) -> out.printf("  %-13s %3d files, %6d rows%n", dataset.name() + "/",
                folder(root, dataset).committedFiles().size(), datasetRows.size()));
        String latest = decisions.stream().max(Comparator.comparingLong(d -> (Long) d.get("as_of")))
                .map(d -> text(d, "decision") + ": " + text(d, "justification")).orElse("");
        return new ResultsReport(byReason, decisions.size(), results.size(), opened, latest);
    }

    private static void printExperiment(String experiment, List<GenericRecord> results,
            List<GenericRecord> decisions, PrintStream out) {
        List<GenericRecord> overall = results.stream()
                .filter(r -> text(r, "experiment_id").equals(experiment) && r.get("segment") == null).toList();
        long asOf = overall.stream().mapToLong(r -> (Long) r.get("as_of")).max().orElse(Long.MIN_VALUE);
        out.printf("%nexperiment %s, last analysis point %s (overall, all segments):%n", experiment,
                Instant.ofEpochMilli(asOf));
        out.printf("  %-22s %-11s %11s %11s  %-30s %9s  %s%n", "metric", "treatment", "control", "treatment",
                "lift [always-valid CI]", "always-p", "status");
        overall.stream().filter(r -> (Long) r.get("as_of") == asOf).forEach(r -> out.printf(
                "  %-22s %-11s %11s %11s  %-30s %9s  %s%n", text(r, "metric"), text(r, "treatment_variant"),
                number(r.get("control_mean")), number(r.get("treatment_mean")), lift(r),
                number(r.get("adjusted_sequential_p_value")), text(r, "status")));
        decisions.stream().filter(d -> text(d, "experiment_id").equals(experiment))
                .max(Comparator.comparingLong(d -> (Long) d.get("as_of")))
                .ifPresentOrElse(d -> out.printf("decision at %s: %s%s%n  %s%n  next: %s%n",
                                Instant.ofEpochMilli((Long) d.get("as_of")), text(d, "decision"),
                                d.get("variant") == null ? "" : " (" + text(d, "variant") + ")",
                                text(d, "justification"), text(d, "action_items").replace("\n", "\n        ")),
                        () -> out.println("decision: none written"));
    }

    /** Per experiment and served variant: the window with the worst p99 latency, beside the median window's. */
    private static void printOperational(List<GenericRecord> rows, PrintStream out) {
        Map<String, List<GenericRecord>> byVariant = rows.stream().filter(r -> (Boolean) r.get("served"))
                .collect(Collectors.groupingBy(r -> text(r, "experiment_id") + " " + text(r, "variant"), TreeMap::new,
                        Collectors.toList()));
        if (byVariant.isEmpty()) {
            return;
        }
        out.println("serving latency per window (operational/): p99 of the median window, of the worst window");
        byVariant.forEach((variant, windows) -> {
            List<GenericRecord> byP99 = windows.stream().filter(w -> w.get("latency_p99") != null)
                    .sorted(Comparator.comparingDouble(w -> (Double) w.get("latency_p99"))).toList();
            GenericRecord worst = byP99.get(byP99.size() - 1);
            out.printf("  %-30s p99 %7.1f ms typical, %7.1f ms worst (window ending %s); errors %.3f%%%n", variant,
                    (Double) byP99.get(byP99.size() / 2).get("latency_p99"), (Double) worst.get("latency_p99"),
                    Instant.ofEpochMilli((Long) worst.get("window_end")),
                    100.0 * windows.stream().mapToLong(w -> (Long) w.get("errors")).sum()
                            / Math.max(1, windows.stream().mapToLong(w -> (Long) w.get("predictions")).sum()));
        });
    }

    /** Each incident's opening and resolving rows of {@code guardrails/}; returns "variant guardrail" of the opened. */
    private static List<String> printGuardrails(List<GenericRecord> rows, PrintStream out) {
        long breaches = rows.stream().filter(r -> r.get("incident_state") == null
                || !"resolved".equals(text(r, "incident_state"))).count();
        out.printf("guardrails/: %d breaching windows%s%n", breaches, rows.isEmpty() ? "" : "; incidents:");
        rows.stream().filter(r -> r.get("incident_state") != null)
                .sorted(Comparator.comparingLong(r -> (Long) r.get("window_end")))
                .forEach(r -> out.printf("  %-8s %s %s of %s: %s %.1f against %.1f in the window ending %s (%s, %s)%n",
                        text(r, "incident_state"), text(r, "incident_id"), text(r, "guardrail"), text(r, "variant"),
                        text(r, "metric"), (Double) r.get("observed"), (Double) r.get("threshold"),
                        Instant.ofEpochMilli((Long) r.get("window_end")), text(r, "severity"), text(r, "action")));
        return rows.stream().filter(r -> "open".equals(String.valueOf(r.get("incident_state"))))
                .map(r -> text(r, "variant") + " " + text(r, "guardrail")).distinct().toList();
    }

    private static String lift(GenericRecord r) {
        Object lift = r.get("relative_effect");
        if (lift == null) {
            return "-";
        }
        return String.format("%+.1f%% [%s, %s]", 100 * (Double) lift, percent(r.get("sequential_relative_ci_low")),
                percent(r.get("sequential_relative_ci_high")));
    }

    private static String percent(Object value) {
        return value == null ? "-" : String.format("%+.1f%%", 100 * (Double) value);
    }

    private static String number(Object value) {
        return value == null ? "-" : String.format("%.4g", (Double) value);
    }

    private static String text(GenericRecord r, String field) {
        return String.valueOf(r.get(field));
    }

    private static ParquetFolder folder(Path root, ParquetDataset<?> dataset) {
        return new ParquetFolder(root.resolve(dataset.name()));
    }
}
